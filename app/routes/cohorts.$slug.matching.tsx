import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { Alert, Button, Card, Checkbox, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { cohortParticipants, joinPreview, matchingCounts, suggestAllForCohort, type Participant } from "~/models/pairing/matching.server";
import { OrganiserNav } from "~/components/organiser-nav";
import { pairByOrganiser } from "~/models/pairing/requests.server";
import { rankSuggestions } from "~/models/pairing/suggestions";
import { appUrl } from "~/utils/env.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Samarbeidspartnere – Knutepunkt" }];

const PairValue = z
  .string()
  .regex(/^\d+:\d+$/, { error: "validation.invalid" })
  .transform((v) => {
    const [gpId, physioId] = v.split(":").map(Number);
    return { gpId: gpId!, physioId: physioId! };
  });

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pair"), pair: PairValue }),
  z.object({ intent: z.literal("join"), pair: PairValue, partnershipId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("saveAll"),
    pair: z.array(PairValue).max(2000).default([]),
  }),
]);

const SUGGESTIONS_SHOWN = 3;

function view(p: Participant) {
  return {
    id: p.id,
    name: p.name,
    municipality: p.municipality,
    practice: p.practice,
    partnerCount: p.partnerCount,
    partnershipId: p.partnershipId,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const participants = cohortParticipants(cohort.id);
  const gps = participants.filter((p) => p.profession === "gp");
  const physios = participants.filter((p) => p.profession === "physio");
  const unpairedGps = gps.filter((p) => !p.partnershipId);
  const unpairedPhysios = physios.filter((p) => !p.partnershipId);
  const showProposal = new URL(request.url).searchParams.get("proposal") === "1";
  const byId = new Map(participants.map((p) => [p.id, p]));
  const topSuggestions = (p: (typeof participants)[number], candidates: typeof participants) =>
    rankSuggestions(p, candidates)
      .slice(0, SUGGESTIONS_SHOWN)
      .map((s) => ({
        id: s.id,
        name: s.name,
        municipality: s.municipality,
        partnerCount: s.partnerCount,
        tier: s.tier,
        partnered: s.partnershipId !== null,
      }));
  const join = PairValue.safeParse(new URL(request.url).searchParams.get("join") ?? "");
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    join: join.success ? joinPreview(cohort.id, join.data.gpId, join.data.physioId) : null,
    counts: matchingCounts(participants),
    // A physiotherapist may join any GP (partnered GPs included, ranked by load); a GP gets unpaired physiotherapists.
    physios: unpairedPhysios.map((p) => ({
      ...view(p),
      suggestions: topSuggestions(p, gps),
    })),
    gps: unpairedGps.map((p) => ({
      ...view(p),
      suggestions: topSuggestions(p, unpairedPhysios),
    })),
    proposal: showProposal
      ? suggestAllForCohort(participants).map((p) => ({
          ...p,
          gp: view(byId.get(p.gpId)!),
          physio: view(byId.get(p.physioId)!),
        }))
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const t = await i18next.getFixedT(request);
  const submission = parseForm(await request.formData());
  if (!submission.success) return data({ errors: [] as string[], error: "validation.invalid" }, { status: 400 });
  const v = submission.data;
  const pairs = v.intent === "saveAll" ? v.pair : [v.pair];
  const results = await pairByOrganiser({
    cohortId: cohort.id,
    organiserId: user.id,
    pairs,
    baseUrl: appUrl(),
    joinPartnershipId: v.intent === "join" ? v.partnershipId : undefined,
  });
  const failed = results.filter((r) => "error" in r);
  const ok = results.length - failed.length;
  if (failed.length && ok === 0) {
    return data(
      {
        errors: failed.map((f) => ("error" in f ? `partners.errors.${f.error}` : "")),
        error: "partners.matching.nothingSaved",
      },
      { status: 409 }
    );
  }
  return redirectWithToast(`/cohorts/${cohort.slug}/matching`, {
    kind: failed.length ? "warning" : "success",
    message:
      (v.intent === "join" ? t("partners.matching.joined") : t("partners.matching.saved", { count: ok })) +
      (failed.length ? ` ${t("partners.matching.skipped", { count: failed.length })}` : ""),
  });
}

function parseForm(formData: FormData) {
  return ActionSchema.safeParse({
    intent: formData.get("intent"),
    partnershipId: formData.get("partnershipId") ?? undefined,
    pair: formData.get("intent") === "saveAll" ? formData.getAll("pair") : formData.get("pair"),
  });
}

export default function MatchingBoard() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const tierLabel = (tier: number) => t(`partners.matching.tier${tier}`);
  return (
    <div className="stack">
      <OrganiserNav slug={d.cohort.slug} />
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("organiserNav.matching")}
        </Heading>
        <Paragraph className="muted">{d.cohort.title}</Paragraph>
        <Paragraph>{t("partners.matching.intro")}</Paragraph>
      </div>
      {d.join ? (
        <section className="stack-sm" aria-labelledby="join-heading">
          <Alert data-color="warning">
            <Heading level={2} data-size="sm" id="join-heading">
              {t("partners.matching.joinTitle", { physio: d.join.physio.name, members: d.join.members.join(", ") })}
            </Heading>
            <Paragraph>{t("partners.matching.joinExplain", { physio: d.join.physio.name, gp: d.join.gp.name, members: d.join.members.join(", ") })}</Paragraph>
            {d.join.agreementInForce ? (
              <Paragraph>
                <strong>{t("partners.matching.joinAgreementInForce")}</strong>
              </Paragraph>
            ) : d.join.hasAgreement ? (
              <Paragraph>{t("partners.matching.joinAgreementPending")}</Paragraph>
            ) : null}
          </Alert>
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="join" />
            <input type="hidden" name="pair" value={`${d.join.gp.id}:${d.join.physio.id}`} />
            <input type="hidden" name="partnershipId" value={d.join.partnershipId} />
            <Button type="submit" disabled={busy}>
              {t("partners.matching.joinConfirm")}
            </Button>
            <Link to={`/cohorts/${d.cohort.slug}/matching`}>{t("common.cancel")}</Link>
          </Form>
        </section>
      ) : null}
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)} {actionData.errors.map((e) => t(e)).join(" ")}
        </Alert>
      ) : null}
      <dl className="counts" aria-label={t("partners.matching.counts")}>
        <div>
          <dt>{t("partners.matching.paired")}</dt>
          <dd data-testid="count-paired">{d.counts.paired}</dd>
        </div>
        <div>
          <dt>{t("partners.matching.unpaired")}</dt>
          <dd data-testid="count-unpaired">{d.counts.unpaired}</dd>
        </div>
        <div>
          <dt>{t("partners.matching.partnerships")}</dt>
          <dd>{d.counts.partnerships}</dd>
        </div>
        <div>
          <dt>{t("partners.matching.incomplete")}</dt>
          <dd data-testid="count-incomplete">{d.counts.incomplete}</dd>
        </div>
      </dl>

      <section className="stack-sm" aria-labelledby="suggest-all-heading">
        <Heading level={2} data-size="md" id="suggest-all-heading">
          {t("partners.matching.suggestAll")}
        </Heading>
        {!d.proposal ? (
          <Form method="get">
            <input type="hidden" name="proposal" value="1" />
            <Button type="submit" variant="secondary" disabled={d.physios.length === 0}>
              {t("partners.matching.makeProposal")}
            </Button>
          </Form>
        ) : d.proposal.length === 0 ? (
          <Paragraph>{t("partners.matching.nothingToPropose")}</Paragraph>
        ) : (
          <Form method="post" className="stack-sm">
            <input type="hidden" name="intent" value="saveAll" />
            <Paragraph>{t("partners.matching.reviewProposal")}</Paragraph>
            <div className="table-wrap">
              <Table>
                <caption className="visually-hidden">{t("partners.matching.proposalCaption")}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t("partners.matching.include")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("common.professions.physio")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("common.professions.gp")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("partners.matching.proximity")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("partners.matching.existing")}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {d.proposal.map((p) => (
                    <Table.Row key={`${p.gpId}:${p.physioId}`}>
                      <Table.Cell>
                        <Checkbox
                          name="pair"
                          value={`${p.gpId}:${p.physioId}`}
                          defaultChecked
                          aria-label={t("partners.matching.includePair", {
                            physio: p.physio.name,
                            gp: p.gp.name,
                          })}
                        />
                      </Table.Cell>
                      <Table.Cell>
                        {p.physio.name} <span className="muted">({p.physio.municipality ?? "–"})</span>
                      </Table.Cell>
                      <Table.Cell>
                        {p.gp.name} <span className="muted">({p.gp.municipality ?? "–"})</span>
                      </Table.Cell>
                      <Table.Cell>{tierLabel(p.tier)}</Table.Cell>
                      <Table.Cell>
                        {p.gp.partnershipId || p.physio.partnershipId
                          ? t("partners.matching.alreadyPartnered")
                          : t("partners.matching.newPartnership")}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            </div>
            <div className="row">
              <Button type="submit" disabled={busy}>
                {t("partners.matching.saveProposal")}
              </Button>
              <Link to={`/cohorts/${d.cohort.slug}/matching`}>{t("common.cancel")}</Link>
            </div>
          </Form>
        )}
      </section>

      <div className="board">
        <section className="stack-sm" aria-labelledby="physios-heading">
          <Heading level={2} data-size="md" id="physios-heading">
            {t("partners.matching.unpairedPhysios", {
              count: d.physios.length,
            })}
          </Heading>
          {d.physios.length === 0 ? <Paragraph>{t("partners.matching.none")}</Paragraph> : null}
          <ul className="stack-sm plain-list">
            {d.physios.map((p) => (
              <li key={p.id}>
                <PersonCard
                  person={p}
                  suggestions={p.suggestions}
                  makePair={(s) => `${s}:${p.id}`}
                  busy={busy}
                  tierLabel={tierLabel}
                  slug={d.cohort.slug}
                />
              </li>
            ))}
          </ul>
        </section>
        <section className="stack-sm" aria-labelledby="gps-heading">
          <Heading level={2} data-size="md" id="gps-heading">
            {t("partners.matching.unpairedGps", { count: d.gps.length })}
          </Heading>
          {d.gps.length === 0 ? <Paragraph>{t("partners.matching.none")}</Paragraph> : null}
          <ul className="stack-sm plain-list">
            {d.gps.map((p) => (
              <li key={p.id}>
                <PersonCard
                  person={p}
                  suggestions={p.suggestions}
                  makePair={(s) => `${p.id}:${s}`}
                  busy={busy}
                  tierLabel={tierLabel}
                  slug={d.cohort.slug}
                />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

type Suggestion = {
  id: number;
  name: string;
  municipality: string | null;
  partnerCount: number;
  tier: number;
  partnered: boolean;
};

function PersonCard({
  person,
  suggestions,
  makePair,
  busy,
  tierLabel,
  slug,
}: {
  person: {
    id: number;
    name: string;
    municipality: string | null;
    practice: string | null;
  };
  suggestions: Suggestion[];
  makePair: (suggestionId: number) => string;
  busy: boolean;
  tierLabel: (tier: number) => string;
  slug: string;
}) {
  const { t } = useTranslation();
  const headingId = `person-${person.id}`;
  return (
    <Card aria-labelledby={headingId} className="match-card">
      <Heading level={3} data-size="xs" id={headingId}>
        {person.name}
      </Heading>
      <Paragraph data-size="sm" className="muted">
        {[person.practice, person.municipality].filter(Boolean).join(", ") || "–"}
      </Paragraph>
      {suggestions.length === 0 ? (
        <Paragraph data-size="sm">{t("partners.matching.noSuggestions")}</Paragraph>
      ) : (
        <ol className="stack-sm">
          {suggestions.map((s) => (
            <li key={s.id} className="row">
              <span>
                {s.name} <span className="muted">({s.municipality ?? "–"})</span>{" "}
                <Tag data-color={s.tier === 0 ? "success" : s.tier === 1 ? "info" : "neutral"}>{tierLabel(s.tier)}</Tag>{" "}
                {s.partnerCount > 0 ? (
                  <span className="muted">
                    {t("partners.matching.hasPartners", {
                      count: s.partnerCount,
                    })}
                  </span>
                ) : null}
              </span>
              {s.partnered ? (
                // Joining an existing partnership goes through a confirmation that names it.
                <Link
                  to={`/cohorts/${slug}/matching?join=${makePair(s.id)}`}
                  aria-label={t("partners.matching.joinWith", { a: person.name, b: s.name })}
                >
                  {t("partners.matching.join")}
                </Link>
              ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="pair" />
                <input type="hidden" name="pair" value={makePair(s.id)} />
                <Button
                  type="submit"
                  data-size="sm"
                  variant="secondary"
                  disabled={busy}
                  aria-label={t("partners.matching.pairWith", {
                    a: person.name,
                    b: s.name,
                  })}
                >
                  {t("partners.matching.pair")}
                </Button>
              </Form>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
