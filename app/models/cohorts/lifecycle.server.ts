/**
 * A cohort's lifecycle: draft → published → registration open → running → finished → archived.
 * Only draft/published/archived and the registration window are stored; the rest follows from the
 * evenings' times, so it can never disagree with them.
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cohorts, courseTemplates, evenings } from "../../../db/schema";
import { instantToOslo } from "../../utils/time";
import { writeAudit } from "../audit.server";
import { registrationWindowState, signUpClosesAt } from "../registration-window";

type Cohort = typeof cohorts.$inferSelect;
type Evening = Pick<typeof evenings.$inferSelect, "number" | "startsAt" | "endsAt" | "status">;

export type CohortPhase = "draft" | "notOpenYet" | "registrationOpen" | "registrationClosed" | "running" | "finished" | "archived";

/** Where the cohort is in its life at `now`. */
export function cohortPhase(cohort: Cohort, eveningRows: Evening[], now = new Date()): CohortPhase {
  if (cohort.status === "draft" || cohort.status === "archived") return cohort.status;
  const scheduled = eveningRows.filter((e) => e.status === "scheduled");
  if (scheduled.length && scheduled.every((e) => e.endsAt <= now)) return "finished";
  if (scheduled.some((e) => e.startsAt <= now)) {
    return registrationWindowState(cohort, now, scheduled) === "open" ? "registrationOpen" : "running";
  }
  const window = registrationWindowState(cohort, now, scheduled);
  return window === "open" ? "registrationOpen" : window === "notOpenYet" ? "notOpenYet" : "registrationClosed";
}

/** Whether the course is over: every scheduled evening has ended (used to hide to-dos of finished courses). */
export function isFinished(cohort: Pick<Cohort, "latestEveningEndsAt">, now = new Date()) {
  return !!cohort.latestEveningEndsAt && cohort.latestEveningEndsAt <= now;
}

export { signUpClosesAt };

/** One thing that stops a draft from being published: an i18n key under lifecycle.publish.missing and its values. */
export type PublishProblem = { key: string; values?: Record<string, string | number> };

export class PublishError extends Error {
  constructor(public problems: PublishProblem[]) {
    super("cohort cannot be published");
    this.name = "PublishError";
  }
}

/** What is missing before the cohort can be published: all its evenings with times, a venue and content. */
export function publishProblems(cohortId: number): PublishProblem[] {
  const db = getDb();
  const cohort = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!cohort) return [{ key: "lifecycle.publish.missing.cohort" }];
  // A network meeting is one session; a course has the template's evenings.
  const expected =
    cohort.kind === "meeting"
      ? 1
      : (db.select({ n: courseTemplates.eveningCount }).from(courseTemplates).where(eq(courseTemplates.id, cohort.templateId)).get()?.n ?? 5);
  const rows = db.select().from(evenings).where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled"))).orderBy(asc(evenings.number)).all();
  const problems: PublishProblem[] = [];
  if (rows.length < expected) problems.push({ key: "lifecycle.publish.missing.evenings", values: { expected, count: rows.length } });
  // A meeting may be held on video only.
  const online = cohort.kind === "meeting" && !!cohort.meetingUrl?.trim();
  if (!cohort.venue.trim() && !online) problems.push({ key: "lifecycle.publish.missing.cohortVenue" });
  for (const e of rows) {
    if (!(e.endsAt > e.startsAt)) problems.push({ key: "lifecycle.publish.missing.times", values: { n: e.number } });
    if (!e.venue.trim() && !cohort.venue.trim() && !online) problems.push({ key: "lifecycle.publish.missing.venue", values: { n: e.number } });
    if (!e.theme.trim()) problems.push({ key: "lifecycle.publish.missing.theme", values: { n: e.number } });
    if (!e.content.trim()) problems.push({ key: "lifecycle.publish.missing.content", values: { n: e.number } });
  }
  return problems;
}

