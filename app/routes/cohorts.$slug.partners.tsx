import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Checkbox, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { z } from "zod";
import { Id, RequestSchema } from "~/schemas/partner-request";
import { useLazyFormsValidation } from "~/utils/lazy-validation";
import { FilterSelect } from "~/components/filter-select";
import { acceptPartnerRequest, declinePartnerRequest, leavePartnership, myRequests, sendPartnerRequest, withdrawPartnerRequest } from "~/models/pairing/requests.server";
import { municipalitiesOfCohort, PARTNER_PAGE_SIZE, partnerCardsPage } from "~/models/pairing/finder.server";
import { myPartnership } from "~/models/pairing/partnerships.server";
import { PairingError } from "~/models/pairing/errors";
import { appUrl } from "~/utils/env.server";
import { requirePartnerPageAccess } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import partnersCss from "~/styles/partners.css?url";
import { keepDataWhenOnlyOpenChanges, useOpenCard } from "~/components/card-form";
import { PartnerCard, useCardTexts } from "~/components/partners/partner-card";
import { hasPendingWith, Requests } from "~/components/partners/requests";
import { MyPartnership } from "~/components/partners/my-partnership";

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
