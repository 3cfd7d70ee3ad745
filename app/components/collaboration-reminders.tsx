/** The dashboard's gentle to-do when a partnership's agreed meeting is overdue. */
import { Link } from "react-router";
import { Alert, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

export function CollaborationReminders({ items }: { items: { partnershipId: number; cohortTitle: string }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Alert data-color="info" data-testid="collaboration-reminders">
      {items.map((p) => (
        <Paragraph key={p.partnershipId}>
          {t("collaboration.dashboard.overdue", { cohort: p.cohortTitle })}{" "}
          <Link to={`/partnerships/${p.partnershipId}/log`}>{t("collaboration.dashboard.link")}</Link>
        </Paragraph>
      ))}
    </Alert>
  );
}
