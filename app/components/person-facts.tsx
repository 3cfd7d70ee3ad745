import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { labelMap } from "~/utils/texts";

const FACTS = ["practice", "municipality", "specialCompetence"] as const;
export type PersonFactLabels = Record<(typeof FACTS)[number], string>;

/** The fact labels, translated once for a page of cards (pass them to every PersonFacts). */
export function usePersonFactLabels(): PersonFactLabels {
  const { t, i18n } = useTranslation();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => labelMap(t, "partners.fields", FACTS), [t, i18n.language]);
}

/** Practice, municipality and special competence of a person, as on partner and network cards. */
export function PersonFacts({
  person,
  labels,
  children,
}: {
  person: { practice?: string | null; municipality?: string | null; specialCompetence?: string | null };
  labels: PersonFactLabels;
  /** Further dt/dd rows. */
  children?: React.ReactNode;
}) {
  const facts = FACTS.filter((k) => person[k]);
  return (
    <dl className="facts">
      {facts.map((k) => (
        <div key={k}>
          <dt>{labels[k]}</dt>
          <dd>{person[k]}</dd>
        </div>
      ))}
      {children}
    </dl>
  );
}
