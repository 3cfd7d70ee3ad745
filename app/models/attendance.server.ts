/**
 * Attendance: the organiser's roll call, participants' self check-in, and the dropout overview.
 * One row per (evening, person) – both writers upsert on the unique index, so they never make two.
 */
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { encodedPlaceholder, preparedQuery } from "../../db/prepared";
import {
  attendance,
  cohorts,
  evenings,
  registrations,
  users,
  PROFESSIONS,
  type AttendanceStatus,
  type Profession,
} from "../../db/schema";
import type { BarDatum } from "~/types/charts";
import { isConfirmedParticipant } from "./registration.server";
import { generateShortCode } from "~/utils/crypto.server";
import { computeCredits, eveningMinutes, myCreditRules, type Reason } from "./credits.server";
import { myCertificates } from "./certificates.server";
import { confirmedOnly, myActiveCohorts } from "./cohorts/pages.server";

import { env } from "~/utils/env.server";

/** Roll call and self check-in open this long before an evening starts (ATTENDANCE_OPENS_MINUTES, default 60). */
export function attendanceOpensBeforeMs() {
  return env().ATTENDANCE_OPENS_MINUTES * 60_000;
}

/** When attendance can first be recorded for an evening. Before it, the evening has not begun. */
export function attendanceOpensAt(evening: { startsAt: Date }) {
  return new Date(evening.startsAt.getTime() - attendanceOpensBeforeMs());
}

/** Attendance for an evening that has not begun: nobody can have been there yet. */
export class AttendanceNotOpenError extends Error {
  constructor(public opensAt: Date) {
    super("attendance not open yet");
    this.name = "AttendanceNotOpenError";
  }
}

// The roll call page (and the check-in screen) read these on every request: built once per connection
// (db/prepared.ts).
const eveningByNumber = preparedQuery((db) =>
  db
    .select()
    .from(evenings)
    .where(and(eq(evenings.cohortId, sql.placeholder("cohortId")), eq(evenings.number, sql.placeholder("number"))))
    .prepare(),
);

export function getEvening(cohortId: number, number: number, db: Db = getDb()) {
  return eveningByNumber(db).get({ cohortId, number });
}

const rollCallRows = preparedQuery((db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      profession: registrations.profession,
      status: attendance.status,
      minutes: attendance.minutes,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(attendance, and(eq(attendance.userId, users.id), eq(attendance.eveningId, sql.placeholder("eveningId"))))
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), eq(registrations.status, "confirmed")))
    .orderBy(asc(users.name), asc(users.id))
    .prepare(),
);

/** Confirmed participants of the cohort, each with their entry for one evening or null. */
export function rollCallList(cohortId: number, eveningId: number, db: Db = getDb()) {
  return rollCallRows(db).all({ cohortId, eveningId });
}


export class NotParticipantError extends Error {}

/**
 * The organiser's entry wins: it overwrites whatever is there (including a self check-in).
 * Minutes: "present" = the whole evening, "partial" = given minutes clamped to the evening, otherwise 0.
 */
export function recordRollCall(
  input: {
    evening: { id: number; cohortId: number; startsAt: Date; endsAt: Date };
    userId: number;
    status: AttendanceStatus;
    minutes?: number;
    recordedByUserId: number;
    now?: Date;
  },
  db: Db = getDb(),
) {
  const { evening, userId, status } = input;
  const now = input.now ?? new Date();
  if (now < attendanceOpensAt(evening)) throw new AttendanceNotOpenError(attendanceOpensAt(evening));
  if (!isConfirmedParticipant(userId, evening.cohortId, db)) throw new NotParticipantError();
  const len = eveningMinutes(evening);
  const minutes = status === "present" ? len : status === "partial" ? Math.max(0, Math.min(len, Math.round(input.minutes ?? 0))) : 0;
  return db
    .insert(attendance)
    .values({ eveningId: evening.id, userId, status, minutes, source: "rollcall", recordedByUserId: input.recordedByUserId, updatedAt: now })
    .onConflictDoUpdate({
      target: [attendance.eveningId, attendance.userId],
      set: { status, minutes, source: "rollcall", recordedByUserId: input.recordedByUserId, updatedAt: now },
    })
    .returning()
    .get();
}

/**
 * Marks a participant present by self check-in. Never downgrades or overrides an organiser's
 * roll-call entry: it only fills an empty slot, repeats itself harmlessly, or lifts "absent".
 */
