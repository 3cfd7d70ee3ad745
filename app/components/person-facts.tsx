import type { TFunction } from "i18next";
import { labelMap } from "~/utils/texts";

const FACTS = ["practice", "municipality", "specialCompetence"] as const;
export type PersonFactLabels = Record<(typeof FACTS)[number], string>;

/** The fact labels of PersonFacts, for a page's texts. */
export const personFactLabels = (t: TFunction): PersonFactLabels => labelMap(t, "partners.fields", FACTS);

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

/** The profession tag of partner and network cards (GPs and physiotherapists in their two brand colours). */
export function ProfessionTag({ profession, label }: { profession: string; label: string }) {
  return (
    <span className="ds-tag" data-color={profession === "gp" ? "brand1" : "brand2"}>
      {label}
    </span>
  );
}
