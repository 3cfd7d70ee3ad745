import { Link, NavLink } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The organiser's workspace for one cohort: the same menu on every organiser page, each entry named as
 * its page's heading, the current page marked with aria-current. Destructive actions are not here but
 * in the DangerZone.
 */
export function OrganiserNav({ slug, eveningNumbers = [] }: { slug: string; eveningNumbers?: number[] }) {
  const { t } = useTranslation();
  const base = `/cohorts/${slug}`;
  const links = [
    { to: `/organiser#kurs-${slug}`, label: t("organiserNav.overview"), end: true },
    { to: `${base}/manage`, label: t("organiserNav.manage"), end: true },
    { to: `${base}/participants`, label: t("organiserNav.participants"), end: true },
    { to: `${base}/matching`, label: t("organiserNav.matching"), end: true },
    { to: `${base}/attendance`, label: t("organiserNav.attendance"), end: true },
    { to: `${base}/surveys`, label: t("organiserNav.surveys"), end: false },
    { to: `${base}/collaboration`, label: t("collaboration.organiser.link"), end: true },
    { to: `${base}/credits`, label: t("organiserNav.credits"), end: true },
    { to: `${base}/messages`, label: t("organiserNav.messages"), end: true },
    { to: `${base}/summary`, label: t("dialogue.summary.navLink"), end: true },
    { to: base, label: t("organiserNav.publicPage"), end: true },
  ];
  return (
    <nav aria-label={t("organiserNav.label")} className="stack-sm organiser-nav">
      <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end} style={({ isActive }) => (isActive ? { fontWeight: 700 } : undefined)}>
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
      {eveningNumbers.length ? (
        <details>
          <summary>{t("organiserNav.eveningsLabel")}</summary>
          <ul className="stack-sm">
            {eveningNumbers.map((n) => (
              <li key={n}>
                <NavLink to={`${base}/evenings/${n}/attendance`} end>
                  {t("organiserNav.rollCall", { n })}
                </NavLink>
                {" · "}
                <NavLink to={`${base}/evenings/${n}/checkin-screen`} end>
                  {t("organiserNav.checkin", { n })}
                </NavLink>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}

/** Actions that cannot be undone, kept apart from the everyday menu; each leads to its own confirmation. */
export function DangerZone({ slug, children }: { slug: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="stack-sm danger-zone" aria-labelledby="danger-zone-heading">
      <Heading level={2} data-size="sm" id="danger-zone-heading">
        {t("organiserNav.dangerZone")}
      </Heading>
      <Paragraph data-size="sm">{t("organiserNav.dangerZoneIntro")}</Paragraph>
      <ul>
        <li>
          <Link to={`/cohorts/${slug}/personal-data`}>{t("retention.title")}</Link>
        </li>
      </ul>
      {children}
    </section>
  );
}