export function recordCheckin(evening: { id: number; startsAt: Date; endsAt: Date }, userId: number, db: Db = getDb()) {
  const minutes = eveningMinutes(evening);
  const now = new Date();
  db.insert(attendance)
    .values({ eveningId: evening.id, userId, status: "present", minutes, source: "checkin", updatedAt: now })
    .onConflictDoUpdate({
      target: [attendance.eveningId, attendance.userId],
      set: { status: "present", minutes, source: "checkin", updatedAt: now },
      setWhere: sql`${attendance.status} = 'absent'`,
    })
    .run();
  return db.select().from(attendance).where(and(eq(attendance.eveningId, evening.id), eq(attendance.userId, userId))).get()!;
}

// ───────────── check-in codes ─────────────

export function checkinWindow(evening: { startsAt: Date; endsAt: Date }) {
  return { opensAt: attendanceOpensAt(evening), closesAt: evening.endsAt };
}

/** The evening's short code, created on first use; unique among evenings that have not ended. */
export function ensureCheckinCode(eveningId: number, db: Db = getDb()): string {
  return db.transaction(
    (tx) => {
      const e = tx.select().from(evenings).where(eq(evenings.id, eveningId)).get();
      if (!e) throw new Error("no evening");
      if (e.checkinCode) return e.checkinCode;
      for (;;) {
        const code = generateShortCode(6);
        const clash = tx
          .select({ id: evenings.id })
          .from(evenings)
          .where(and(eq(evenings.checkinCode, code), sql`${evenings.endsAt} >= ${Date.now()}`))
          .get();
        if (clash) continue;
        tx.update(evenings).set({ checkinCode: code }).where(eq(evenings.id, eveningId)).run();
        return code;
      }
    },
    { behavior: "immediate" },
  );
}

export function normaliseCode(raw: string) {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

export type CheckinResult =
  | { ok: true; cohortTitle: string; eveningNumber: number; already: boolean; status: AttendanceStatus }
  | { ok: false; reason: Reason };

/** Checks a person in with a typed or scanned code at `now`. Every refusal has a reason in words. */
export function checkInWithCode(rawCode: string, userId: number, now = new Date(), db: Db = getDb()): CheckinResult {
  const code = normaliseCode(rawCode);
  const fail = (key: string, values: Reason["values"] = {}): CheckinResult => ({ ok: false, reason: { key: `attendance.checkin.errors.${key}`, values } });
  if (!code) return fail("unknown");
  const candidates = db
    .select({ evening: evenings, cohortTitle: cohorts.title })
    .from(evenings)
    .innerJoin(cohorts, eq(cohorts.id, evenings.cohortId))
    .where(eq(evenings.checkinCode, code))
    .all();
  if (candidates.length === 0) return fail("unknown");
  // Prefer the evening of a cohort the person belongs to (codes of long-past evenings may repeat).
  const mine = candidates.filter((c) => isConfirmedParticipant(userId, c.evening.cohortId, db));
  if (mine.length === 0) return fail("notRegistered");
  const t = now.getTime();
  const open = mine.find((c) => {
    const w = checkinWindow(c.evening);
    return c.evening.status === "scheduled" && t >= w.opensAt.getTime() && t <= w.closesAt.getTime();
  });
  if (!open) {
    const c = mine[0]!;
    if (c.evening.status === "cancelled") return fail("cancelled", { number: c.evening.number });
    // Is another evening of the same cohort open right now? Then the person used the wrong code.
    const current = db
      .select()
      .from(evenings)
      .where(
        and(
          eq(evenings.cohortId, c.evening.cohortId),
          eq(evenings.status, "scheduled"),
          lte(evenings.startsAt, new Date(t + attendanceOpensBeforeMs())),
          sql`${evenings.endsAt} >= ${t}`,
        ),
      )
      .get();
    if (current) return fail("wrongEvening", { number: c.evening.number, current: current.number });
    const w = checkinWindow(c.evening);
    return fail(t < w.opensAt.getTime() ? "tooEarly" : "tooLate", { number: c.evening.number, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() });
  }
  const before = db
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.eveningId, open.evening.id), eq(attendance.userId, userId)))
    .get();
  const row = recordCheckin(open.evening, userId, db);
  return { ok: true, cohortTitle: open.cohortTitle, eveningNumber: open.evening.number, already: !!before && before.status !== "absent", status: row.status };
}

