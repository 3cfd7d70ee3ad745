/** When a cohort takes sign-ups: rules on its dates and its evenings, with no database access. */
import type { cohorts, evenings } from "../../db/schema";

type Cohort = typeof cohorts.$inferSelect;
type WindowCohort = Pick<Cohort, "status" | "registrationOpensAt" | "registrationClosesAt" | "registrationUntilEvening">;
type EveningTimes = Pick<typeof evenings.$inferSelect, "startsAt" | "status">;

/**
 * When sign-up closes: the organiser's closing date, but never later than the start of the first
 * scheduled evening (or the second, when late registration is allowed). Null: no closing time known.
 */
export function signUpClosesAt(cohort: Pick<Cohort, "registrationClosesAt" | "registrationUntilEvening">, eveningRows: EveningTimes[]): Date | null {
  const starts = eveningRows.filter((e) => e.status === "scheduled").map((e) => e.startsAt.getTime()).sort((a, b) => a - b);
  const evening = starts[Math.min(2, Math.max(1, cohort.registrationUntilEvening)) - 1];
  const limits = [cohort.registrationClosesAt?.getTime(), evening].filter((x): x is number => x != null);
  return limits.length ? new Date(Math.min(...limits)) : null;
}

/** Pass the cohort's evenings: sign-up closes at the start of the course (see signUpClosesAt). */
export function registrationWindowState(cohort: WindowCohort, now = new Date(), eveningRows: EveningTimes[] = []): "open" | "notOpenYet" | "closed" {
  if (cohort.status !== "published") return "closed";
  if (cohort.registrationOpensAt && now < cohort.registrationOpensAt) return "notOpenYet";
  const closes = signUpClosesAt(cohort, eveningRows);
  if (closes && now >= closes) return "closed";
  return "open";
}
