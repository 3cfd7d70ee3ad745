/**
 * Registration with capacity per profession and a waiting list.
 *
 * Every write runs in ONE `BEGIN IMMEDIATE` transaction, so concurrent sign-ups (from any number of
 * connections or processes) are serialised by SQLite's write lock: the capacity count and the insert
 * can never interleave. Promotion from the waiting list and the e-mail to the promoted person (the
 * outbox row) happen inside the same transaction as the cancellation that freed the place.
 */
import { and, asc, eq, inArray, lt, min, or, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { getDb, type Db } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { cohorts, evenings, registrations, users, type Profession, type RegistrationStatus } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { appUrl } from "../utils/env.server";
import { formatEveningTime } from "../utils/time";
import { writeAudit } from "./audit.server";
import { queueEmail } from "./notifications.server";
import { invitationAttachment } from "./calendar.server";
import { isInMeetingAudience } from "./meetings/audience.server";
import { registrationWindowState } from "./registration-window";

// Permission checks on every cohort page ask this (built once per connection, db/prepared.ts).
const confirmedRegistration = preparedQuery((db) =>
  db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.cohortId, sql.placeholder("cohortId")),
        eq(registrations.userId, sql.placeholder("userId")),
        eq(registrations.status, "confirmed"),
      ),
    )
    .prepare(),
);

/** Whether the person's registration in the cohort is confirmed. Inside a transaction, pass its handle. */
export function isConfirmedParticipant(userId: number, cohortId: number, db: Db = getDb()): boolean {
  return !!confirmedRegistration(db).get({ cohortId, userId });
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Reader = Pick<Db, "select">;
export type Registration = typeof registrations.$inferSelect;
type Cohort = typeof cohorts.$inferSelect;
type User = typeof users.$inferSelect;

export type RegistrationErrorCode =
  | "cohortNotFound"
  | "userNotFound"
  | "notOpenYet"
  | "closed"
  | "notRegistered"
  | "alreadyStarted"
  | "notStarted"
  | "reasonRequired"
  | "full"
  | "notMovable"
  | "notInAudience";

/** A rule said no. `code` is also the i18n key `registration.errors.<code>`. */
export class RegistrationError extends Error {
  constructor(public code: RegistrationErrorCode) {
    super(`registration.errors.${code}`);
    this.name = "RegistrationError";
  }
  get messageKey() {
    return `registration.errors.${this.code}`;
  }
}

export const ACTIVE_STATUSES = ["confirmed", "waitlisted"] as const satisfies readonly RegistrationStatus[];

type Translators = { nb: TFunction; en: TFunction };
let translators: Promise<Translators> | undefined;
/** E-mails are written in each recipient's language; both translators are loaded before the transaction. */
function loadTranslators(): Promise<Translators> {
  translators ??= Promise.all([getFixedT("nb"), getFixedT("en")]).then(([nb, en]) => ({ nb, en }) as Translators);
  return translators;
}

export function capacityFor(cohort: Pick<Cohort, "capacityGp" | "capacityPhysio" | "capacityOther">, profession: Profession) {
  return profession === "gp" ? cohort.capacityGp : profession === "physio" ? cohort.capacityPhysio : cohort.capacityOther;
}

function countStatus(db: Reader, cohortId: number, profession: Profession, status: RegistrationStatus) {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(and(eq(registrations.cohortId, cohortId), eq(registrations.profession, profession), eq(registrations.status, status)))
      .get()?.n ?? 0
  );
}

/** When the first evening starts (cancel before it, withdraw after it); null without evenings. */
export function courseStartsAt(cohortId: number, db: Reader = getDb()): Date | null {
  const row = db
    .select({ first: min(evenings.startsAt) })
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled")))
    .get();
  return row?.first ? new Date(row.first) : null;
}

/** 1-based place in the waiting list of the person's profession, or null when not waitlisted. */
export function waitlistPosition(cohortId: number, userId: number, db: Reader = getDb()): number | null {
  const mine = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.userId, userId)))
    .get();
  if (!mine || mine.status !== "waitlisted") return null;
  const ahead =
    db
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(
        and(
          eq(registrations.cohortId, cohortId),
          eq(registrations.profession, mine.profession),
          eq(registrations.status, "waitlisted"),
          or(
            lt(registrations.queuedAt, mine.queuedAt),
            and(eq(registrations.queuedAt, mine.queuedAt), lt(registrations.id, mine.id)),
          ),
        ),
      )
      .get()?.n ?? 0;
  return ahead + 1;
}

