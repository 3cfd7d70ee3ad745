/** My partnership in the cohort: its members, the way to our agreement, and leaving it. */
import { Form, Link } from "react-router";
import { Button, Card, Details, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import type { Profession } from "../../../db/enums";

export type MyPartnershipData = {
  id: number;
  complete: boolean;
  members: { userId: number; name: string; profession: Profession; practice: string | null }[];
};

export function MyPartnership({ partnership, meId }: { partnership: MyPartnershipData | null; meId: number }) {
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
