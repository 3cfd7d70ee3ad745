/** The person's own data: a full export (GDPR art. 15/20) and deleting the account (art. 17). */
import { addMonths } from "date-fns";
import { and, eq, inArray, isNull, notInArray, or, sql, type AnyColumn } from "drizzle-orm";
import { cancelRegistration, courseStartsAt, withdrawRegistration } from "./registration.server";
import { leavePartnership } from "./pairing/requests.server";
import { getDb } from "../../db/client";
import {
  cohortMessages,
  agreementConfirmations,
  agreementVersions,
  absenceNotices,
  attendance,
  auditLog,
  calendarFeedTokens,
  certificates,
  cohorts,
  contactRequests,
  evenings,
  networkOffers,
  partnerships,
  surveys,
  emailOutbox,
  partnerRequests,
  partnershipMembers,
  registrations,
  surveyAnswers,
  surveyParticipation,
  surveyResponses,
  users,
} from "../../db/schema";

export function exportPersonalData(userId: number) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const responses = db.select().from(surveyResponses).where(eq(surveyResponses.respondentUserId, userId)).all();
  const memberships = db.select().from(partnershipMembers).where(eq(partnershipMembers.userId, userId)).all();
  const partnershipIds = memberships.map((m) => m.partnershipId);
  return {
    exportedAt: new Date().toISOString(),
    note: "Anonyme evalueringssvar er ikke knyttet til deg og kan derfor ikke tas med. / Anonymous survey answers are not linked to you and cannot be included.",
    profile: user,
    registrations: db.select().from(registrations).where(eq(registrations.userId, userId)).all(),
    partnerRequests: db
      .select()
      .from(partnerRequests)
      .where(or(eq(partnerRequests.fromUserId, userId), eq(partnerRequests.toUserId, userId)))
      .all(),
    partnershipMemberships: memberships,
    agreementVersions: partnershipIds.length
      ? db.select().from(agreementVersions).where(inArray(agreementVersions.partnershipId, partnershipIds)).all()
      : [],
    agreementConfirmations: db.select().from(agreementConfirmations).where(eq(agreementConfirmations.userId, userId)).all(),
    contactRequests: db
      .select()
      .from(contactRequests)
      .where(or(eq(contactRequests.fromUserId, userId), eq(contactRequests.toUserId, userId)))
      .all(),
    networkOffers: db.select().from(networkOffers).where(eq(networkOffers.userId, userId)).all(),
    attendance: db.select().from(attendance).where(eq(attendance.userId, userId)).all(),
    absenceNotices: db.select().from(absenceNotices).where(eq(absenceNotices.userId, userId)).all(),
    certificates: db.select().from(certificates).where(eq(certificates.userId, userId)).all(),
    surveyParticipation: db.select().from(surveyParticipation).where(eq(surveyParticipation.userId, userId)).all(),
    surveyResponses: responses.map((r) => ({
      ...r,
      answers: db.select().from(surveyAnswers).where(eq(surveyAnswers.responseId, r.id)).all(),
    })),
    calendarFeeds: db
      .select({ id: calendarFeedTokens.id, createdAt: calendarFeedTokens.createdAt, revokedAt: calendarFeedTokens.revokedAt })
      .from(calendarFeedTokens)
      .where(eq(calendarFeedTokens.userId, userId))
      .all(),
    emails: db
      .select({ subject: emailOutbox.subject, kind: emailOutbox.kind, status: emailOutbox.status, createdAt: emailOutbox.createdAt, text: emailOutbox.textBody })
      .from(emailOutbox)
      .where(or(eq(emailOutbox.userId, userId), eq(emailOutbox.toAddress, user.email)))
      .all(),
    organiserActions: db.select().from(auditLog).where(eq(auditLog.actorUserId, userId)).all(),
  };
}

