import type { MetaFunction } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = () => [{ title: "Personvern – Knutepunkt" }];

export default function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <div className="stack" style={{ maxWidth: "44rem" }}>
      <Heading level={1} data-size="lg">
        {t("privacy.title")}
      </Heading>
      <Paragraph>{t("privacy.body1")}</Paragraph>
      <Paragraph>{t("privacy.body2")}</Paragraph>
      <Paragraph>{t("privacy.retention")}</Paragraph>
      <Paragraph>{t("privacy.body3")}</Paragraph>
    </div>
  );
}
