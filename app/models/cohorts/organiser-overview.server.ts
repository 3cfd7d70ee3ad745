/** The organiser's landing page: per cohort the next evening and what still needs doing. */
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { attendance, cohorts, evenings, partnershipMembers, registrations, surveys } from "../../../db/schema";
import { previewCertificates } from "../certificates.server";

const CERTIFICATE_TODO_DAYS = 180;

export type CohortTodos = {
  nextEvening: { number: number; theme: string; startsAt: Date } | null;
  /** Held evenings where some confirmed participant has no attendance recorded. */
  unmarkedEvenings: { number: number; missing: number }[];
  unpaired: number;
  openSurveys: number;
  certificatesToIssue: number;
};

/** To-dos for the given cohorts in a few grouped queries (certificates only for finished cohorts). */
export function organiserTodos(cohortIds: number[], now = new Date()): Map<number, CohortTodos> {
  const out = new Map<number, CohortTodos>();
  if (cohortIds.length === 0) return out;
  const db = getDb();
  for (const id of cohortIds)
    out.set(id, { nextEvening: null, unmarkedEvenings: [], unpaired: 0, openSurveys: 0, certificatesToIssue: 0 });

  const upcoming = db
    .select({ cohortId: evenings.cohortId, number: evenings.number, theme: evenings.theme, startsAt: evenings.startsAt })
    .from(evenings)
    .where(and(inArray(evenings.cohortId, cohortIds), eq(evenings.status, "scheduled"), gt(evenings.startsAt, now)))
    .orderBy(asc(evenings.startsAt))
    .all();
  for (const e of upcoming) {
    const todo = out.get(e.cohortId)!;
    todo.nextEvening ??= { number: e.number, theme: e.theme, startsAt: e.startsAt };
  }

  const confirmed = sql<number>`(select count(*) from ${registrations} r where r.cohort_id = ${evenings.cohortId} and r.status = 'confirmed')`;
  const marked = sql<number>`(select count(*) from ${attendance} a join ${registrations} r on r.user_id = a.user_id and r.cohort_id = ${evenings.cohortId} and r.status = 'confirmed' where a.evening_id = ${evenings.id})`;
  const held = db
    .select({ cohortId: evenings.cohortId, number: evenings.number, missing: sql<number>`${confirmed} - ${marked}` })
    .from(evenings)
    .where(and(inArray(evenings.cohortId, cohortIds), eq(evenings.status, "scheduled"), lte(evenings.endsAt, now)))
    .orderBy(asc(evenings.number))
    .all();
  for (const e of held) if (e.missing > 0) out.get(e.cohortId)!.unmarkedEvenings.push({ number: e.number, missing: e.missing });

  const unpaired = db
    .select({ cohortId: registrations.cohortId, n: sql<number>`count(*)` })
    .from(registrations)
    // Nobody pairs up at a network meeting.
    .innerJoin(cohorts, and(eq(cohorts.id, registrations.cohortId), eq(cohorts.kind, "course")))
    .leftJoin(
      partnershipMembers,
      and(
        eq(partnershipMembers.cohortId, registrations.cohortId),
        eq(partnershipMembers.userId, registrations.userId),
        isNull(partnershipMembers.leftAt)
      )
    )
    .where(
      and(
        inArray(registrations.cohortId, cohortIds),
        eq(registrations.status, "confirmed"),
        inArray(registrations.profession, ["gp", "physio"]),
        isNull(partnershipMembers.userId)
      )
    )
    .groupBy(registrations.cohortId)
    .all();
  for (const r of unpaired) out.get(r.cohortId)!.unpaired = r.n;

  const open = db
    .select({ cohortId: surveys.cohortId, n: sql<number>`count(*)` })
    .from(surveys)
    .where(and(inArray(surveys.cohortId, cohortIds), lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .groupBy(surveys.cohortId)
    .all();
  for (const r of open) out.get(r.cohortId)!.openSurveys = r.n;

  // Certificates are a to-do only for recently finished cohorts, so an admin's long list of old courses
  // does not compute every old cohort's credits on each visit.
  const recentlyFinished = db
    .select({ cohortId: evenings.cohortId, lastEnd: sql<number>`max(${evenings.endsAt})` })
    .from(evenings)
    .where(and(inArray(evenings.cohortId, cohortIds), eq(evenings.status, "scheduled")))
    .groupBy(evenings.cohortId)
    .all()
    .filter((r) => r.lastEnd <= now.getTime() && r.lastEnd > now.getTime() - CERTIFICATE_TODO_DAYS * 86_400_000);
  for (const { cohortId } of recentlyFinished)
    out.get(cohortId)!.certificatesToIssue = previewCertificates(cohortId).filter((p) => p.qualifies && !p.certificate).length;
  return out;
}