/**
 * Deletes an account. First the person leaves what others depend on, through the capabilities' own rules
 * (a place frees and the waiting list moves on; a partnership of one is dissolved); then the user row is
 * deleted and the database's foreign keys remove or detach the rest:
 * - removed: profile, password, sessions, registrations, partnership memberships, partner and contact
 *   requests, offers in the network, agreement confirmations, attendance, certificates (their verification page then says
 *   "not found"), survey participation, calendar links, every e-mail addressed to the person or carrying
 *   their name or address, and audit-log details that name them; the full-text index is merged and the
 *   WAL truncated so no older copy of a page keeps them (secure_delete zeroes what is freed);
 * - kept without the person: anonymous survey answers (never linked to anyone), non-anonymous survey
 *   answers (the respondent is set empty), agreement versions the partnership still has, and audit-log
 *   entries (the actor is set empty).
 */
export async function deleteAccount(userId: number, now = new Date()) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return false;
  const active = db
    .select({ cohortId: registrations.cohortId })
    .from(registrations)
    .where(and(eq(registrations.userId, userId), inArray(registrations.status, ["confirmed", "waitlisted"])))
    .all();
  for (const { cohortId } of active) {
    const startsAt = courseStartsAt(cohortId);
    if (startsAt && now >= startsAt) await withdrawRegistration(cohortId, userId, "Kontoen ble slettet", { now });
    else await cancelRegistration(cohortId, userId, { now });
  }
  const memberships = db
    .select({ cohortId: partnershipMembers.cohortId })
    .from(partnershipMembers)
    .where(and(eq(partnershipMembers.userId, userId), isNull(partnershipMembers.leftAt)))
    .all();
  for (const { cohortId } of memberships) await leavePartnership({ cohortId, userId, reason: "Kontoen ble slettet" });
  const mentions = (column: AnyColumn) => or(sql`instr(${column}, ${user.name}) > 0`, sql`instr(${column}, ${user.email}) > 0`);
  db.transaction(
    (tx) => {
      // Mails to them, and mails to others that carry their name or address (a partner request they sent).
      tx.delete(emailOutbox)
        .where(or(eq(emailOutbox.userId, userId), eq(emailOutbox.toAddress, user.email), mentions(emailOutbox.subject), mentions(emailOutbox.textBody)))
        .run();
      tx.update(auditLog).set({ details: null }).where(mentions(auditLog.details)).run();
      tx.delete(users).where(eq(users.id, userId)).run();
    },
    { behavior: "immediate" },
  );
  // The full-text index only marks a deleted row; merging its segments drops the terms themselves. With
  // secure_delete the freed space is zeroed, and the checkpoint removes the WAL's older page copies.
  db.$client.prepare(`INSERT INTO users_fts(users_fts) VALUES ('optimize')`).run();
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return true;
}

// ───────────── a finished cohort's personal data ─────────────

/** How long a finished cohort keeps personal data after its last evening (credits may be asked for). */
export const COHORT_RETENTION_MONTHS = 12;

export function cohortRetentionState(cohortId: number, now = new Date()) {
  const db = getDb();
  const cohort = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!cohort) return null;
  const last = db
    .select({ endsAt: sql<number>`max(${evenings.endsAt})` })
    .from(evenings)
    .where(eq(evenings.cohortId, cohortId))
    .get()?.endsAt;
  const lastEveningEnds = last ? new Date(last) : null;
  // Counted from the later of the planned end and the latest end the evenings ever had, so moving the
  // evenings back in time cannot make a running course's data deletable.
  const recorded = cohort.latestEveningEndsAt;
  const retentionFrom = recorded && (!lastEveningEnds || recorded > lastEveningEnds) ? recorded : lastEveningEnds;
  const deletableFrom = retentionFrom ? addMonths(retentionFrom, COHORT_RETENTION_MONTHS) : null;
  return {
    deletedAt: cohort.personalDataDeletedAt,
    lastEveningEnds,
    /** The evenings once ended later than they do now: retention counts from then. */
    movedEarlierFrom: retentionFrom && retentionFrom !== lastEveningEnds ? retentionFrom : null,
    deletableFrom,
    canDelete: !cohort.personalDataDeletedAt && !!deletableFrom && now >= deletableFrom,
  };
}

