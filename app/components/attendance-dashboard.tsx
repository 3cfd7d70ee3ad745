/** Dashboard card: my attendance so far in each cohort, and my certificate when issued. */
import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { courseHoursText, formatPercent } from "~/utils/numbers";

export type AttendanceDashboardData = {
  cohortId: number;
  slug: string;
  title: string;
  held: number;
  attended: number;
  hoursSoFar: number;
  attendancePercent: number;
  courseHourMinutes: number;
  certificateId: number | null;
}[];

export function AttendanceDashboard({ data }: { data: AttendanceDashboardData }) {
  const { t, i18n } = useTranslation();
  if (data.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="my-attendance">
      <Heading level={2} data-size="md" id="my-attendance">
        {t("attendance.dashboard.title")}
      </Heading>
      <ul className="stack-sm">
        {data.map((c) => (
          <li key={c.cohortId}>
            <Paragraph>
              {t("attendance.dashboard.summary", { cohort: c.title, attended: c.attended, held: c.held })}
              {" · "}
              {t("attendance.dashboard.hours", { hours: courseHoursText(t, c.hoursSoFar, c.courseHourMinutes, i18n.language) })}
              {c.held > 0 ? (
                <>
                  {" · "}
                  {t("attendance.dashboard.percent", { percent: formatPercent(c.attendancePercent, i18n.language) })}
                </>
              ) : null}
            </Paragraph>
            {c.certificateId ? (
              <a href={`/certificates/${c.certificateId}.pdf`}>{t("attendance.dashboard.certificate", { cohort: c.title })}</a>
            ) : null}
          </li>
        ))}
      </ul>
      <Link to="/checkin">{t("attendance.dashboard.checkin")}</Link>
    </section>
  );
}
