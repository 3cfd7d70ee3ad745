import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { confirmedOnly, getDashboard, myActiveCohorts, notFinished } from "~/models/cohorts/pages.server";
import { courseCards, DASHBOARD_COURSES, FRONT_PAGE_COURSES, listPublishedCohorts } from "~/models/cohorts/catalogue.server";
import { waitlistPosition } from "~/models/registration.server";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { formatDateTime, formatEveningTime } from "~/utils/time";
import { AttendanceDashboard } from "~/components/attendance-dashboard";
import { myAttendanceSummary } from "~/models/attendance.server";
import { myNoticedEvenings } from "~/models/absence.server";
import { SurveysDashboard } from "~/components/surveys-dashboard";
import { openSurveysFor } from "~/models/surveys/dashboard.server";
import { PartnersDashboard } from "~/components/partners-dashboard";
import { partnerDashboard } from "~/models/partners-dashboard.server";
import { PersonalCalendarSubscribe } from "~/components/calendar-subscribe";
import { personalFeedLinks } from "~/models/calendar.server";
import { appUrl } from "~/utils/env.server";
import { CourseCards } from "~/components/course-cards";
import { CollaborationReminders } from "~/components/collaboration-reminders";
import { overdueCollaborations } from "~/models/collaboration-log.server";
import { CohortMessagesDashboard } from "~/components/cohort-messages-dashboard";
import { myCohortMessages } from "~/models/cohort-messages.server";
import { MeetingList } from "~/components/meeting-list";
import { meetingListItems, upcomingMeetingsFor } from "~/models/meetings/meetings.server";

/** The next few network meetings on the dashboard; the network page lists more. */
const DASHBOARD_MEETINGS = 3;