export function getRegistration(cohortId: number, userId: number, db: Reader = getDb()) {
  return db
    .select()
    .from(registrations)
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.userId, userId)))
    .get();
}

/** Places left per profession (never negative). */
// Counted on every view of the public cohort page (built once per connection, see db/prepared.ts).
const activeCounts = preparedQuery((db) =>
  db
    .select({ profession: registrations.profession, status: registrations.status, n: sql<number>`count(*)` })
    .from(registrations)
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), inArray(registrations.status, [...ACTIVE_STATUSES])))
    .groupBy(registrations.profession, registrations.status)
    .prepare(),
);

export function placesLeft(cohort: Cohort, db: Reader = getDb()) {
  const rows = activeCounts(db as Db).all({ cohortId: cohort.id });
  const count = (p: Profession, s: RegistrationStatus) => rows.find((r) => r.profession === p && r.status === s)?.n ?? 0;
  return (["gp", "physio", "other"] as const).map((profession) => ({
    profession,
    capacity: capacityFor(cohort, profession),
    confirmed: count(profession, "confirmed"),
    waitlisted: count(profession, "waitlisted"),
    left: Math.max(0, capacityFor(cohort, profession) - count(profession, "confirmed")),
  }));
}

// ───────────────────────────── e-mails ─────────────────────────────

type MailKind = "confirmed" | "waitlisted" | "promoted" | "cancelled" | "withdrawn";

function queueRegistrationEmail(
  tr: Translators,
  kind: MailKind,
  user: Pick<User, "id" | "email" | "name" | "locale">,
  cohort: Cohort,
  _registration: Registration,
  extra: { position?: number | null } = {},
  db: Reader = getDb(),
) {
  const t = tr[user.locale === "en" ? "en" : "nb"];
  const lng = user.locale === "en" ? "en" : "nb";
  const first = db
    .select()
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohort.id), eq(evenings.status, "scheduled")))
    .orderBy(asc(evenings.startsAt))
    .get();
  const vars = {
    name: user.name,
    title: cohort.title,
    position: extra.position ?? "",
    link: `${appUrl()}/cohorts/${cohort.slug}`,
    firstEvening: first ? formatEveningTime(first.startsAt, first.endsAt, lng) : "",
    venue: first?.venue || cohort.venue,
  };
  // A place in the course: the evenings come along as a calendar file to add in one click.
  const withPlace = kind === "confirmed" || kind === "promoted";
  const all = withPlace ? db.select().from(evenings).where(eq(evenings.cohortId, cohort.id)).orderBy(asc(evenings.startsAt)).limit(50).all() : [];
  queueEmail(
    {
      to: user.email,
      userId: user.id,
      kind: `registration-${kind}`,
      subject: t(`registration.email.${kind}.subject`, vars),
      text: `${t(`registration.email.${kind}.body`, vars)}${all.length ? `\n\n${t("calendar.invitation.attached")}` : ""}\n\n${t("email.signature")}`,
      attachments: all.length ? [invitationAttachment(t, cohort, all, all.length, appUrl())] : undefined,
    },
    lng,
  );
}

// ───────────────────────────── sign-up ─────────────────────────────

export type SignUpResult = { registration: Registration; created: boolean; position: number | null };

/**
 * Signs a person up. Confirmed while their profession has a free place and nobody of that profession
 * is waiting; otherwise waitlisted. Signing up again returns the existing active registration; a
 * cancelled or withdrawn registration is reactivated (same row, new place in the queue).
 */
export { loadTranslators };

