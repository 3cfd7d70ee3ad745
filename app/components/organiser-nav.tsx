import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The organiser's tools for one cohort, linking every organiser page of the capabilities. */
export function OrganiserNav({ slug, eveningNumbers }: { slug: string; eveningNumbers: number[] }) {
  const { t } = useTranslation();
  const base = `/cohorts/${slug}`;
  const links = [
    { to: `${base}/manage`, label: t("organiserNav.manage") },
    { to: `${base}/participants`, label: t("organiserNav.participants") },
    { to: `${base}/matching`, label: t("organiserNav.matching") },
    { to: `${base}/attendance`, label: t("organiserNav.attendance") },
    { to: `${base}/credits`, label: t("organiserNav.credits") },
    { to: `${base}/surveys`, label: t("organiserNav.surveys") },
    { to: `${base}/collaboration`, label: t("collaboration.organiser.link") },
    { to: base, label: t("organiserNav.publicPage") },
    { to: `${base}/personal-data`, label: t("organiserNav.retention") },
  ];
  return (
    <nav aria-label={t("organiserNav.label")} className="stack-sm">
      <ul className="row" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{l.label}</Link>
          </li>
        ))}
      </ul>
      {eveningNumbers.length ? (
        <details>
          <summary>{t("organiserNav.eveningsLabel")}</summary>
          <ul className="stack-sm">
            {eveningNumbers.map((n) => (
              <li key={n}>
                <Link to={`${base}/evenings/${n}/attendance`}>{t("organiserNav.rollCall", { n })}</Link>
                {" · "}
                <Link to={`${base}/evenings/${n}/checkin-screen`}>{t("organiserNav.checkin", { n })}</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </nav>
  );
}
