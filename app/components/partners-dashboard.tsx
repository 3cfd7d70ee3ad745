/** The dashboard's "Samarbeid" box: pending requests to me and my partnership/agreement, per cohort. */
import { Link } from "react-router";
import { Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import type { PartnerDashboardData } from "~/models/partners-dashboard.server";

export function PartnersDashboard({ data }: { data: PartnerDashboardData }) {
  const { t } = useTranslation();
  if (data.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="partners-dashboard">
      <Heading level={2} data-size="md" id="partners-dashboard">
        {t("partners.dashboard.title")}
      </Heading>
      {data.map((c) => (
        <Card key={c.cohortId}>
          <Heading level={3} data-size="xs">
            {c.title}
          </Heading>
          {c.incoming.length ? (
            <Paragraph>
              <Tag data-color="warning">{t("partners.dashboard.incoming", { count: c.incoming.length })}</Tag>{" "}
              {c.incoming.map((r) => r.name).join(", ")} – <Link to={`/cohorts/${c.slug}/partners`}>{t("partners.dashboard.answer")}</Link>
            </Paragraph>
          ) : null}
          {c.partnership ? (
            <>
              <Paragraph>
                {t("partners.dashboard.partners", { names: c.partnership.partners.join(", ") })}{" "}
                {!c.partnership.complete ? <Tag data-color="warning">{t("partners.page.incomplete")}</Tag> : null}
              </Paragraph>
              <Paragraph>
                {c.agreement?.inForce ? (
                  <Tag data-color="success">{t("partners.dashboard.agreementInForce", { version: c.agreement.version })}</Tag>
                ) : c.agreement?.version ? (
                  <Tag data-color="warning">
                    {c.agreement.needsMyConfirmation
                      ? t("partners.dashboard.agreementNeedsYou", { version: c.agreement.version })
                      : t("partners.dashboard.agreementWaiting", { version: c.agreement.version })}
                  </Tag>
                ) : (
                  <Tag data-color="neutral">{t("partners.dashboard.noAgreement")}</Tag>
                )}{" "}
                <Link to={`/partnerships/${c.partnership.id}/agreement`}>{t("partners.page.toAgreement")}</Link>
                {" · "}
                <Link to={`/partnerships/${c.partnership.id}/log`}>{t("collaboration.title")}</Link>
              </Paragraph>
            </>
          ) : (
            <Paragraph>
              {t("partners.page.noPartnershipYet")} <Link to={`/cohorts/${c.slug}/partners`}>{t("partners.dashboard.find")}</Link>
            </Paragraph>
          )}
        </Card>
      ))}
    </section>
  );
}
