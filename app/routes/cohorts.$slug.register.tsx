/**
 * Sign-up for a cohort. GET without a registration (after log-in) shows the course and one confirm
 * button; GET with one (right after signing up with a new account) is the confirmation: the status and
 * the next steps. POST signs the person up and sends them back to the cohort page with their status.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { getCohortBySlug } from "~/models/cohorts/pages.server";
import { activeRegistration, courseForSignup } from "~/models/cohorts/signup.server";
import { getRegistration, RegistrationError, signUp } from "~/models/registration.server";
import { cohortCalendarSubscribeData } from "~/models/calendar.server";
import { CohortCalendarSubscribe } from "~/components/calendar-subscribe";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { appUrl } from "~/utils/env.server";
import { notFound, requireUser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.course.title} – Knutepunkt` : "Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug!);
  if (!cohort || cohort.status === "draft") notFound();
  const course = courseForSignup(cohort.slug, toAppLocale(await i18next.getLocale(request)))!;
  const registration = activeRegistration(cohort.id, user.id);
  return {
    course,
    registration,
    calendar: registration ? cohortCalendarSubscribeData(cohort.slug, appUrl()) : undefined,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug!);
  if (!cohort || cohort.status === "draft") notFound();
  const t = await i18next.getFixedT(request);
  const back = `/cohorts/${cohort.slug}`;
  try {
    const before = getRegistration(cohort.id, user.id);
    const wasActive = before?.status === "confirmed" || before?.status === "waitlisted";
    const { registration, position } = await signUp(cohort.id, user.id);
    const message = wasActive
      ? t("registration.cohort.alreadySignedUp")
      : registration.status === "confirmed"
        ? t("registration.cohort.signedUpConfirmed")
        : t("registration.cohort.signedUpWaitlisted", { position });
    return redirectWithToast(back, { kind: registration.status === "confirmed" ? "success" : "info", message });
  } catch (error) {
    if (error instanceof RegistrationError) return redirectWithToast(back, { kind: "warning", message: t(error.messageKey) });
    throw error;
  }
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const { course, registration, calendar } = useLoaderData<typeof loader>();
  const coursePath = `/cohorts/${course.slug}`;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {course.title}
      </Heading>
      {registration ? (
        <Alert data-color={registration.status === "confirmed" ? "success" : "info"} data-testid="signup-result">
          {registration.status === "confirmed"
            ? t("registration.cohort.signedUpConfirmed")
            : t("registration.cohort.signedUpWaitlisted", { position: registration.position })}
        </Alert>
      ) : null}
      {course.siteName ? <Paragraph className="muted">{course.siteName}</Paragraph> : null}
      {course.evenings.length ? (
        <ul aria-label={t("registration.cohort.evenings")}>
          {course.evenings.map((e) => (
            <li key={e.number}>
              {t("registration.cohort.eveningN", { n: e.number })}: {e.when}
            </li>
          ))}
        </ul>
      ) : null}
      {registration ? (
        <section className="stack-sm" aria-labelledby="next-steps">
          <Heading level={2} data-size="md" id="next-steps">
            {t("registration.next.title")}
          </Heading>
          <ol className="stack-sm">
            {registration.status === "confirmed" ? (
              <li>
                <Link to={`${coursePath}/partners`}>{t("registration.next.partner")}</Link> {t("registration.next.partnerWhy")}
              </li>
            ) : (
              <li>{t("registration.next.waitlisted")}</li>
            )}
            <li>
              <a href="#calendar">{t("registration.next.calendar")}</a> {t("registration.next.calendarWhy")}
            </li>
            <li>
              <Link to="/">{t("registration.next.dashboard")}</Link>
            </li>
          </ol>
        </section>
      ) : (
        <>
          <Paragraph>
            <Link to={coursePath}>{t("registration.dashboard.openCohort")}</Link>
          </Paragraph>
          <Form method="post">
            <Button type="submit">{t("registration.cohort.signUp")}</Button>
          </Form>
        </>
      )}
      {calendar ? (
        <div id="calendar">
          <CohortCalendarSubscribe links={calendar.links} evenings={calendar.evenings} />
        </div>
      ) : null}
    </div>
  );
}