/** Publishes a draft when nothing is missing; otherwise throws PublishError with every problem. */
export function publishCohort(cohortId: number, actorUserId: number) {
  const problems = publishProblems(cohortId);
  if (problems.length) throw new PublishError(problems);
  getDb().transaction(
    (tx) => {
      tx.update(cohorts).set({ status: "published", updatedAt: new Date() }).where(eq(cohorts.id, cohortId)).run();
      writeAudit(tx, { actorUserId, cohortId, action: "cohort.published", entityType: "cohort", entityId: cohortId });
    },
    { behavior: "immediate" },
  );
}

// ───────────── date rules ─────────────

/** A date rule said no; `messageKey` is shown next to the field named `field`. */
export type DateRuleError = { field: string; messageKey: string };

const osloDay = (d: Date) => instantToOslo(d).date;

/**
 * The evenings of a new cohort, in number order: each ends after it starts, none has been, and each is
 * on a later day than the one before. Returns the first rule broken, or null.
 */
export function newEveningsError(times: { field: string; startsAt: Date; endsAt: Date }[], now = new Date()): DateRuleError | null {
  for (let i = 0; i < times.length; i++) {
    const e = times[i]!;
    if (e.endsAt <= e.startsAt) return { field: e.field, messageKey: "registration.errors.endBeforeStart" };
    if (e.startsAt < now) return { field: e.field, messageKey: "lifecycle.dates.inPast" };
    const before = times[i - 1];
    if (before && osloDay(before.startsAt) === osloDay(e.startsAt)) return { field: e.field, messageKey: "lifecycle.dates.sameDay" };
    if (before && e.startsAt < before.endsAt) return { field: e.field, messageKey: "lifecycle.dates.beforePrevious" };
  }
  return null;
}

/**
 * Moving one evening: it stays after the evening before it and before the one after it (not on the
 * same day as either), and a future evening is not moved into the past. A past evening's record may be
 * corrected (its times were wrong), as long as the order holds.
 */
export function movedEveningError(
  before: { number: number; startsAt: Date },
  after: { startsAt: Date; endsAt: Date },
  siblings: { number: number; startsAt: Date; endsAt: Date }[],
  now = new Date(),
): DateRuleError | null {
  if (after.endsAt <= after.startsAt) return { field: "endTime", messageKey: "registration.errors.endBeforeStart" };
  const moved = after.startsAt.getTime() !== before.startsAt.getTime();
  if (moved && after.startsAt < now && before.startsAt >= now) return { field: "date", messageKey: "lifecycle.dates.inPast" };
  const previous = siblings.filter((s) => s.number < before.number).sort((a, b) => b.number - a.number)[0];
  const next = siblings.filter((s) => s.number > before.number).sort((a, b) => a.number - b.number)[0];
  if (previous && osloDay(previous.startsAt) === osloDay(after.startsAt)) return { field: "date", messageKey: "lifecycle.dates.sameDay" };
  if (next && osloDay(next.startsAt) === osloDay(after.startsAt)) return { field: "date", messageKey: "lifecycle.dates.sameDay" };
  if (previous && after.startsAt < previous.endsAt) return { field: "date", messageKey: "lifecycle.dates.beforePrevious" };
  if (next && after.endsAt > next.startsAt) return { field: "date", messageKey: "lifecycle.dates.afterNext" };
  return null;
}

/** Puts a cohort away (or takes it back out as published): it leaves every list of open courses. */
export function setArchived(cohortId: number, archived: boolean, actorUserId: number) {
  getDb().transaction(
    (tx) => {
      tx.update(cohorts).set({ status: archived ? "archived" : "published", updatedAt: new Date() }).where(eq(cohorts.id, cohortId)).run();
      writeAudit(tx, { actorUserId, cohortId, action: archived ? "cohort.archived" : "cohort.unarchived", entityType: "cohort", entityId: cohortId });
    },
    { behavior: "immediate" },
  );
}
