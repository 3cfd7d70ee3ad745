/**
 * An offer in the network as the search and the network page show it: treatment forms, the practice,
 * where, whether it takes new patients and how soon, how to reach it, and "may be out of date".
 * The contact form (children) is given by the page that has one.
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProfessionTag } from "~/components/person-facts";

export type OfferCardData = {
  id: number;
  ownerName: string;
  ownerProfession: string;
  practice: string | null;
  description: string;
  municipality: string;
  address: string;
  takesNewPatients: boolean;
  waitingWeeks: number | null;
  contactChannel: string;
  contactDetail: string;
  confirmedOn: string;
  stale: boolean;
  forms: { id: number; name: string }[];
};

/** `headingLevel`: 3 under a section heading (the network page), 2 straight under the page's h1. */
export function OfferCard({ offer: o, headingLevel = 3, children }: { offer: OfferCardData; headingLevel?: 2 | 3; children?: ReactNode }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? "h2" : "h3";
  const headingId = `offer-${o.id}`;
  return (
    <div className="ds-card network-card" aria-labelledby={headingId}>
      <div className="ds-card__block">
        <H className="ds-heading" data-size="xs" id={headingId}>
          {o.forms.map((f) => f.name).join(", ")}
        </H>
        <div className="row">
          <ProfessionTag profession={o.ownerProfession} label={t(`common.professions.${o.ownerProfession}`)} />
          <span className="ds-tag" data-color={o.takesNewPatients ? "success" : "neutral"}>
            {o.takesNewPatients ? t("offers.takesNewYes") : t("offers.takesNewNo")}
          </span>
          {o.stale ? (
            <span className="ds-tag" data-color="warning">
              {t("offers.stale")}
            </span>
          ) : null}
        </div>
        <p className="ds-paragraph offer-description">{o.description}</p>
        <dl className="facts">
          <div>
            <dt>{t("offers.owner")}</dt>
            <dd>
              {o.ownerName}
              {o.practice ? `, ${o.practice}` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("offers.municipality")}</dt>
            <dd>{o.municipality}</dd>
          </div>
          {o.address ? (
            <div>
              <dt>{t("offers.address")}</dt>
              <dd>{o.address}</dd>
            </div>
          ) : null}
          {o.waitingWeeks !== null ? (
            <div>
              <dt>{t("offers.waitingLabel")}</dt>
              <dd>{t("offers.waiting", { count: o.waitingWeeks })}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("offers.reachBy")}</dt>
            <dd>
              {t(`offers.channels.${o.contactChannel}`)}
              {o.contactDetail ? `: ${o.contactDetail}` : ""}
            </dd>
          </div>
        </dl>
        <p className="ds-paragraph muted" data-size="sm">
          {t("offers.confirmedOn", { date: o.confirmedOn })}
        </p>
      </div>
      {children}
    </div>
  );
}
