import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Card, Checkbox, Details, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { PersonFacts, personFactLabels, ProfessionTag } from "~/components/person-facts";
import { z } from "zod";
import { Id, RequestSchema } from "~/schemas/partner-request";
import { PARTNER_REQUEST_CONSTRAINT } from "~/schemas/constraints";
import { useLazyFormsValidation } from "~/utils/lazy-validation";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { PlainTextareaField, fieldErrorText } from "~/components/forms";
import { FilterSelect } from "~/components/filter-select";
import {
  acceptPartnerRequest,
  declinePartnerRequest,
  leavePartnership,
  municipalitiesOfCohort,
  myPartnership,
  myRequests,
  PairingError,
  PARTNER_PAGE_SIZE,
  partnerCardsPage,
  requirePartnerPageAccess,
  sendPartnerRequest,
  withdrawPartnerRequest,
} from "~/models/pairing.server";
import { appUrl } from "~/utils/env.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import partnersCss from "~/styles/partners.css?url";
import { PROFESSIONS } from "../../db/enums";
import { CardForm, keepDataWhenOnlyOpenChanges, useOpenCard } from "~/components/card-form";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];

export const meta: MetaFunction = () => [{ title: "Finn samarbeidspartner – Knutepunkt" }];

export const shouldRevalidate = keepDataWhenOnlyOpenChanges;

const ActionSchema = z.discriminatedUnion("intent", [
  RequestSchema,
  z.object({ intent: z.literal("accept"), requestId: Id }),
  z.object({ intent: z.literal("decline"), requestId: Id }),
  z.object({ intent: z.literal("withdraw"), requestId: Id }),
  z.object({
    intent: z.literal("leave"),
    reason: z.string().trim().max(300, { error: "validation.tooLong" }).default(""),
  }),
]);

const FilterSchema = z.object({
  profession: z.enum(["gp", "physio"]).optional().catch(undefined),
  municipality: z.string().trim().max(80).optional().catch(undefined),
  withoutPartner: z.literal("on").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cohort, participant, organiser } = await requirePartnerPageAccess(request, params.slug!);
  const url = new URL(request.url);
  const filters = FilterSchema.parse(Object.fromEntries(url.searchParams));
  const { cards, total, page, pages } = partnerCardsPage(
    cohort.id,
    user,
    {
      profession: filters.profession,
      municipality: filters.municipality || undefined,
      withoutPartner: filters.withoutPartner === "on",
    },
    filters.page
  );
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    me: {
      id: user.id,
      profession: user.profession,
      partnerProfileOptIn: user.partnerProfileOptIn,
    },
    participant,
    organiser,
    filters: {
      profession: filters.profession ?? "",
      municipality: filters.municipality ?? "",
      withoutPartner: filters.withoutPartner === "on",
    },
    municipalities: municipalitiesOfCohort(cohort.id),
    cards,
    paging: { total, page, pages, pageSize: PARTNER_PAGE_SIZE },
    requests: participant ? myRequests(cohort.id, user.id) : { incoming: [], outgoing: [] },
    partnership: participant ? myPartnership(cohort.id, user.id) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort, participant } = await requirePartnerPageAccess(request, params.slug!);
  const t = await i18next.getFixedT(request);
  const submission = parseWithZod(await request.formData(), {
    schema: ActionSchema,
  });
  if (submission.status !== "success") {
    return data(
      {
        result: submission.reply(),
        formId: submission.payload.intent === "request" ? `request-${submission.payload.toUserId}` : null,
        error: null,
      },
      { status: 400 }
    );
  }
  if (!participant) return data({ result: null, formId: null, error: "partners.errors.notParticipant" }, { status: 403 });
  const v = submission.value;
  const back = `/cohorts/${cohort.slug}/partners`;
  const baseUrl = appUrl();
  try {
    switch (v.intent) {
      case "request":
        await sendPartnerRequest({
          cohortId: cohort.id,
          fromUserId: user.id,
          toUserId: v.toUserId,
          message: v.message,
          baseUrl,
        });
        return redirectWithToast(back, {
          kind: "success",
          message: t("partners.page.requestSent"),
        });
      case "accept": {
        const r = await acceptPartnerRequest({
          requestId: v.requestId,
          userId: user.id,
          baseUrl,
        });
        return redirectWithToast(back, {
          kind: "success",
          message: t(r.alreadyTogether ? "partners.page.alreadyTogether" : "partners.page.accepted"),
        });
      }
      case "decline":
        await declinePartnerRequest({
          requestId: v.requestId,
          userId: user.id,
        });
        return redirectWithToast(back, {
          kind: "info",
          message: t("partners.page.declined"),
        });
      case "withdraw":
        await withdrawPartnerRequest({
          requestId: v.requestId,
          userId: user.id,
        });
        return redirectWithToast(back, {
          kind: "info",
          message: t("partners.page.withdrawn"),
        });
      case "leave":
        await leavePartnership({
          cohortId: cohort.id,
          userId: user.id,
          reason: v.reason,
        });
        return redirectWithToast(back, {
          kind: "info",
          message: t("partners.page.left"),
        });
    }
  } catch (error) {
    if (error instanceof PairingError) return data({ result: null, formId: null, error: `partners.errors.${error.code}` }, { status: 409 });
    throw error;
  }
}

