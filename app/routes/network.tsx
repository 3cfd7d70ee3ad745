import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { PersonFacts, personFactLabels, ProfessionTag } from "~/components/person-facts";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { PROFESSIONS } from "../../db/enums";
import { z } from "zod";
import { mayContact, NetworkError, searchDirectory, sendContactRequest } from "~/models/network.server";
import { requireUser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import partnersCss from "~/styles/partners.css?url";
import { PlainTextareaField } from "~/components/forms";
import { FilterSelect } from "~/components/filter-select";
import { CardForm, keepDataWhenOnlyOpenChanges, useOpenCard, withoutOpen } from "~/components/card-form";
import { OfferCard } from "~/components/offer-card";
import { searchOffers } from "~/models/offers/offers.server";
import { toAppLocale } from "~/i18n";
import { MeetingList } from "~/components/meeting-list";
import { meetingListItems, upcomingMeetingsFor } from "~/models/meetings/meetings.server";

/** How many offers the network page shows above the people; the offers page has the rest. */
const OFFERS_ON_NETWORK_PAGE = 6;
/** The soonest network meetings for the reader's networks. */
const MEETINGS_ON_NETWORK_PAGE = 10;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Nettverket – Knutepunkt" }];

export const shouldRevalidate = keepDataWhenOnlyOpenChanges;

const SearchSchema = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  municipality: z.string().trim().max(80).optional().catch(undefined),
  profession: z.enum(["gp", "physio", "other"]).optional().catch(undefined),
  competence: z.string().trim().max(120).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const ContactSchema = z.object({
  toUserId: z.coerce.number().int().positive(),
  message: z.string().trim().min(1, { error: "validation.required" }).max(1000, { error: "validation.tooLong" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = searchDirectory({ ...query, profession: query.profession });
  const canContact = mayContact(user);
  // Offers are for network members only; the municipality filter applies to them as to the people.
  const locale = toAppLocale(await i18next.getLocale(request));
  const offers = canContact ? searchOffers({ municipalityPrefix: query.municipality }, locale) : null;
  const meetings = meetingListItems(upcomingMeetingsFor(user.id, { municipality: query.municipality, limit: MEETINGS_ON_NETWORK_PAGE }), locale);
  return {
    query: {
      q: query.q ?? "",
      municipality: query.municipality ?? "",
      profession: query.profession ?? "",
      competence: query.competence ?? "",
    },
    result,
    meetings,
    offers: offers && {
      rows: offers.rows.slice(0, OFFERS_ON_NETWORK_PAGE),
      total: offers.total,
      // The offers page's municipality filter, when the typed text names one municipality.
      municipality: offers.municipalities.length === 1 ? (offers.rows[0]?.municipality ?? "") : "",
    },
    me: {
      id: user.id,
      directoryOptIn: user.directoryOptIn,
      canContact,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18next.getFixedT(request);
  const parsed = ContactSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "partners.network.messageRequired", toUserId: null }, { status: 400 });
  try {
    await sendContactRequest({
      fromUserId: user.id,
      toUserId: parsed.data.toUserId,
      message: parsed.data.message,
    });
  } catch (error) {
    if (error instanceof NetworkError)
      return data(
        {
          error: `partners.network.errors.${error.code}`,
          toUserId: parsed.data.toUserId,
        },
        { status: 409 }
      );
    throw error;
  }
  const url = new URL(request.url);
  return redirectWithToast(withoutOpen(url), {
    kind: "success",
    message: t("partners.network.sent"),
  });
}

export default function NetworkPage() {
  const { t } = useTranslation();
  const { query, result, offers, meetings, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const cardTexts = useCardTexts();
  const { openId, hrefFor, followToggle } = useOpenCard();
  const submitting = navigation.state === "submitting";
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("partners.network.title")}
        </Heading>
        <Paragraph>{t("partners.network.intro")}</Paragraph>
        {!me.directoryOptIn ? (
          <Paragraph className="muted">
            {t("partners.network.notListed")} <Link to="/profile">{t("partners.page.editProfile")}</Link>
          </Paragraph>
        ) : null}
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}
      <Form method="get" role="search" className="row filters" aria-label={t("partners.network.search")}>
        <Textfield name="q" label={t("partners.network.name")} defaultValue={query.q} />
        <Textfield name="municipality" label={t("partners.fields.municipality")} defaultValue={query.municipality} />
        <FilterSelect
          id="n-profession"
          name="profession"
          label={t("partners.page.filterProfession")}
          allLabel={t("partners.page.all")}
          options={PROFESSIONS.map((p) => ({ value: p, label: t(`common.professionsPlural.${p}`) }))}
          defaultValue={query.profession}
        />
        <Textfield name="competence" label={t("partners.fields.specialCompetence")} defaultValue={query.competence} />
        <Button type="submit">{t("partners.network.searchButton")}</Button>
      </Form>
      <section className="stack-sm" aria-labelledby="network-offers">
        <Heading level={2} data-size="md" id="network-offers">
          {t("offers.network.offersHeading")}
        </Heading>
        {offers ? (
          <>
            <Paragraph>{offers.total === 0 ? t("offers.none") : t("offers.count", { count: offers.total })}</Paragraph>
            <ul className="grid-cards plain-list">
              {offers.rows.map((o) => (
                <li key={o.id}>
                  <OfferCard offer={o} />
                </li>
              ))}
            </ul>
            <Paragraph>
              <Link to={offers.municipality ? `/network/offers?${new URLSearchParams({ municipality: offers.municipality })}` : "/network/offers"}>{t("offers.network.allOffers")}</Link>
              {" · "}
              <Link to="/network/offers/mine">{t("offers.mine")}</Link>
            </Paragraph>
          </>
        ) : (
          <Paragraph className="muted">{t("offers.membersOnly")}</Paragraph>
        )}
      </section>
      <section className="stack-sm" aria-labelledby="network-meetings">
        <Heading level={2} data-size="md" id="network-meetings">
          {t("meetings.list.title")}
        </Heading>
        {meetings.length ? <MeetingList meetings={meetings} /> : <Paragraph className="muted">{t("meetings.list.none")}</Paragraph>}
      </section>
      <Heading level={2} data-size="md">
        {t("offers.network.peopleHeading")}
      </Heading>
      <Paragraph role="status">{t("partners.network.count", { count: result.total })}</Paragraph>
      {/* Clicks on a card's open and close links (plain links: see useOpenCard) come here. */}
      <ul className="grid-cards plain-list" onClick={followToggle}>
        {result.rows.map((r) => (
          <li key={r.id}>
            <NetworkCard
              person={r}
              canContact={me.canContact && r.id !== me.id}
              open={openId === r.id || actionData?.toUserId === r.id}
              hrefFor={hrefFor}
              texts={cardTexts}
              error={actionData?.error && actionData.toUserId === r.id ? t(actionData.error) : undefined}
              submitting={submitting}
            />
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pages={result.pages} label={t("partners.network.pagination")} />
    </div>
  );
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>["result"]["rows"][number];

/** The texts every card shows, translated once per language (see fixedPageTexts). */
const useCardTexts = fixedPageTexts((t) => ({
  facts: personFactLabels(t),
  professions: labelMap(t, "common.professions", PROFESSIONS),
  partnership: t("partners.network.partnership"),
  message: t("partners.network.message"),
  noPatientData: t("common.noPatientData"),
  send: t("partners.network.send"),
  contact: withName(t, "partners.network.contact"),
  cancel: t("common.cancel"),
}));

/**
 * A person in the directory. Plain elements with Designsystemet's classes (what Card, Heading, Tag,
 * Details and Textfield render): a page of cards costs much less to render on the server.
 */
function NetworkCard({
  person: r,
  canContact,
  open,
  hrefFor,
  texts,
  error,
  submitting,
}: {
  person: Person;
  canContact: boolean;
  open: boolean;
  hrefFor: ReturnType<typeof useOpenCard>["hrefFor"];
  texts: ReturnType<typeof useCardTexts>;
  error: string | undefined;
  submitting: boolean;
}) {
  const fieldId = `n-${r.id}-message`;
  return (
    <div className="ds-card network-card" aria-labelledby={`n-${r.id}`}>
      <div className="ds-card__block">
        <h3 className="ds-heading" data-size="xs" id={`n-${r.id}`}>
          {r.name}
        </h3>
        <div className="row">
          <ProfessionTag profession={r.profession} label={texts.professions[r.profession]} />
        </div>
        <PersonFacts person={r} labels={texts.facts}>
          {r.partnerships.map((p) => (
            <div key={p.partnershipId}>
              <dt>{texts.partnership}</dt>
              <dd>
                {p.partners.map((x) => `${x.name} (${texts.professions[x.profession]})`).join(", ") || "–"}{" "}
                <span className="muted">– {p.cohortTitle}</span>
              </dd>
            </div>
          ))}
        </PersonFacts>
      </div>
      {canContact ? (
        <CardForm id={r.id} formId={`n-${r.id}-form`} open={open} hrefFor={hrefFor} openLabel={texts.contact(r.name)} closeLabel={texts.cancel}>
          <Form method="post" className="form" id={`n-${r.id}-form`}>
            <input type="hidden" name="toUserId" value={r.id} />
            <PlainTextareaField
              id={fieldId}
              label={texts.message}
              description={texts.noPatientData}
              error={error}
              name="message"
              rows={3}
              required
              maxLength={1000}
              autoFocus
            />
            <button className="ds-button" type="submit" disabled={submitting} suppressHydrationWarning>
              {texts.send}
            </button>
          </Form>
        </CardForm>
      ) : null}
    </div>
  );
}
