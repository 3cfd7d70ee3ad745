import { EveningCatchUp } from "~/components/evening-catch-up";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { Button, Details, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { CohortCalendarSubscribe } from "~/components/calendar-subscribe";
import { OrganiserNav } from "~/components/organiser-nav";
import { cohortCalendarSubscribeFor } from "~/models/calendar.server";
import { appUrl } from "~/utils/env.server";
import { FormErrors, PlainTextareaField, fieldErrorText } from "~/components/forms";
import { getCohortBySlug, getCohortDetails } from "~/models/cohorts/pages.server";
import {
  cancelRegistration,
  getRegistration,
  placesLeft,
  RegistrationError,
  waitlistPosition,
  withdrawRegistration,
} from "~/models/registration.server";
import { registrationWindowState, signUpClosesAt } from "~/models/registration-window";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { notFound, requireUser, requireVisibleCohort } from "~/utils/permissions.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { formatDate, formatDateTime, formatEveningTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { useLazyFormsValidation } from "~/utils/lazy-validation";
import { parseWithZod } from "@conform-to/zod/v4";
import { LeaveSchema } from "~/schemas/cohort-leave";
import { absenceOpen } from "~/models/absence.server";
import { summaryFor } from "~/models/cohort-summary.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.cohort.title} – Knutepunkt` : "Knutepunkt" }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort: found, user, organiser } = await requireVisibleCohort(request, params.slug!);
  const details = getCohortDetails(found)!;
  const locale = toAppLocale(await i18next.getLocale(request));
  const registration = user ? getRegistration(found.id, user.id) : undefined;
  const startsAt = details.startsAt;
  const { cohort } = details;
  const closesAt = signUpClosesAt(cohort, details.evenings);
  const meeting = meetingFacts(cohort, details.site?.name ?? "", organiser || registration?.status === "confirmed");
  // Only those who attended (and organisers) get the summary at all, not merely a hidden section.
  const summary = summaryFor(cohort.id, { userId: user?.id ?? null, organiser });
  return {
    meeting,
    cohort: { slug: cohort.slug, title: cohort.title, description: cohort.description, venue: cohort.venue },
    siteName: details.site?.name ?? "",
    goals: meeting ? [] : details.goals.map((g) => ({ id: g.id, text: g.text })),
    evenings: details.evenings.map((e) => ({
      id: e.id,
      number: e.number,
      when: formatEveningTime(e.startsAt, e.endsAt, locale),
      venue: e.venue || cohort.venue,
      theme: e.theme,
      contentHtml: renderMarkdown(e.content),
      selfStudyTask: e.selfStudyTask,
      status: e.status,
      cancelReason: e.cancelReason,
      changeNote: e.changeNote,
      absenceOpen: absenceOpen(e),
      materials: e.materials.map((m) => ({ id: m.id, title: m.title, url: m.url })),
      goals: meeting ? [] : details.goals.filter((g) => e.goalIds.includes(g.id)).map((g) => g.text),
    })),
    places: placesLeft(cohort).filter((p) => p.capacity > 0 || p.confirmed > 0),
    window: registrationWindowState(cohort, new Date(), details.evenings),
    opensOn: cohort.registrationOpensAt ? formatDate(cohort.registrationOpensAt, locale) : null,
    closesOn: closesAt ? formatDateTime(closesAt, locale) : null,
    loggedIn: !!user,
    calendar: cohortCalendarSubscribeFor(cohort, details.evenings, appUrl()),
    isOrganiser: organiser,
    summaryHtml: summary ? renderMarkdown(summary.summary) : null,
    started: !!startsAt && startsAt <= new Date(),
    registration:
      registration && (registration.status === "confirmed" || registration.status === "waitlisted")
        ? { status: registration.status, position: waitlistPosition(cohort.id, registration.userId) }
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug!);
  if (!cohort) notFound();
  const submission = parseWithZod(await request.formData(), { schema: LeaveSchema });
  const formId = submission.payload.intent === "withdraw" ? WITHDRAW_FORM : null;
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const t = await i18next.getFixedT(request);
  try {
    if (submission.value.intent === "cancel") await cancelRegistration(cohort.id, user.id);
    else await withdrawRegistration(cohort.id, user.id, submission.value.reason);
  } catch (error) {
    if (error instanceof RegistrationError) return data({ formId, result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 400 });
    throw error;
  }
  return redirectWithToast(`/cohorts/${cohort.slug}`, {
    kind: "success",
    message: t(submission.value.intent === "cancel" ? "registration.cohort.cancelledDone" : "registration.cohort.withdrawnDone"),
  });
}