export const meta: MetaFunction = () => [{ title: "Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = toAppLocale(await i18next.getLocale(request));
  const now = new Date();
  // The soonest few open courses, not every one in Norway: the rest are on /courses.
  const published = user ? listPublishedCohorts(DASHBOARD_COURSES, now, user.id) : listPublishedCohorts(FRONT_PAGE_COURSES, now);
  const open = courseCards(published.rows, locale, now);
  const openTotal = published.total;
  if (!user)
    return { name: null, mine: [], open, openTotal, attendance: [], openSurveys: [], partners: [], calendarLinks: null, collaborationDue: [], messages: [], meetings: [] };
  // My cohorts are read once, for the three boxes that list them.
  const active = myActiveCohorts(user.id);
  const confirmed = confirmedOnly(active);
  const dashboard = getDashboard(user.id, now, active);
  const noticed = myNoticedEvenings(user.id, confirmed.map((c) => c.cohortId));
  return {
    name: user.name,
    mine: dashboard.map((c) => ({
      cohortId: c.cohortId,
      slug: c.slug,
      title: c.title,
      status: c.status,
      position: c.status === "waitlisted" ? waitlistPosition(c.cohortId, user.id) : null,
      next: c.next
        ? {
            number: c.next.number,
            when: formatEveningTime(c.next.startsAt, c.next.endsAt, locale),
            venue: c.next.venue || c.venue,
            theme: c.next.theme,
            selfStudyTask: c.next.selfStudyTask,
            absenceReported: noticed.has(`${c.cohortId}:${c.next.number}`),
          }
        : null,
    })),
    open,
    openTotal,
    attendance: myAttendanceSummary(user.id, now, undefined, confirmed),
    openSurveys: openSurveysFor(user.id, now),
    partners: partnerDashboard(user.id, notFinished(confirmed, now)),
    calendarLinks: personalFeedLinks(user.id, appUrl()),
    collaborationDue: overdueCollaborations(user.id, now).map(({ partnershipId, cohortTitle }) => ({ partnershipId, cohortTitle })),
    messages: myCohortMessages(user.id).map((m) => ({ ...m, when: formatDateTime(m.createdAt, locale) })),
    meetings: meetingListItems(upcomingMeetingsFor(user.id, { limit: DASHBOARD_MEETINGS }, now), locale),
  };
}

export default function Index() {
  const { t } = useTranslation();
  const { name, mine, open, openTotal, attendance, openSurveys, partners, calendarLinks, collaborationDue, messages, meetings } =
    useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {name ? t("common.home.welcome", { name }) : t("common.home.title")}
      </Heading>
      <Paragraph>{t("common.home.intro")}</Paragraph>
      {name ? <CohortMessagesDashboard messages={messages} /> : null}
      {name ? <SurveysDashboard surveys={openSurveys} /> : null}
      {name ? (
        <section className="stack-sm" aria-labelledby="my-cohorts">
          <Heading level={2} data-size="md" id="my-cohorts">
            {t("common.home.myCohorts")}
          </Heading>
          {mine.length === 0 ? (
            <Paragraph>{t("common.home.noMyCohorts")}</Paragraph>
          ) : (
            <div className="grid-cards">
              {mine.map((c) => (
                <Card key={c.cohortId} data-testid="my-cohort">
                  <div className="stack-sm">
                    <Heading level={3} data-size="sm">
                      <Link to={`/cohorts/${c.slug}`}>{c.title}</Link>
                    </Heading>
                    <div>
                      <Tag data-color={c.status === "confirmed" ? "success" : "warning"}>{t(`registration.status.${c.status}`)}</Tag>
                    </div>
                    {c.position ? <Paragraph>{t("registration.waitlistPosition", { position: c.position })}</Paragraph> : null}
                    <Heading level={4} data-size="xs">
                      {t("registration.dashboard.nextEvening")}
                    </Heading>
                    {c.next ? (
                      <>
                        <Paragraph>
                          <strong>
                            {t("registration.cohort.eveningN", { n: c.next.number })}: {c.next.theme}
                          </strong>
                          <br />
                          {c.next.when}
                          <br />
                          {c.next.venue}
                        </Paragraph>
                        {c.status === "confirmed" ? (
                          <Paragraph>
                            {c.next.absenceReported ? (
                              <>
                                <Tag data-color="info">{t("absence.rollcallTag")}</Tag>{" "}
                              </>
                            ) : null}
                            <Link to={`/cohorts/${c.slug}/evenings/${c.next.number}/absence`}>
                              {c.next.absenceReported ? t("absence.change") : t("absence.link")}
                            </Link>
                          </Paragraph>
                        ) : null}
                        {c.next.selfStudyTask ? (
                          <Paragraph>
                            <strong>{t("registration.dashboard.selfStudy")}:</strong> {c.next.selfStudyTask}
                          </Paragraph>
                        ) : null}
                      </>
                    ) : (
                      <Paragraph>{t("registration.dashboard.noNextEvening")}</Paragraph>
                    )}
                    {c.status === "confirmed" ? (
                      <Paragraph>
                        <Link to={`/cohorts/${c.slug}/partners`}>{t("registration.dashboard.partnersLink")}</Link>
                      </Paragraph>
                    ) : null}
                  </div>
                </Card>
              ))}
            </div>
          )}
        </section>
      ) : null}
      {meetings.length ? (
        // Hidden without meetings: most people's networks have none most of the year.
        <section className="stack-sm" aria-labelledby="my-meetings">
          <Heading level={2} data-size="md" id="my-meetings">
            {t("meetings.list.dashboardTitle")}
          </Heading>
          <MeetingList meetings={meetings} />
        </section>
      ) : null}
      <CollaborationReminders items={collaborationDue} />
      {name ? <PartnersDashboard data={partners} /> : null}
      {name ? <AttendanceDashboard data={attendance} /> : null}
      {calendarLinks ? <PersonalCalendarSubscribe links={calendarLinks} redirectTo="/" /> : null}
      <section className="stack-sm" aria-labelledby="open-cohorts">
        <Heading level={2} data-size="md" id="open-cohorts">
          {t("common.home.cohorts")}
        </Heading>
        {open.length === 0 ? (
          <Paragraph>{t("common.home.noCohorts")}</Paragraph>
        ) : (
          <CourseCards courses={open} />
        )}
        {openTotal > open.length ? (
          <Paragraph>
            <Link to="/courses">{t("courses.seeAll", { count: openTotal })}</Link>
          </Paragraph>
        ) : null}
      </section>
    </div>
  );
}
