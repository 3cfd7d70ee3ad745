/**
 * The summary of a meeting (or a course): Markdown the organiser writes and publishes for those who
 * attended. Readers are the people whose attendance on any of the cohort's evenings is present or partial,
 * and the cohort's organisers; nobody else, also not confirmed participants who were absent.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "../../db/client";
import { attendance, cohorts, evenings, users } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { appUrl } from "../utils/env.server";
import { NotFoundError } from "./errors";
import { queueEmail } from "./notifications.server";
import { writeAudit } from "./audit.server";

const ATTENDED = ["present", "partial"] as const;

export function getCohortSummary(cohortId: number) {
  const row = getDb()
    .select({ summary: cohorts.summary, publishedAt: cohorts.summaryPublishedAt })
    .from(cohorts)
    .where(eq(cohorts.id, cohortId))
    .get();
  if (!row) throw new NotFoundError("cohort");
  return row;
}

/** People who attended at least part of one evening of the cohort (attendance_user_idx, evenings by cohort). */
export function summaryReaders(cohortId: number) {
  return getDb()
    .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(attendance)
    .innerJoin(evenings, eq(evenings.id, attendance.eveningId))
    .innerJoin(users, eq(users.id, attendance.userId))
    .where(and(eq(evenings.cohortId, cohortId), inArray(attendance.status, [...ATTENDED])))
    .orderBy(users.id)
    .all();
}

/** Whether this person attended at least part of an evening of the cohort. */
export function attendedCohort(cohortId: number, userId: number) {
  return !!getDb()
    .select({ id: attendance.id })
    .from(attendance)
    .innerJoin(evenings, eq(evenings.id, attendance.eveningId))
    .where(and(eq(attendance.userId, userId), eq(evenings.cohortId, cohortId), inArray(attendance.status, [...ATTENDED])))
    .limit(1)
    .get();
}

/** The published summary for this viewer, or null when there is none or they may not read it. */
export function summaryFor(cohortId: number, viewer: { userId: number | null; organiser: boolean }) {
  const { summary, publishedAt } = getCohortSummary(cohortId);
  if (!publishedAt || !summary.trim()) return null;
  if (!viewer.organiser && (viewer.userId === null || !attendedCohort(cohortId, viewer.userId))) return null;
  return { summary, publishedAt };
}

/** Saves the text; a published summary stays published (and is not mailed again). */
export function saveCohortSummary(cohortId: number, summary: string, actorUserId: number) {
  getDb().transaction(
    (tx) => {
      const done = tx.update(cohorts).set({ summary, updatedAt: new Date() }).where(eq(cohorts.id, cohortId)).run();
      if (done.changes === 0) throw new NotFoundError("cohort");
      writeAudit(tx, { actorUserId, cohortId, action: "summary.saved", entityType: "cohort", entityId: cohortId, details: {} });
    },
    { behavior: "immediate" }
  );
}

/**
 * Saves and publishes the summary, and mails each attendee once. Only the first publication claims the
 * mailing (summary_published_at goes from null to now in one statement); the dedupe key per person keeps
 * a later attendee's mail, or a retry, to one. Returns how many mails were queued, or null when it had
 * been published already.
 */
export async function publishCohortSummary(cohortId: number, summary: string, actorUserId: number, now = new Date()) {
  const db = getDb();
  const claimed = db.transaction(
    (tx) => {
      const cohort = tx.select({ slug: cohorts.slug, title: cohorts.title }).from(cohorts).where(eq(cohorts.id, cohortId)).get();
      if (!cohort) throw new NotFoundError("cohort");
      const first = tx
        .update(cohorts)
        .set({ summaryPublishedAt: now })
        .where(and(eq(cohorts.id, cohortId), isNull(cohorts.summaryPublishedAt)))
        .run();
      tx.update(cohorts).set({ summary, updatedAt: now }).where(eq(cohorts.id, cohortId)).run();
      writeAudit(tx, {
        actorUserId,
        cohortId,
        action: first.changes > 0 ? "summary.published" : "summary.saved",
        entityType: "cohort",
        entityId: cohortId,
        details: {},
      });
      return first.changes > 0 ? cohort : null;
    },
    { behavior: "immediate" }
  );
  if (!claimed) return null;
  const url = `${appUrl().replace(/\/$/, "")}/cohorts/${claimed.slug}#summary`;
  let queued = 0;
  for (const p of summaryReaders(cohortId)) {
    const t = await getFixedT(p.locale);
    const ok = queueEmail(
      {
        to: p.email,
        userId: p.userId,
        subject: t("dialogue.summary.email.subject", { title: claimed.title }),
        text: `${t("dialogue.summary.email.body", { name: p.name, title: claimed.title, url })}\n\n${t("email.signature")}`,
        kind: "cohort-summary",
        dedupeKey: `cohort-summary:${cohortId}:${p.userId}`,
      },
      p.locale
    );
    if (ok) queued++;
  }
  return queued;
}