export async function signUp(cohortId: number, userId: number, options: { now?: Date } = {}): Promise<SignUpResult> {
  const tr = await loadTranslators();
  const db = getDb();
  return db.transaction(
    (tx) => {
      const now = options.now ?? new Date();
      const cohort = tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
      if (!cohort) throw new RegistrationError("cohortNotFound");
      const user = tx.select().from(users).where(eq(users.id, userId)).get();
      if (!user) throw new RegistrationError("userNotFound");
      const existing = getRegistration(cohortId, userId, tx);
      if (existing && (existing.status === "confirmed" || existing.status === "waitlisted")) {
        return { registration: existing, created: false, position: waitlistPosition(cohortId, userId, tx) };
      }
      const times = tx.select({ startsAt: evenings.startsAt, status: evenings.status }).from(evenings).where(eq(evenings.cohortId, cohortId)).all();
      const state = registrationWindowState(cohort, now, times);
      if (state !== "open") throw new RegistrationError(state);
      // A network meeting is for the members of its audience's networks; everything else is the cohort's rules.
      if (cohort.kind === "meeting" && !isInMeetingAudience(cohort, userId, tx)) throw new RegistrationError("notInAudience");

      const profession = user.profession;
      const room =
        countStatus(tx, cohortId, profession, "confirmed") < capacityFor(cohort, profession) &&
        countStatus(tx, cohortId, profession, "waitlisted") === 0;
      const status: RegistrationStatus = room ? "confirmed" : "waitlisted";
      const values = {
        profession,
        status,
        queuedAt: now,
        confirmedAt: room ? now : null,
        cancelledAt: null,
        withdrawnAt: null,
        withdrawalReason: null,
        updatedAt: now,
      };
      const registration = existing
        ? tx.update(registrations).set(values).where(eq(registrations.id, existing.id)).returning().get()
        : tx.insert(registrations).values({ cohortId, userId, ...values }).returning().get();
      const position = room ? null : waitlistPosition(cohortId, userId, tx);
      writeAudit(tx, {
        actorUserId: userId,
        cohortId,
        action: existing ? "registration.resignup" : "registration.signup",
        entityType: "registration",
        entityId: registration.id,
        details: { status, position },
      });
      queueRegistrationEmail(tr, room ? "confirmed" : "waitlisted", user, cohort, registration, { position }, tx);
      return { registration, created: !existing, position };
    },
    { behavior: "immediate" },
  );
}

/** Promotes waitlisted people of one profession, in queue order, while there is room. Returns them. */
function fillFromWaitlist(tx: Tx, tr: Translators, cohort: Cohort, profession: Profession, now: Date, actorUserId: number | null) {
  const promoted: Registration[] = [];
  let free = capacityFor(cohort, profession) - countStatus(tx, cohort.id, profession, "confirmed");
  while (free > 0) {
    const next = tx
      .select()
      .from(registrations)
      .where(
        and(eq(registrations.cohortId, cohort.id), eq(registrations.profession, profession), eq(registrations.status, "waitlisted")),
      )
      .orderBy(asc(registrations.queuedAt), asc(registrations.id))
      .get();
    if (!next) break;
    const row = tx
      .update(registrations)
      .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
      .where(eq(registrations.id, next.id))
      .returning()
      .get();
    const user = tx.select().from(users).where(eq(users.id, row.userId)).get()!;
    writeAudit(tx, {
      actorUserId,
      cohortId: cohort.id,
      action: "registration.promoted",
      entityType: "registration",
      entityId: row.id,
      details: { userId: row.userId, profession },
    });
    queueRegistrationEmail(tr, "promoted", user, cohort, row, {}, tx);
    promoted.push(row);
    free--;
  }
  return promoted;
}

export type LeaveResult = { registration: Registration; promoted: Registration[] };

