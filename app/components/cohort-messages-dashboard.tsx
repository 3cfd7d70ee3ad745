import { Card, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

/** The dashboard's "messages from the organiser": the newest few sent to me, also mailed to me. */
export function CohortMessagesDashboard({ messages }: { messages: { id: number; subject: string; body: string; cohortTitle: string; when: string }[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="organiser-messages">
      <Heading level={2} data-size="md" id="organiser-messages">
        {t("messages.dashboardTitle")}
      </Heading>
      {messages.map((m) => (
        <Card key={m.id}>
          <Heading level={3} data-size="xs">
            {m.subject}
          </Heading>
          <Paragraph data-size="sm" className="muted">
            {t("messages.dashboardFrom", { cohort: m.cohortTitle, when: m.when })}
          </Paragraph>
          <Paragraph style={{ whiteSpace: "pre-wrap" }}>{m.body}</Paragraph>
        </Card>
      ))}
    </section>
  );
}
