import { useTranslation } from "react-i18next";

/** Practice, municipality and special competence of a person, as on partner and network cards. */
export function PersonFacts({
  person,
  children,
}: {
  person: { practice?: string | null; municipality?: string | null; specialCompetence?: string | null };
  /** Further dt/dd rows. */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const facts = (["practice", "municipality", "specialCompetence"] as const).filter((k) => person[k]);
  return (
    <dl className="facts">
      {facts.map((k) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{t(`partners.fields.${k}`)}</dt>
          <dd>{person[k]}</dd>
        </div>
      ))}
      {children}
    </dl>
  );
}