// Plain elements with the Designsystemet classes (what Heading, Paragraph, Card, Tag and Alert render):
// this public page is among the most requested.
export default function CohortPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const registerPath = `/cohorts/${d.cohort.slug}/register`;
  return (
    <div className="stack">
      <div className="stack-sm">
        <h1 className="ds-heading" data-size="lg">
          {d.cohort.title}
        </h1>
        <p className="ds-paragraph muted">{d.siteName}</p>
        {d.isOrganiser ? <OrganiserNav slug={d.cohort.slug} eveningNumbers={d.evenings.map((e) => e.number)} /> : null}
        {d.meeting ? <p className="ds-paragraph">{t(`meetings.page.audience.${d.meeting.audience}`, { site: d.meeting.siteName })}</p> : null}
        {d.registration?.status === "confirmed" && !d.meeting ? (
          <Link to={`/cohorts/${d.cohort.slug}/partners`}>{t("registration.dashboard.partnersLink")}</Link>
        ) : null}
      </div>

      {d.summaryHtml ? (
        <section className="ds-card stack-sm" aria-labelledby="summary" data-testid="cohort-summary">
          <h2 className="ds-heading" data-size="md" id="summary">
            {t("dialogue.summary.heading")}
          </h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: d.summaryHtml }} />
        </section>
      ) : null}

      <section className="stack-sm" aria-labelledby="about">
        <h2 className="ds-heading" data-size="md" id="about">
          {t("registration.cohort.about")}
        </h2>
        {d.cohort.description.split(/\n{2,}/).map((p, i) => (
          <p className="ds-paragraph" key={i}>{p}</p>
        ))}
        {d.cohort.venue ? (
          <p className="ds-paragraph">
            <strong>{t("registration.cohort.venue")}:</strong> {d.cohort.venue}
          </p>
        ) : null}
        {d.meeting?.online ? <MeetingVideo url={d.meeting.url} /> : null}
      </section>

      <section className="stack-sm" aria-labelledby="signup">
        <h2 className="ds-heading" data-size="md" id="signup">
          {d.registration ? t("registration.cohort.yourStatus") : t("registration.cohort.places")}
        </h2>
        <ul className="places" aria-label={t("registration.cohort.places")}>
          {d.places.map((p) => (
            <li key={p.profession} data-testid={`places-${p.profession}`}>
              <strong>{t(`common.professionsPlural.${p.profession}`)}:</strong>{" "}
              {p.left > 0 ? t("registration.cohort.placesLeft", { left: p.left, capacity: p.capacity }) : t("registration.cohort.full")}
            </li>
          ))}
        </ul>
        {d.closesOn ? <p className="ds-paragraph">{t("registration.cohort.registrationCloses", { date: d.closesOn })}</p> : null}
        {d.registration ? (
          <MyRegistration registration={d.registration} started={d.started} />
        ) : d.window === "open" ? (
          d.loggedIn ? (
            <Form method="post" action={registerPath}>
              <Button type="submit">{t("registration.cohort.signUp")}</Button>
            </Form>
          ) : (
            <div className="stack-sm">
              <div>
                <Button asChild>
                  <Link to={`/signup?${new URLSearchParams({ cohort: d.cohort.slug })}`}>{t("registration.cohort.signUpLoggedOut")}</Link>
                </Button>
              </div>
              <Link to={`/login?${new URLSearchParams({ redirectTo: registerPath })}`}>{t("registration.cohort.loginToSignUp")}</Link>
            </div>
          )
        ) : (
          <div className="ds-alert" data-color="info">
            {d.window === "notOpenYet" ? t("registration.cohort.notOpenYet", { date: d.opensOn ?? "" }) : t("registration.cohort.closed")}
          </div>
        )}
      </section>

      {d.goals.length ? (
        <section className="stack-sm" aria-labelledby="goals">
          <h2 className="ds-heading" data-size="md" id="goals">
            {t("registration.cohort.learningGoals")}
          </h2>
          <ul>
            {d.goals.map((g) => (
              <li key={g.id}>{g.text}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack-sm" aria-labelledby="evenings">
        <h2 className="ds-heading" data-size="md" id="evenings">
          {d.meeting ? t("meetings.page.programme") : t("registration.cohort.evenings")}
        </h2>
        <ol className="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {d.evenings.map((e) => (
            <li key={e.id}>
              <div className="ds-card">
                <div className="stack-sm">
                  <h3 className="ds-heading" data-size="sm">
                    {d.meeting ? e.theme : `${t("registration.cohort.eveningN", { n: e.number })}: ${e.theme}`}
                  </h3>
                  <p className="ds-paragraph">
                    {e.status === "cancelled" ? <s>{e.when}</s> : e.when}
                    {e.status === "cancelled" ? (
                      <>
                        {" "}
                        <span className="ds-tag" data-color="danger">{t("registration.cohort.cancelled")}</span>
                      </>
                    ) : null}
                  </p>
                  {e.status === "cancelled" && e.cancelReason ? (
                    <div className="ds-alert" data-color="warning">{t("registration.cohort.cancelledReason", { reason: e.cancelReason })}</div>
                  ) : null}
                  {e.changeNote && e.status !== "cancelled" ? <p className="ds-paragraph">{t("registration.cohort.changed", { note: e.changeNote })}</p> : null}
                  {e.venue ? (
                    <p className="ds-paragraph">
                      <strong>{t("registration.cohort.venue")}:</strong> {e.venue}
                    </p>
                  ) : null}
                  {e.absenceOpen && d.registration?.status === "confirmed" ? (
                    <p className="ds-paragraph">
                      <Link to={`/cohorts/${d.cohort.slug}/evenings/${e.number}/absence`}>{t("absence.link")}</Link>
                    </p>
                  ) : null}
                  {e.contentHtml ? <div className="markdown" dangerouslySetInnerHTML={{ __html: e.contentHtml }} /> : null}
                  {e.goals.length ? (
                    <div>
                      <strong>{t("registration.cohort.learningGoals")}:</strong>
                      <ul>
                        {e.goals.map((g) => (
                          <li key={g}>{g}</li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  <EveningCatchUp selfStudyTask={e.selfStudyTask} materials={e.materials} />
                </div>
              </div>
            </li>
          ))}
        </ol>
      </section>
      {d.calendar ? <CohortCalendarSubscribe links={d.calendar.links} evenings={d.calendar.evenings} /> : null}
    </div>
  );
}

/**
 * What the page shows of a network meeting (docs/decisions/016): its audience, and whether it is on
 * video; the link itself only for confirmed participants and organisers. Null for a course.
 */
function meetingFacts(cohort: { kind: string; audience: string; meetingUrl: string | null }, siteName: string, mayJoin: boolean) {
  if (cohort.kind !== "meeting") return null;
  return {
    audience: cohort.audience,
    siteName,
    online: !!cohort.meetingUrl,
    url: mayJoin ? cohort.meetingUrl : null,
  };
}

function MeetingVideo({ url }: { url: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="ds-paragraph" data-testid="meeting-video">
      <strong>{t("meetings.page.videoLink")}:</strong>{" "}
      {url ? (
        <a href={url} rel="noopener noreferrer">
          {t("meetings.page.join")}
        </a>
      ) : (
        t("meetings.page.online")
      )}
    </p>
  );
}

const WITHDRAW_FORM = "withdraw";

function MyRegistration({ registration, started }: { registration: { status: "confirmed" | "waitlisted"; position: number | null }; started: boolean }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // One small form: validated without Conform's form store (useLazyFormsValidation), on submit as before.
  const forms = useLazyFormsValidation(() => import("~/schemas/cohort-leave").then((m) => m.validateWithdraw), actionData, { shouldValidate: "onSubmit" });
  const reasonError = forms.errorsOf(WITHDRAW_FORM)?.reason?.[0];
  const formErrors = actionData?.result?.error?.[""] ?? undefined;
  // Without JavaScript the page comes back with the action's reply: keep what was typed.
  const typed = actionData?.formId === WITHDRAW_FORM ? actionData.result?.initialValue?.reason : undefined;
  return (
    <div className="stack-sm" data-testid="my-registration">
      <div>
        <Tag data-color={registration.status === "confirmed" ? "success" : "warning"}>{t(`registration.status.${registration.status}`)}</Tag>
      </div>
      <Paragraph>
        {registration.status === "confirmed"
          ? t("registration.cohort.confirmedText")
          : `${t("registration.waitlistPosition", { position: registration.position })} ${t("registration.cohort.waitlistedText")}`}
      </Paragraph>
      <FormErrors errors={formErrors} />
      <Details>
        <Details.Summary>{started ? t("registration.cohort.withdraw") : t("registration.cohort.cancel")}</Details.Summary>
        <Details.Content>
          {started ? (
            <Form method="post" className="form" id={WITHDRAW_FORM} {...forms.formProps}>
              <Paragraph>{t("registration.cohort.withdrawConfirmTitle")}</Paragraph>
              <input type="hidden" name="intent" value="withdraw" />
              <PlainTextareaField
                id={`${WITHDRAW_FORM}-reason`}
                label={t("registration.cohort.withdrawReason")}
                error={reasonError ? fieldErrorText(t, reasonError) : undefined}
                errorId={`${WITHDRAW_FORM}-reason-error`}
                aria-describedby={reasonError ? `${WITHDRAW_FORM}-reason-error` : undefined}
                rows={3}
                name="reason"
                defaultValue={typeof typed === "string" ? typed : undefined}
              />
              <div>
                <Button type="submit" data-color="danger" disabled={busy}>
                  {t("registration.cohort.withdrawConfirm")}
                </Button>
              </div>
            </Form>
          ) : (
            <Form method="post" className="stack-sm">
              <Paragraph>
                {t("registration.cohort.cancelConfirmTitle")} {t("registration.cohort.cancelConfirmBody")}
              </Paragraph>
              <input type="hidden" name="intent" value="cancel" />
              <div>
                <Button type="submit" data-color="danger" disabled={busy}>
                  {t("registration.cohort.cancelConfirm")}
                </Button>
              </div>
            </Form>
          )}
        </Details.Content>
      </Details>
    </div>
  );
}