export default function PartnersPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const cardTexts = useCardTexts();
  const reply = actionData ?? undefined;
  const requestForms = useLazyFormsValidation(
    () => import("~/schemas/partner-request").then((m) => m.validatePartnerRequest),
    reply
  );
  const submitting = navigation.state === "submitting";
  const { openId, hrefFor, followToggle } = useOpenCard();
  const professionOptions = (["gp", "physio"] as const).map((p) => ({
    value: p,
    label: t(`common.professionsPlural.${p}`),
  }));
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("partners.page.title")}
        </Heading>
        <Paragraph className="muted">{d.cohort.title}</Paragraph>
        <Paragraph>{t("partners.page.intro")}</Paragraph>
        {d.organiser ? (
          <Paragraph>
            <Link to={`/cohorts/${d.cohort.slug}/matching`}>{t("partners.page.toMatching")}</Link>
          </Paragraph>
        ) : null}
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}

      {d.participant ? <MyPartnership partnership={d.partnership} meId={d.me.id} /> : null}
      {d.participant ? <Requests requests={d.requests} /> : null}
      {d.participant && !d.me.partnerProfileOptIn ? (
        <Alert data-color="info">
          {t("partners.page.notOptedIn")} <Link to="/profile">{t("partners.page.editProfile")}</Link>
        </Alert>
      ) : null}

      <section className="stack-sm" aria-labelledby="find-heading">
        <Heading level={2} data-size="md" id="find-heading">
          {t("partners.page.participants")}
        </Heading>
        <Form method="get" className="row filters" aria-label={t("partners.page.filters")}>
          <FilterSelect
            id="f-profession"
            name="profession"
            label={t("partners.page.filterProfession")}
            allLabel={t("partners.page.all")}
            options={professionOptions}
            defaultValue={d.filters.profession}
          />
          <FilterSelect
            id="f-municipality"
            name="municipality"
            label={t("partners.page.filterMunicipality")}
            allLabel={t("partners.page.all")}
            options={d.municipalities}
            defaultValue={d.filters.municipality}
          />
          <Checkbox name="withoutPartner" label={t("partners.page.filterWithoutPartner")} defaultChecked={d.filters.withoutPartner} />
          <Button type="submit" variant="secondary">
            {t("partners.page.filter")}
          </Button>
        </Form>
        <Paragraph className="muted" role="status">
          {t("partners.page.count", { count: d.paging.total })}
          {d.paging.pages > 1
            ? ` · ${t("partners.page.showing", {
                from: (d.paging.page - 1) * d.paging.pageSize + 1,
                to: (d.paging.page - 1) * d.paging.pageSize + d.cards.length,
                total: d.paging.total,
              })}`
            : null}
        </Paragraph>
        {d.cards.length === 0 ? (
          <Paragraph>
            {d.filters.profession || d.filters.municipality || d.filters.withoutPartner ? (
              <>
                {t("partners.page.empty")} <Link to={`/cohorts/${d.cohort.slug}/partners`}>{t("partners.page.clearFilters")}</Link>
              </>
            ) : (
              t("partners.page.emptyAll")
            )}
          </Paragraph>
        ) : (
          // Clicks on a card's open and close links (plain links: see useOpenCard) come to the list.
          <ul className="grid-cards plain-list" onClick={followToggle}>
            {d.cards.map((c) => (
              <li key={c.userId}>
                <PartnerCard
                  card={c}
                  canRequest={
                    d.participant && !hasPendingWith(d.requests, c.userId) && !d.partnership?.members.some((m) => m.userId === c.userId)
                  }
                  open={openId === c.userId || reply?.formId === `request-${c.userId}`}
                  hrefFor={hrefFor}
                  texts={cardTexts}
                  forms={requestForms}
                  reply={reply}
                  submitting={submitting}
                />
              </li>
            ))}
          </ul>
        )}
        <Pagination page={d.paging.page} pages={d.paging.pages} label={t("partners.page.pagination")} />
      </section>
    </div>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionReply = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

