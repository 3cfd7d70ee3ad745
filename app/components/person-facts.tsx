import type { TFunction } from "i18next";
import { labelMap, usePageTexts } from "~/utils/texts";

const FACTS = ["practice", "municipality", "specialCompetence"] as const;
export type PersonFactLabels = Record<(typeof FACTS)[number], string>;

/** The fact labels of PersonFacts, for a page's texts. */
export const personFactLabels = (t: TFunction): PersonFactLabels => labelMap(t, "partners.fields", FACTS);

/** The fact labels, translated once for a page of cards (pass them to every PersonFacts). */
export function usePersonFactLabels(): PersonFactLabels {
  return usePageTexts(personFactLabels);
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
