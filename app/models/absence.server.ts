/**
 * Absence reported ahead ("Meld forfall"): a confirmed participant tells the course they cannot come to an
 * evening that has not started, and may take it back until it starts. The notice is not an attendance
 * entry (that records what happened): the roll call shows it as "excused" until the organiser marks
 * something else, and the overview counts it. The person's partners get a short note without the reason.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { absenceNotices, cohorts, eveningMaterials, evenings, partnershipMembers, partnerships, registrations, users } from "../../db/schema";
import { isConfirmedParticipant } from "./registration.server";
import { queueEmail } from "./notifications.server";
import { getFixedT } from "../i18next.server";
import { appUrl } from "../utils/env.server";
import { formatEveningTime } from "../utils/time";

import { ABSENCE_REASON_MAX } from "../schemas/absence";

export type AbsenceErrorCode = "notParticipant" | "cancelled" | "started" | "already" | "notReported";
export class AbsenceError extends Error {
  constructor(public code: AbsenceErrorCode) {
    super(`absence.errors.${code}`);
    this.name = "AbsenceError";
  }
}

type EveningRow = typeof evenings.$inferSelect;

/** An evening of a cohort by number, with the person's notice (or null). */
export function absenceFor(cohortId: number, eveningNumber: number, userId: number, db: Db = getDb()) {
  const evening = db
    .select()
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.number, eveningNumber)))
    .get();
  if (!evening) return undefined;
  const notice =
    db
      .select({ id: absenceNotices.id, reason: absenceNotices.reason, createdAt: absenceNotices.createdAt })
      .from(absenceNotices)
      .where(and(eq(absenceNotices.eveningId, evening.id), eq(absenceNotices.userId, userId)))
      .get() ?? null;
  // Material stays available to catch up, whether or not the person comes.
  const materials = db
    .select({ id: eveningMaterials.id, title: eveningMaterials.title, url: eveningMaterials.url })
    .from(eveningMaterials)
    .where(eq(eveningMaterials.eveningId, evening.id))
    .orderBy(asc(eveningMaterials.position))
    .limit(50)
    .all();
  return { evening, notice, materials };
}

/** Whether a notice may still be given or taken back: the evening is scheduled and has not started. */
export const absenceOpen = (evening: Pick<EveningRow, "status" | "startsAt">, now = new Date()) =>
  evening.status === "scheduled" && evening.startsAt.getTime() > now.getTime();

function checkOpen(evening: EveningRow, now: Date) {
  if (evening.status === "cancelled") throw new AbsenceError("cancelled");
  if (evening.startsAt.getTime() <= now.getTime()) throw new AbsenceError("started");
}

/** Records the notice; a second one for the same evening is refused ("already"), not stored twice. */
export async function reportAbsence(
  input: { evening: EveningRow; userId: number; reason?: string | null },
  now = new Date(),
  db: Db = getDb(),
) {
  const { evening, userId } = input;
  const reason = input.reason?.trim().slice(0, ABSENCE_REASON_MAX) || null;
  const notice = db.transaction(
    (tx) => {
      if (!isConfirmedParticipant(userId, evening.cohortId, tx as unknown as Db)) throw new AbsenceError("notParticipant");
      const current = tx.select().from(evenings).where(eq(evenings.id, evening.id)).get();
      if (!current) throw new AbsenceError("cancelled");
      checkOpen(current, now);
      const row = tx
        .insert(absenceNotices)
        .values({ eveningId: evening.id, userId, reason, createdAt: now })
        .onConflictDoNothing()
        .returning()
        .get();
      if (!row) throw new AbsenceError("already");
      return row;
    },
    { behavior: "immediate" },
  );
  await notifyPartners(evening, userId, notice.id, db);
  return notice;
}

/** Takes a notice back; refused once the evening has started (the organiser's roll call decides then). */
export function withdrawAbsence(input: { evening: EveningRow; userId: number }, now = new Date(), db: Db = getDb()) {
  const { evening, userId } = input;
  db.transaction(
    (tx) => {
      const current = tx.select().from(evenings).where(eq(evenings.id, evening.id)).get();
      if (!current) throw new AbsenceError("notReported");
      if (current.startsAt.getTime() <= now.getTime()) throw new AbsenceError("started");
      const gone = tx
        .delete(absenceNotices)
        .where(and(eq(absenceNotices.eveningId, evening.id), eq(absenceNotices.userId, userId)))
        .run();
      if (gone.changes === 0) throw new AbsenceError("notReported");
    },
    { behavior: "immediate" },
  );
}