// ───────────── dropout overview ─────────────

type ByProfession = Record<Profession, number>;
const zero = (): ByProfession => Object.fromEntries(PROFESSIONS.map((p) => [p, 0])) as ByProfession;

/**
 * Per-evening counts, the at-risk list and withdrawals for a cohort, as of `now`.
 * "Attended" = present or partly present; "absent" = a confirmed participant with no attendance
 * (absent, excused or no entry) at a past evening.
 */
export function attendanceOverview(cohort: { id: number; atRiskThreshold: number }, now = new Date(), db: Db = getDb()) {
  const allEvenings = db.select().from(evenings).where(eq(evenings.cohortId, cohort.id)).orderBy(asc(evenings.number)).all();
  const regs = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      profession: registrations.profession,
      status: registrations.status,
      confirmedAt: registrations.confirmedAt,
      withdrawnAt: registrations.withdrawnAt,
      withdrawalReason: registrations.withdrawalReason,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.cohortId, cohort.id), inArray(registrations.status, ["confirmed", "withdrawn"])))
    .orderBy(asc(users.name), asc(users.id))
    .all();
  const eveningIds = allEvenings.map((e) => e.id);
  const rows = eveningIds.length
    ? db
        .select({ eveningId: attendance.eveningId, userId: attendance.userId, status: attendance.status })
        .from(attendance)
        .where(inArray(attendance.eveningId, eveningIds))
        .all()
    : [];
  const attended = new Set(rows.filter((r) => r.status === "present" || r.status === "partial").map((r) => `${r.eveningId}:${r.userId}`));
  const excused = new Set(rows.filter((r) => r.status === "excused").map((r) => `${r.eveningId}:${r.userId}`));
  const past = allEvenings.filter((e) => e.status === "scheduled" && e.startsAt.getTime() <= now.getTime());

  // Someone withdrawn counts as registered for the evenings before they withdrew.
  const registeredAt = (r: (typeof regs)[number], e: (typeof allEvenings)[number]) =>
    r.status === "confirmed" || (r.withdrawnAt != null && r.withdrawnAt.getTime() > e.startsAt.getTime());

  const perEvening = allEvenings.map((e) => {
    const registered = zero();
    const present = zero();
    const absent = zero();
    const isPast = e.status === "scheduled" && e.startsAt.getTime() <= now.getTime();
    for (const r of regs) {
      if (!registeredAt(r, e)) continue;
      registered[r.profession]++;
      if (!isPast) continue;
      if (attended.has(`${e.id}:${r.userId}`)) present[r.profession]++;
      else absent[r.profession]++;
    }
    return { id: e.id, number: e.number, startsAt: e.startsAt, endsAt: e.endsAt, cancelled: e.status === "cancelled", isPast, registered, attended: present, absent };
  });

  const atRisk = regs
    .filter((r) => r.status === "confirmed")
    .map((r) => {
      let run = 0;
      let longest = 0;
      for (const e of past) {
        if (attended.has(`${e.id}:${r.userId}`)) run = 0;
        else {
          run++;
          longest = Math.max(longest, run);
        }
      }
      const missed = past.filter((e) => !attended.has(`${e.id}:${r.userId}`));
      return {
        userId: r.userId,
        name: r.name,
        email: r.email,
        profession: r.profession,
        missedInRow: longest,
        currentRun: run,
        missed: missed.map((e) => e.number),
        excused: missed.filter((e) => excused.has(`${e.id}:${r.userId}`)).map((e) => e.number),
      };
    })
    .filter((r) => r.missedInRow >= cohort.atRiskThreshold);

  const withdrawals = regs
    .filter((r) => r.status === "withdrawn")
    .map((r) => ({ userId: r.userId, name: r.name, profession: r.profession, withdrawnAt: r.withdrawnAt, reason: r.withdrawalReason ?? "" }))
    .sort((a, b) => (a.withdrawnAt?.getTime() ?? 0) - (b.withdrawnAt?.getTime() ?? 0));

  // Counted from held evenings only: before the first evening nobody has started (or is still in).
  const started = past.length ? regs.filter((r) => registeredAt(r, past[0]!)).length : 0;
  const finished = past.length ? regs.filter((r) => r.status === "confirmed").length : 0;
  return { evenings: perEvening, atRisk, withdrawals, started, finished, pastCount: past.length };
}

