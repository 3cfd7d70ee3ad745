/**
 * Messages from an organiser to the cohort or a group of it: who gets one, sending it through the outbox,
 * and the messages a participant has received (for the dashboard).
 */
import { and, desc, eq, inArray, isNull, lte, notExists, or, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import {
  attendance,
  cohortMessageRecipients,
  cohortMessages,
  cohorts,
  evenings,
  partnershipMembers,
  registrations,
  users,
  type MessageAudience,
} from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { writeAudit } from "./audit.server";
import { queueEmail } from "./notifications.server";

export { MESSAGE_AUDIENCES, type MessageAudience } from "../../db/schema";

const RECIPIENT = { userId: users.id, name: users.name, email: users.email, locale: users.locale };

/** The last evening that has been held (ended, not cancelled), or undefined. */
function lastHeldEvening(cohortId: number, now: Date, db: Db) {
  return db
    .select({ id: evenings.id, number: evenings.number })
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled"), lte(evenings.endsAt, now)))
    .orderBy(desc(evenings.startsAt))
    .get();
}

/**
 * Who a message to the group goes to, in one query: confirmed participants (all, or of one profession),
 * the waiting list, confirmed participants without a partnership, or confirmed participants not present
 * at the last held evening (absent, excused or not marked).
 */
export function messageRecipients(cohortId: number, audience: MessageAudience, now = new Date(), db: Db = getDb()) {
  const status = audience === "waitlisted" ? "waitlisted" : "confirmed";
  const conditions = [eq(registrations.cohortId, cohortId), eq(registrations.status, status)];
  if (audience === "gp" || audience === "physio" || audience === "other") conditions.push(eq(registrations.profession, audience));
  if (audience === "unpaired")
    conditions.push(
      notExists(
        db
          .select({ one: sql`1` })
          .from(partnershipMembers)
          .where(
            and(
              eq(partnershipMembers.cohortId, cohortId),
              eq(partnershipMembers.userId, registrations.userId),
              isNull(partnershipMembers.leftAt)
            )
          )
      )
    );
  if (audience === "absentLastEvening") {
    const last = lastHeldEvening(cohortId, now, db);
    if (!last) return [];
    conditions.push(
      notExists(
        db
          .select({ one: sql`1` })
          .from(attendance)
          .where(
            and(
              eq(attendance.eveningId, last.id),
              eq(attendance.userId, registrations.userId),
              or(eq(attendance.status, "present"), eq(attendance.status, "partial"))
            )
          )
      )
    );
  }
  return db
    .select(RECIPIENT)
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(...conditions))
    .orderBy(users.name)
    .all();
}

/**
 * Sends the message: stores it with its recipients, records who sent what to how many in the change log
 * and queues one e-mail per recipient, all in one transaction. Returns the message id and the count.
 */
export async function sendCohortMessage(input: {
  cohortId: number;
  senderUserId: number;
  audience: MessageAudience;
  subject: string;
  body: string;
  baseUrl: string;
  now?: Date;
}) {
  const db = getDb();
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  return db.transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const cohort = tx.select({ title: cohorts.title, slug: cohorts.slug }).from(cohorts).where(eq(cohorts.id, input.cohortId)).get();
      if (!cohort) throw new Error("cohort not found");
      const sender = tx.select({ name: users.name }).from(users).where(eq(users.id, input.senderUserId)).get();
      const recipients = messageRecipients(input.cohortId, input.audience, input.now ?? new Date(), tx);
      // An empty group sends nothing and stores nothing.
      if (recipients.length === 0) return { messageId: null, recipients: 0, queued: 0 };
      const message = tx
        .insert(cohortMessages)
        .values({
          cohortId: input.cohortId,
          senderUserId: input.senderUserId,
          audience: input.audience,
          subject: input.subject,
          body: input.body,
          recipientCount: recipients.length,
        })
        .returning({ id: cohortMessages.id })
        .get();
      if (recipients.length)
        tx.insert(cohortMessageRecipients)
          .values(recipients.map((r) => ({ messageId: message.id, userId: r.userId })))
          .run();
      writeAudit(tx, {
        actorUserId: input.senderUserId,
        cohortId: input.cohortId,
        action: "message_sent",
        entityType: "cohort_message",
        entityId: message.id,
        details: { audience: input.audience, subject: input.subject, recipients: recipients.length },
      });
      let queued = 0;
      for (const r of recipients) {
        const t = r.locale === "en" ? en : nb;
        const ok = queueEmail(
          {
            to: r.email,
            userId: r.userId,
            subject: t("messages.email.subject", { cohort: cohort.title, subject: input.subject }),
            text: t("messages.email.body", {
              name: r.name,
              body: input.body,
              sender: sender?.name ?? "",
              cohort: cohort.title,
              url: `${input.baseUrl.replace(/\/$/, "")}/`,
            }),
            kind: "cohort-message",
            dedupeKey: `cohort-message:${message.id}:${r.userId}`,
          },
          r.locale
        );
        if (ok) queued++;
      }
      return { messageId: message.id, recipients: recipients.length, queued };
    },
    { behavior: "immediate" }
  );
}

/** The cohort's sent messages, newest first (bounded). */
export function listCohortMessages(cohortId: number, limit = 20) {
  return getDb()
    .select({
      id: cohortMessages.id,
      subject: cohortMessages.subject,
      audience: cohortMessages.audience,
      recipientCount: cohortMessages.recipientCount,
      createdAt: cohortMessages.createdAt,
      sender: users.name,
    })
    .from(cohortMessages)
    .leftJoin(users, eq(users.id, cohortMessages.senderUserId))
    .where(eq(cohortMessages.cohortId, cohortId))
    .orderBy(desc(cohortMessages.id))
    .limit(limit)
    .all();
}

/** Messages sent to me in cohorts I am still registered in, newest first (bounded, for the dashboard). */
export function myCohortMessages(userId: number, limit = 5) {
  const db = getDb();
  return db
    .select({
      id: cohortMessages.id,
      subject: cohortMessages.subject,
      body: cohortMessages.body,
      createdAt: cohortMessages.createdAt,
      cohortTitle: cohorts.title,
    })
    .from(cohortMessageRecipients)
    .innerJoin(cohortMessages, eq(cohortMessages.id, cohortMessageRecipients.messageId))
    .innerJoin(cohorts, eq(cohorts.id, cohortMessages.cohortId))
    .where(
      and(
        eq(cohortMessageRecipients.userId, userId),
        inArray(
          cohortMessages.cohortId,
          db
            .select({ id: registrations.cohortId })
            .from(registrations)
            .where(and(eq(registrations.userId, userId), inArray(registrations.status, ["confirmed", "waitlisted"])))
        )
      )
    )
    .orderBy(desc(cohortMessageRecipients.messageId))
    .limit(limit)
    .all();
}