function leave(
  cohortId: number,
  userId: number,
  kind: "cancel" | "withdraw",
  reason: string | null,
  now: Date,
  tr: Translators,
): LeaveResult {
  return getDb().transaction(
    (tx) => {
      const cohort = tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
      if (!cohort) throw new RegistrationError("cohortNotFound");
      const existing = getRegistration(cohortId, userId, tx);
      if (!existing || (existing.status !== "confirmed" && existing.status !== "waitlisted")) {
        throw new RegistrationError("notRegistered");
      }
      const startsAt = courseStartsAt(cohortId, tx);
      const started = !!startsAt && now >= startsAt;
      if (kind === "cancel" && started) throw new RegistrationError("alreadyStarted");
      if (kind === "withdraw" && !started) throw new RegistrationError("notStarted");
      if (kind === "withdraw" && !reason?.trim()) throw new RegistrationError("reasonRequired");
      const registration = tx
        .update(registrations)
        .set(
          kind === "cancel"
            ? { status: "cancelled", cancelledAt: now, updatedAt: now }
            : { status: "withdrawn", withdrawnAt: now, withdrawalReason: reason!.trim(), updatedAt: now },
        )
        .where(eq(registrations.id, existing.id))
        .returning()
        .get();
      writeAudit(tx, {
        actorUserId: userId,
        cohortId,
        action: kind === "cancel" ? "registration.cancelled" : "registration.withdrawn",
        entityType: "registration",
        entityId: registration.id,
        details: { from: existing.status, reason },
      });
      const user = tx.select().from(users).where(eq(users.id, userId)).get()!;
      queueRegistrationEmail(tr, kind === "cancel" ? "cancelled" : "withdrawn", user, cohort, registration, {}, tx);
      const promoted = existing.status === "confirmed" ? fillFromWaitlist(tx, tr, cohort, existing.profession, now, null) : [];
      return { registration, promoted };
    },
    { behavior: "immediate" },
  );
}

/** Cancels before the first evening has started; the freed place goes to the next in line. */
export async function cancelRegistration(cohortId: number, userId: number, options: { now?: Date } = {}) {
  return leave(cohortId, userId, "cancel", null, options.now ?? new Date(), await loadTranslators());
}

/** Withdraws after the course has started (a reason is required); the freed place goes to the next in line. */
export async function withdrawRegistration(cohortId: number, userId: number, reason: string, options: { now?: Date } = {}) {
  return leave(cohortId, userId, "withdraw", reason, options.now ?? new Date(), await loadTranslators());
}

/**
 * An organiser moves a person between the lists. Confirming needs a free place for the profession;
 * moving a confirmed person to the waiting list puts them last in the queue (the place stays free
 * for the organiser to give to someone). Both are written to the audit log with the actor.
 */
export async function moveRegistration(registrationId: number, to: "confirmed" | "waitlisted", actorUserId: number, options: { now?: Date } = {}) {
  const tr = await loadTranslators();
  return getDb().transaction(
    (tx) => {
      const now = options.now ?? new Date();
      const existing = tx.select().from(registrations).where(eq(registrations.id, registrationId)).get();
      if (!existing) throw new RegistrationError("notRegistered");
      const cohort = tx.select().from(cohorts).where(eq(cohorts.id, existing.cohortId)).get()!;
      if (existing.status === to) return existing;
      if (existing.status !== "confirmed" && existing.status !== "waitlisted") throw new RegistrationError("notMovable");
      if (to === "confirmed" && countStatus(tx, cohort.id, existing.profession, "confirmed") >= capacityFor(cohort, existing.profession)) {
        throw new RegistrationError("full");
      }
      const row = tx
        .update(registrations)
        .set(
          to === "confirmed"
            ? { status: "confirmed", confirmedAt: now, updatedAt: now }
            : { status: "waitlisted", confirmedAt: null, queuedAt: now, updatedAt: now },
        )
        .where(eq(registrations.id, existing.id))
        .returning()
        .get();
      writeAudit(tx, {
        actorUserId,
        cohortId: cohort.id,
        action: "registration.moved",
        entityType: "registration",
        entityId: row.id,
        details: { userId: row.userId, from: existing.status, to },
      });
      const user = tx.select().from(users).where(eq(users.id, row.userId)).get()!;
      const position = to === "waitlisted" ? waitlistPosition(cohort.id, row.userId, tx) : null;
      queueRegistrationEmail(tr, to === "confirmed" ? "promoted" : "waitlisted", user, cohort, row, { position }, tx);
      return row;
    },
    { behavior: "immediate" },
  );
}

/** After capacity was raised: gives the new places to the waiting list in order. */
export async function fillAllFromWaitlist(cohortId: number, actorUserId: number | null, options: { now?: Date } = {}) {
  const tr = await loadTranslators();
  return getDb().transaction(
    (tx) => {
      const cohort = tx.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
      if (!cohort) throw new RegistrationError("cohortNotFound");
      return (["gp", "physio", "other"] as const).flatMap((p) => fillFromWaitlist(tx, tr, cohort, p, options.now ?? new Date(), actorUserId));
    },
    { behavior: "immediate" },
  );
}
