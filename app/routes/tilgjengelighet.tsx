/** /tilgjengelighet: the accessibility statement, its facts from app/models/accessibility.ts. */
import type { MetaFunction } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { ACCESSIBILITY_STATEMENT as S } from "~/models/accessibility";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Tilgjengelighet – Knutepunkt" }];

export default function AccessibilityStatement() {
  const { t, i18n } = useTranslation();
  const checked = formatDate(Date.parse(`${S.lastChecked}T12:00:00Z`), i18n.language);
  return (
    // "Tilgjengelighetserklæring" is wider than a 320 px screen at heading size: let long words break.
    <div className="stack" style={{ maxWidth: "44rem", overflowWrap: "break-word", hyphens: "auto" }}>
      <Heading level={1} data-size="lg">
        {t("accessibility.title")}
      </Heading>
      <Paragraph>{t("accessibility.intro")}</Paragraph>
      <Paragraph data-testid="last-checked">
        <time dateTime={S.lastChecked}>{t("accessibility.lastChecked", { date: checked })}</time>
      </Paragraph>

      <section className="stack-sm" aria-labelledby="a11y-status">
        <Heading level={2} data-size="md" id="a11y-status">
          {t("accessibility.statusHeading")}
        </Heading>
        <Paragraph>{t("accessibility.status", { standard: S.standard })}</Paragraph>
      </section>

      <section className="stack-sm" aria-labelledby="a11y-deviations">
        <Heading level={2} data-size="md" id="a11y-deviations">
          {t("accessibility.deviationsHeading")}
        </Heading>
        {S.deviations.length === 0 ? (
          <Paragraph>{t("accessibility.noDeviations")}</Paragraph>
        ) : (
          <ul className="stack-sm">
            {S.deviations.map((d) => (
              <li key={d.id} data-deviation={d.id}>
                <strong>{t(`accessibility.deviations.${d.id}.title`)}</strong>
                <br />
                {t(`accessibility.deviations.${d.id}.body`)}
                <br />
                <span className="muted">
                  {t("accessibility.criteria", { criteria: d.criteria.join(", ") })} {t(`accessibility.foundBy.${d.source}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack-sm" aria-labelledby="a11y-checked">
        <Heading level={2} data-size="md" id="a11y-checked">
          {t("accessibility.howChecked")}
        </Heading>
        <Paragraph>{t("accessibility.howCheckedBody")}</Paragraph>
        <Heading level={3} data-size="xs">
          {t("accessibility.pagesAnonymous")}
        </Heading>
        <ul>
          {S.checkedPages.anonymous.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
        <Heading level={3} data-size="xs">
          {t("accessibility.pagesParticipant")}
        </Heading>
        <ul>
          {S.checkedPages.participant.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      </section>

      <section className="stack-sm" aria-labelledby="a11y-report">
        <Heading level={2} data-size="md" id="a11y-report">
          {t("accessibility.reportHeading")}
        </Heading>
        <Paragraph>
          {t("accessibility.reportBody")} <a href={`mailto:${S.contactEmail}`}>{S.contactEmail}</a>
        </Paragraph>
        <Paragraph>
          {t("accessibility.complaint")} <a href="https://www.uutilsynet.no/">{t("accessibility.complaintLink")}</a>
        </Paragraph>
      </section>
    </div>
  );
}
