/** Dashboard block: open surveys the person has not answered yet (data from openSurveysFor). */
import { Link } from "react-router";
import { Card, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/utils/time";

export type DashboardSurvey = { id: number; title: string; cohortTitle: string; closesAt: number | string | Date };

export function SurveysDashboard({ surveys }: { surveys: DashboardSurvey[] }) {
  const { t, i18n } = useTranslation();
  if (surveys.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="open-surveys">
      <Heading level={2} data-size="md" id="open-surveys">
        {t("surveys.dashboard.title")}
      </Heading>
      <div className="grid-cards">
        {surveys.map((s) => (
          <Card key={s.id} data-color="accent">
            <Heading level={3} data-size="xs">
              <Link to={`/surveys/${s.id}`}>{t("surveys.dashboard.answer", { title: s.title })}</Link>
            </Heading>
            <Paragraph>{s.cohortTitle}</Paragraph>
            <Paragraph className="muted">{t("surveys.dashboard.closes", { date: formatDateTime(new Date(s.closesAt), i18n.language) })}</Paragraph>
          </Card>
        ))}
      </div>
    </section>
  );
}