/** Counts that contain no person: what the cohort keeps after its personal data is deleted. */
export function cohortStatistics(cohortId: number) {
  const db = getDb();
  const registrationsByStatus = db
    .select({ profession: registrations.profession, status: registrations.status, n: sql<number>`count(*)` })
    .from(registrations)
    .where(eq(registrations.cohortId, cohortId))
    .groupBy(registrations.profession, registrations.status)
    .all();
  const attendanceByEvening = db
    .select({ number: evenings.number, status: attendance.status, n: sql<number>`count(*)` })
    .from(attendance)
    .innerJoin(evenings, eq(evenings.id, attendance.eveningId))
    .where(eq(evenings.cohortId, cohortId))
    .groupBy(evenings.number, attendance.status)
    .all();
  const certificatesIssued = db.select({ n: sql<number>`count(*)` }).from(certificates).where(eq(certificates.cohortId, cohortId)).get()?.n ?? 0;
  const partnershipCount = db.select({ n: sql<number>`count(*)` }).from(partnerships).where(eq(partnerships.cohortId, cohortId)).get()?.n ?? 0;
  return { registrationsByStatus, attendanceByEvening, certificatesIssued, partnerships: partnershipCount };
}

export class RetentionError extends Error {}

/**
 * Deletes a finished cohort's personal data once the retention period is over: registrations, partner
 * requests, partnerships with their agreements, attendance, certificates, who answered the surveys, and the
 * cohort's audit entries about people (those about the cohort and its evenings stay). Survey answers stay, detached from people and partnerships; the counts from
 * `cohortStatistics` are kept in one audit entry. The cohort, its evenings and organisers stay.
 */
export function deleteCohortPersonalData(cohortId: number, actorUserId: number, now = new Date()) {
  const state = cohortRetentionState(cohortId, now);
  if (!state) throw new RetentionError("notFound");
  if (!state.canDelete) throw new RetentionError(state.deletedAt ? "alreadyDeleted" : "retentionNotOver");
  const statistics = cohortStatistics(cohortId);
  const db = getDb();
  db.transaction(
    (tx) => {
      const eveningIds = tx.select({ id: evenings.id }).from(evenings).where(eq(evenings.cohortId, cohortId)).all().map((e) => e.id);
      const surveyIds = tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.cohortId, cohortId)).all().map((s) => s.id);
      if (eveningIds.length) {
        tx.delete(attendance).where(inArray(attendance.eveningId, eveningIds)).run();
        tx.delete(absenceNotices).where(inArray(absenceNotices.eveningId, eveningIds)).run();
      }
      if (surveyIds.length) {
        tx.delete(surveyParticipation).where(inArray(surveyParticipation.surveyId, surveyIds)).run();
        tx.update(surveyResponses)
          .set({ respondentUserId: null, partnershipId: null, submittedAt: null })
          .where(inArray(surveyResponses.surveyId, surveyIds))
          .run();
      }
      tx.delete(certificates).where(eq(certificates.cohortId, cohortId)).run();
      tx.delete(partnerRequests).where(eq(partnerRequests.cohortId, cohortId)).run();
      // Messages to the cohort name their recipients (and may name people in the text).
      tx.delete(cohortMessages).where(eq(cohortMessages.cohortId, cohortId)).run();
      tx.delete(partnerships).where(eq(partnerships.cohortId, cohortId)).run();
      tx.delete(registrations).where(eq(registrations.cohortId, cohortId)).run();
      // The log of the cohort's own settings and schedule (who changed which date) names no participant and
      // shows how the retention period came about: it stays.
      tx.delete(auditLog).where(and(eq(auditLog.cohortId, cohortId), notInArray(auditLog.entityType, ["cohort", "evening"]))).run();
      tx.update(evenings).set({ checkinCode: null }).where(eq(evenings.cohortId, cohortId)).run();
      tx.update(cohorts).set({ personalDataDeletedAt: now }).where(eq(cohorts.id, cohortId)).run();
      tx.insert(auditLog)
        .values({ actorUserId, cohortId, action: "cohort.personalDataDeleted", entityType: "cohort", entityId: cohortId, details: statistics })
        .run();
    },
    { behavior: "immediate" },
  );
  return statistics;
}
