/**
 * A pre-meeting questionnaire ("før møtet/samlingen") closes when the cohort's first scheduled evening
 * starts. It is stored as the survey's closesAt, so answering, invitations, reminders and the opening of
 * sealed answers all follow it unchanged; moving or cancelling an evening realigns it.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { evenings, surveys } from "../../../db/schema";
import { SurveyError } from "./rules";

type Reader = Pick<Db, "select">;
type Writer = Pick<Db, "select" | "update">;

/** When the cohort's first scheduled evening starts, or null when it has none. */
export function firstEveningStart(db: Reader, cohortId: number): Date | null {
  const row = db
    .select({ startsAt: sql<number | null>`min(${evenings.startsAt})` })
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled")))
    .get();
  return row?.startsAt == null ? null : new Date(row.startsAt);
}

/** The closing time of a pre-meeting survey of this cohort; refused when no evening is scheduled. */
export function preMeetingClosesAt(db: Reader, cohortId: number): Date {
  const start = firstEveningStart(db, cohortId);
  if (!start) throw new SurveyError("dialogue.errors.noFirstEvening");
  return start;
}

/** Called in the transaction that moves, cancels or reinstates an evening of the cohort. */
export function alignPreMeetingSurveys(db: Writer, cohortId: number) {
  const start = firstEveningStart(db, cohortId);
  // Without a scheduled evening there is no meeting to prepare for: the window is left as it was.
  if (!start) return;
  db.update(surveys)
    .set({ closesAt: start })
    .where(and(eq(surveys.cohortId, cohortId), eq(surveys.preMeeting, true)))
    .run();
}