/** The professions the overview shows: "other" only in cohorts with places for it. */
export function overviewProfessions(cohort: { capacityOther: number }): Profession[] {
  return cohort.capacityOther > 0 ? ["gp", "physio", "other"] : ["gp", "physio"];
}

/**
 * The overview's chart (on the page and as its image, /cohorts/:slug/attendance.svg): how many started,
 * attended each past evening (the shown professions together) and finished.
 */
export function attendanceChartData(o: ReturnType<typeof attendanceOverview>, professions: Profession[], t: (key: string) => string): BarDatum[] {
  const sum = (r: Record<string, number>) => professions.reduce((s, p) => s + (r[p] ?? 0), 0);
  return [
    { label: t("attendance.overview.started"), count: o.started },
    ...o.evenings.filter((e) => e.isPast).map((e) => ({ label: `${t("attendance.overview.evening")} ${e.number}`, count: sum(e.attended) })),
    { label: t("attendance.overview.finished"), count: o.finished },
  ];
}

export function setAtRiskThreshold(cohortId: number, threshold: number, db: Db = getDb()) {
  db.update(cohorts).set({ atRiskThreshold: threshold, updatedAt: new Date() }).where(eq(cohorts.id, cohortId)).run();
}

// The held (scheduled, started) evenings of every cohort I am confirmed in, with my entry for each.
const myHeldEvenings = preparedQuery((db) =>
  db
    .select({ cohortId: evenings.cohortId, startsAt: evenings.startsAt, endsAt: evenings.endsAt, status: attendance.status, minutes: attendance.minutes })
    .from(registrations)
    .innerJoin(evenings, eq(evenings.cohortId, registrations.cohortId))
    .leftJoin(attendance, and(eq(attendance.eveningId, evenings.id), eq(attendance.userId, registrations.userId)))
    .where(
      and(
        eq(registrations.userId, sql.placeholder("userId")),
        eq(registrations.status, "confirmed"),
        eq(evenings.status, "scheduled"),
        lte(evenings.startsAt, encodedPlaceholder(evenings.startsAt, "now")),
      ),
    )
    .prepare(),
);

/**
 * For the dashboard: per cohort I am confirmed in, evenings held/attended so far, hours so far (as
 * computeCohortCredits counts them), and my certificate. `confirmed`: those cohorts, if the caller has
 * read them already. A fixed number of queries however many cohorts.
 */
export function myAttendanceSummary(
  userId: number,
  now = new Date(),
  db: Db = getDb(),
  confirmed: { cohortId: number; slug: string; title: string }[] = confirmedOnly(myActiveCohorts(userId)),
) {
  if (confirmed.length === 0) return [];
  const held = new Map<number, { count: number; attended: number; scheduledMinutes: number; attendedMinutes: number }>();
  for (const e of myHeldEvenings(db).all({ userId, now })) {
    const sum = held.get(e.cohortId) ?? { count: 0, attended: 0, scheduledMinutes: 0, attendedMinutes: 0 };
    const length = eveningMinutes(e);
    sum.count++;
    sum.scheduledMinutes += length;
    if (e.status === "present" || e.status === "partial") sum.attended++;
    sum.attendedMinutes += e.status === "present" ? length : e.status === "partial" ? Math.min(e.minutes ?? 0, length) : 0;
    held.set(e.cohortId, sum);
  }
  const ruleFor = myCreditRules(userId, db);
  const certs = myCertificates(userId, db);
  return confirmed.map(({ cohortId, slug, title }) => {
    const sum = held.get(cohortId);
    const cert = certs.find((x) => x.cohortId === cohortId);
    const rule = ruleFor(cohortId);
    const credit = sum ? computeCredits({ attendedMinutes: sum.attendedMinutes, scheduledMinutes: sum.scheduledMinutes, rule }) : null;
    return {
      cohortId,
      slug,
      title,
      held: sum?.count ?? 0,
      attended: sum?.attended ?? 0,
      hoursSoFar: credit?.attendedHours ?? 0,
      attendancePercent: credit?.attendancePercent ?? 0,
      courseHourMinutes: rule.courseHourMinutes,
      certificateId: cert?.id ?? null,
    };
  });
}