function hasPendingWith(requests: LoaderData["requests"], userId: number) {
  return requests.incoming.some((r) => r.fromUserId === userId) || requests.outgoing.some((r) => r.toUserId === userId);
}

/** The texts every card shows, translated once per language (see fixedPageTexts). */
const useCardTexts = fixedPageTexts((t) => ({
  facts: personFactLabels(t),
  professions: labelMap(t, "common.professions", PROFESSIONS),
  hasPartner: t("partners.page.hasPartner"),
  noPartner: t("partners.page.noPartner"),
  sendRequestTo: withName(t, "partners.page.sendRequestTo"),
  message: t("partners.page.message"),
  noPatientData: t("common.noPatientData"),
  sendRequest: t("partners.page.sendRequest"),
  cancel: t("common.cancel"),
  error: (key: string) => fieldErrorText(t, key),
}));

type RequestForms = ReturnType<typeof useLazyFormsValidation>;

/**
 * A card of the finder. Plain elements with Designsystemet's classes (what Card, Tag and Textfield
 * render), one validation for all request forms of the page (useLazyFormsValidation), and the request
 * form only in the card the person opened (CardForm): a page of 24 cards renders fast on the server (issue 7).
 */
function PartnerCard({
  card,
  canRequest,
  open,
  hrefFor,
  texts,
  forms,
  reply,
  submitting,
}: {
  card: LoaderData["cards"][number];
  canRequest: boolean;
  open: boolean;
  hrefFor: ReturnType<typeof useOpenCard>["hrefFor"];
  texts: ReturnType<typeof useCardTexts>;
  forms: RequestForms;
  reply: ActionReply | undefined;
  submitting: boolean;
}) {
  const headingId = `card-${card.userId}`;
  return (
    <div className="ds-card partner-card" aria-labelledby={headingId}>
      <div className="ds-card__block">
        <h3 className="ds-heading" data-size="xs" id={headingId}>
          {card.name}
        </h3>
        <div className="row">
          <ProfessionTag profession={card.profession} label={texts.professions[card.profession]} />
          {card.partnershipId ? (
            <span className="ds-tag" data-color="success">
              {texts.hasPartner}
            </span>
          ) : (
            <span className="ds-tag" data-color="neutral">
              {texts.noPartner}
            </span>
          )}
        </div>
        <PersonFacts person={card} labels={texts.facts} />
        {card.about ? (
          <p className="ds-paragraph" data-size="sm">
            {card.about}
          </p>
        ) : null}
      </div>
      {canRequest ? (
        <CardForm
          id={card.userId}
          formId={`request-${card.userId}`}
          open={open}
          hrefFor={hrefFor}
          openLabel={texts.sendRequestTo(card.name)}
          closeLabel={texts.cancel}
        >
          <RequestForm toUserId={card.userId} texts={texts} forms={forms} reply={reply} submitting={submitting} />
        </CardForm>
      ) : null}
    </div>
  );
}

/** The partner request form of a card (ids as Conform gave them: request-<id>, request-<id>-message). */
function RequestForm({
  toUserId,
  texts,
  forms,
  reply,
  submitting,
}: {
  toUserId: number;
  texts: ReturnType<typeof useCardTexts>;
  forms: RequestForms;
  reply: ActionReply | undefined;
  submitting: boolean;
}) {
  const formId = `request-${toUserId}`;
  const fieldId = `${formId}-message`;
  const errorKey = forms.errorsOf(formId)?.message?.[0];
  // Without JavaScript the page comes back with the action's reply: keep what was typed.
  const typed = reply?.formId === formId ? reply.result?.initialValue?.message : undefined;
  return (
    <Form method="post" className="form" id={formId} {...forms.formProps}>
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="toUserId" value={toUserId} />
      <PlainTextareaField
        id={fieldId}
        label={texts.message}
        description={texts.noPatientData}
        error={errorKey ? texts.error(errorKey) : undefined}
        errorId={`${fieldId}-error`}
        rows={3}
        name="message"
        form={formId}
        required={PARTNER_REQUEST_CONSTRAINT.message.required || undefined}
        defaultValue={typeof typed === "string" ? typed : undefined}
        autoFocus
        aria-describedby={errorKey ? `${fieldId}-error` : undefined}
      />
      <button className="ds-button" type="submit" disabled={submitting} suppressHydrationWarning>
        {texts.sendRequest}
      </button>
    </Form>
  );
}