/** The notices of one evening, by person (for the roll call). */
export function noticesForEvening(eveningId: number, db: Db = getDb()) {
  const rows = db
    .select({ userId: absenceNotices.userId, reason: absenceNotices.reason })
    .from(absenceNotices)
    .where(eq(absenceNotices.eveningId, eveningId))
    .all();
  return new Map(rows.map((r) => [r.userId, r.reason ?? ""]));
}

/**
 * A roll call list with notices folded in: a person with a notice and no entry shows as "excused",
 * which the organiser can change like any other mark.
 */
export function withNotices<R extends { userId: number; status: string | null }>(rows: R[], notices: Map<number, string>) {
  return rows.map((r) => {
    const noticed = notices.has(r.userId);
    return { ...r, status: (r.status ?? (noticed ? "excused" : null)) as R["status"], noticed, noticeReason: notices.get(r.userId) ?? "" };
  });
}

/** How many still-confirmed participants have reported absence, per evening and profession ("<eveningId>:<profession>"). */
export function noticeCountsByEvening(cohortId: number, db: Db = getDb()) {
  const rows = db
    .select({ eveningId: absenceNotices.eveningId, profession: registrations.profession, n: sql<number>`count(*)` })
    .from(absenceNotices)
    .innerJoin(evenings, eq(evenings.id, absenceNotices.eveningId))
    .innerJoin(registrations, and(eq(registrations.cohortId, evenings.cohortId), eq(registrations.userId, absenceNotices.userId)))
    .where(and(eq(evenings.cohortId, cohortId), eq(registrations.status, "confirmed")))
    .groupBy(absenceNotices.eveningId, registrations.profession)
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.eveningId}:${r.profession}`, r.n]));
}

/** The evenings of the given cohorts the person has reported absence for, as "<cohortId>:<number>". */
export function myNoticedEvenings(userId: number, cohortIds: number[], db: Db = getDb()) {
  if (cohortIds.length === 0) return new Set<string>();
  const rows = db
    .select({ cohortId: evenings.cohortId, number: evenings.number })
    .from(absenceNotices)
    .innerJoin(evenings, eq(evenings.id, absenceNotices.eveningId))
    .where(and(eq(absenceNotices.userId, userId), inArray(evenings.cohortId, cohortIds)))
    .limit(200)
    .all();
  return new Set(rows.map((r) => `${r.cohortId}:${r.number}`));
}

/** A short note to the person's active partners in the cohort: who, which evening. Never the reason. */
async function notifyPartners(evening: EveningRow, userId: number, noticeId: number, db: Db) {
  const mine = db
    .select({ partnershipId: partnershipMembers.partnershipId })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .where(
      and(
        eq(partnershipMembers.cohortId, evening.cohortId),
        eq(partnershipMembers.userId, userId),
        isNull(partnershipMembers.leftAt),
        isNull(partnerships.dissolvedAt),
      ),
    )
    .get();
  if (!mine) return 0;
  const partners = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(partnershipMembers)
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(partnershipMembers.partnershipId, mine.partnershipId), isNull(partnershipMembers.leftAt), ne(partnershipMembers.userId, userId)))
    .limit(10)
    .all();
  if (partners.length === 0) return 0;
  const who = db.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()!;
  const cohort = db.select({ title: cohorts.title, slug: cohorts.slug }).from(cohorts).where(eq(cohorts.id, evening.cohortId)).get()!;
  for (const p of partners) {
    const lng = p.locale === "en" ? "en" : "nb";
    const t = await getFixedT(lng);
    const vars = {
      name: p.name,
      who: who.name,
      n: evening.number,
      when: formatEveningTime(evening.startsAt, evening.endsAt, lng),
      title: cohort.title,
      link: `${appUrl()}/cohorts/${cohort.slug}/partners`,
    };
    queueEmail(
      {
        to: p.email,
        userId: p.id,
        kind: "absence-partner",
        subject: t("absence.email.subject", vars),
        text: `${t("absence.email.body", vars)}\n\n${t("email.signature")}`,
        dedupeKey: `absence:${noticeId}:${p.id}`,
      },
      lng,
    );
  }
  return partners.length;
}
