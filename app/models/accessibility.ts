/**
 * The facts of the accessibility statement (/tilgjengelighet), in one place so a browser test can hold them
 * to the truth: every deviation found by axe is listed here and nothing axe no longer finds is (see
 * tests/e2e/accessibility-statement.test.ts), and the statement is checked again at least once a year.
 * Deviations found by hand (axe cannot see them) are listed too; their texts live in the locales.
 */
export type Deviation = {
  /** Stable id; the texts are `accessibility.deviations.<id>.{title,body}`. */
  id: string;
  /** WCAG 2.1 success criteria not met, e.g. "1.3.1". */
  criteria: string[];
  /** "axe": found by the automated check (then `axeRule` is the rule id); "manual": found by hand. */
  source: "axe" | "manual";
  axeRule?: string;
};

export const ACCESSIBILITY_STATEMENT = {
  standard: "WCAG 2.1 AA",
  /** The day the pages below were last checked and this statement confirmed (YYYY-MM-DD). */
  lastChecked: "2026-12-07",
  /** Where people report a problem; the operator of an installation puts its own address here. */
  contactEmail: "tilgjengelighet@knutepunkt.no",
  /** The pages the automated check covers, as an anonymous visitor and as a logged-in participant. */
  checkedPages: {
    anonymous: ["/", "/courses", "/login", "/signup", "/forgot-password", "/privacy", "/tilgjengelighet"],
    participant: ["/", "/calendar", "/profile", "/network"],
  },
  deviations: [
    // pdf-lib writes untagged PDFs: a screen reader reads them without headings or reading order. The
    // agreement has an HTML print version; the certificate's facts are on the verification page.
    { id: "untaggedPdf", criteria: ["1.3.1", "1.3.2"], source: "manual" },
  ] as Deviation[],
} as const;

/** A statement must be confirmed again within a year (Digdir's rule for public bodies). */
export const STATEMENT_VALID_DAYS = 365;