function Requests({ requests }: { requests: LoaderData["requests"] }) {
  const { t } = useTranslation();
  if (requests.incoming.length === 0 && requests.outgoing.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="requests-heading">
      <Heading level={2} data-size="md" id="requests-heading">
        {t("partners.page.requests")}
      </Heading>
      {requests.incoming.length ? (
        <>
          <Heading level={3} data-size="xs">
            {t("partners.page.incoming")}
          </Heading>
          <ul className="stack-sm plain-list">
            {requests.incoming.map((r) => (
              <li key={r.id}>
                <Card data-color="accent">
                  <Paragraph>
                    <strong>{r.name}</strong> ({t(`common.professions.${r.profession}`)}
                    {r.municipality ? `, ${r.municipality}` : ""})
                  </Paragraph>
                  {r.message ? <Paragraph className="request-message">«{r.message}»</Paragraph> : null}
                  <div className="row">
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="accept"
                        aria-label={t("partners.page.acceptFrom", {
                          name: r.name,
                        })}
                      >
                        {t("partners.page.accept")}
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="decline"
                        variant="secondary"
                        aria-label={t("partners.page.declineFrom", {
                          name: r.name,
                        })}
                      >
                        {t("partners.page.decline")}
                      </Button>
                    </Form>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {requests.outgoing.length ? (
        <>
          <Heading level={3} data-size="xs">
            {t("partners.page.outgoing")}
          </Heading>
          <ul className="stack-sm plain-list">
            {requests.outgoing.map((r) => (
              <li key={r.id} className="row">
                <span>
                  {t("partners.page.waitingFor", { name: r.name })} ({t(`common.professions.${r.profession}`)})
                </span>
                <Form method="post">
                  <input type="hidden" name="requestId" value={r.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="withdraw"
                    variant="tertiary"
                    aria-label={t("partners.page.withdrawTo", { name: r.name })}
                  >
                    {t("partners.page.withdraw")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function MyPartnership({ partnership, meId }: { partnership: LoaderData["partnership"]; meId: number }) {
  const { t } = useTranslation();
  return (
    <section className="stack-sm" aria-labelledby="mine-heading">
      <Heading level={2} data-size="md" id="mine-heading">
        {t("partners.page.myPartnership")}
      </Heading>
      {!partnership ? (
        <Paragraph>{t("partners.page.noPartnershipYet")}</Paragraph>
      ) : (
        <Card>
          <Card.Block>
            <div className="row">
              {partnership.complete ? (
                <Tag data-color="success">{t("partners.page.complete")}</Tag>
              ) : (
                <Tag data-color="warning">{t("partners.page.incomplete")}</Tag>
              )}
            </div>
            <ul>
              {partnership.members.map((m) => (
                <li key={m.userId}>
                  {m.name} – {t(`common.professions.${m.profession}`)}
                  {m.practice ? `, ${m.practice}` : ""}
                  {m.userId === meId ? ` (${t("partners.page.you")})` : ""}
                </li>
              ))}
            </ul>
            <Paragraph>
              <Link to={`/partnerships/${partnership.id}/agreement`}>{t("partners.page.toAgreement")}</Link>
            </Paragraph>
          </Card.Block>
          <Details>
            <Details.Summary>{t("partners.page.leave")}</Details.Summary>
            <Details.Content>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="leave" />
                <Textfield name="reason" label={t("partners.page.leaveReason")} description={t("common.noPatientData")} maxLength={300} />
                <Button type="submit" variant="secondary" data-color="danger">
                  {t("partners.page.leaveConfirm")}
                </Button>
              </Form>
            </Details.Content>
          </Details>
        </Card>
      )}
    </section>
  );
}
