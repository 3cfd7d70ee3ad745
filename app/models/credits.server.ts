/**
 * Continuing-education credits: how many course hours a participant gets from the minutes they
 * attended, under the cohort's credit rule for their profession.
 *
 * `computeCredits` is pure; the rest reads/writes credit_rules and attendance.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { attendance, creditRules, evenings, registrations, users, PROFESSIONS, type Profession } from "../../db/schema";

export type CreditRule = {
  /** The approving body (shown as such on the credits page and the certificate). */
  label: string;
  /** The approving body's reference, e.g. an approval number; may be empty. */
  reference: string;
  courseHourMinutes: number;
  minAttendancePercent: number;
  selfStudyHours: number;
  maxHours: number | null;
};

export const DEFAULT_CREDIT_RULE: CreditRule = {
  label: "",
  reference: "",
  courseHourMinutes: 45,
  minAttendancePercent: 80,
  selfStudyHours: 0,
  maxHours: null,
};

/** The bodies that approve continuing education for each profession, until an organiser names another. */
const DEFAULT_APPROVING_BODY: Record<Profession, string> = {
  gp: "Den norske legeforening",
  physio: "Norsk Fysioterapeutforbund",
  other: "",
};

/** The rule a profession gets where no rule is saved. */
export function defaultCreditRule(profession: Profession): CreditRule {
  return { ...DEFAULT_CREDIT_RULE, label: DEFAULT_APPROVING_BODY[profession] };
}

/** A reason in words: an i18n key (attendance.credits.reasons.*) and its interpolation values. */
export type Reason = { key: string; values: Record<string, string | number> };

export type CreditResult = {
  /** Hours credited (0 when the participant does not qualify). */
  hours: number;
  /** Course hours from attendance alone, before self-study and the cap. */
  attendedHours: number;
  attendedMinutes: number;
  scheduledMinutes: number;
  /** Attended share of scheduled minutes, 0–100, one decimal. */
  attendancePercent: number;
  qualifies: boolean;
  reason: Reason | null;
};

/** Rounds down to a quarter hour, so partial minutes count but never over-credit. */
const quarterDown = (h: number) => Math.floor(h * 4 + 1e-9) / 4;

export function computeCredits(input: { attendedMinutes: number; scheduledMinutes: number; rule: CreditRule }): CreditResult {
  const { rule } = input;
  const scheduledMinutes = Math.max(0, input.scheduledMinutes);
  const attendedMinutes = Math.max(0, Math.min(input.attendedMinutes, scheduledMinutes));
  const attendancePercent = scheduledMinutes === 0 ? 0 : Math.floor((attendedMinutes / scheduledMinutes) * 1000) / 10;
  const attendedHours = quarterDown(attendedMinutes / rule.courseHourMinutes);
  const base = { attendedHours, attendedMinutes, scheduledMinutes, attendancePercent };
  if (scheduledMinutes === 0) {
    return { ...base, hours: 0, qualifies: false, reason: { key: "attendance.credits.reasons.noEvenings", values: {} } };
  }
  // Compare in whole minutes so 80 % of 900 = 720 minutes is exactly enough.
  if (attendedMinutes * 100 < scheduledMinutes * rule.minAttendancePercent) {
    return {
      ...base,
      hours: 0,
      qualifies: false,
      reason: {
        key: "attendance.credits.reasons.belowMinimum",
        values: { percent: attendancePercent, min: rule.minAttendancePercent },
      },
    };
  }
  let hours = attendedHours + rule.selfStudyHours;
  if (rule.maxHours != null) hours = Math.min(hours, rule.maxHours);
  return { ...base, hours, qualifies: true, reason: null };
}

/** Minutes of an evening that count (never more than the evening lasts). */
export function eveningMinutes(e: { startsAt: Date; endsAt: Date }) {
  return Math.max(0, Math.round((e.endsAt.getTime() - e.startsAt.getTime()) / 60_000));
}

// ───────────── rules in the database ─────────────

export function getCreditRules(cohortId: number, db: Db = getDb()): Record<Profession, CreditRule> {
  const rows = db.select().from(creditRules).where(eq(creditRules.cohortId, cohortId)).all();
  const out = {} as Record<Profession, CreditRule>;
  for (const p of PROFESSIONS) {
    const r = rows.find((row) => row.profession === p);
    out[p] = r
      ? {
          label: r.label,
          reference: r.reference,
          courseHourMinutes: r.courseHourMinutes,
          minAttendancePercent: r.minAttendancePercent,
          selfStudyHours: r.selfStudyHours,
          maxHours: r.maxHours,
        }
      : defaultCreditRule(p);
  }
  return out;
}

// The rules for my own profession in each cohort I am confirmed in (the dashboard), in one query.
const rulesOfParticipant = preparedQuery((db) =>
  db
    .select({
      cohortId: registrations.cohortId,
      label: creditRules.label,
      reference: creditRules.reference,
      courseHourMinutes: creditRules.courseHourMinutes,
      minAttendancePercent: creditRules.minAttendancePercent,
      selfStudyHours: creditRules.selfStudyHours,
      maxHours: creditRules.maxHours,
    })
    .from(registrations)
    .innerJoin(creditRules, and(eq(creditRules.cohortId, registrations.cohortId), eq(creditRules.profession, registrations.profession)))
    .where(and(eq(registrations.userId, sql.placeholder("userId")), eq(registrations.status, "confirmed")))
    .prepare(),
);

/** The credit rule that applies to the person in each cohort they are confirmed in (the default where none is saved). */
export function myCreditRules(userId: number, db: Db = getDb()) {
  const saved = new Map(rulesOfParticipant(db).all({ userId }).map(({ cohortId, ...rule }) => [cohortId, rule]));
  return (cohortId: number): CreditRule => saved.get(cohortId) ?? { ...DEFAULT_CREDIT_RULE };
}

export function saveCreditRule(cohortId: number, profession: Profession, input: Omit<CreditRule, "reference"> & { reference?: string }, db: Db = getDb()) {
  const rule = { ...input, reference: input.reference ?? "" };
  db.insert(creditRules)
    .values({ cohortId, profession, ...rule })
    .onConflictDoUpdate({ target: [creditRules.cohortId, creditRules.profession], set: { ...rule } })
    .run();
}

export type ParticipantCredits = CreditResult & {
  userId: number;
  name: string;
  email: string;
  profession: Profession;
  hprNumber: string | null;
  ruleLabel: string;
};

/**
 * Credits for every confirmed participant of a cohort, from scheduled (non-cancelled) evenings.
 * `until` limits to evenings that have started by then (for "so far" views); default: all evenings.
 */
export function computeCohortCredits(cohortId: number, opts: { until?: Date; userId?: number; now?: Date } = {}, db: Db = getDb()): ParticipantCredits[] {
  const rules = getCreditRules(cohortId, db);
  const scheduled = db
    .select()
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled")))
    .orderBy(asc(evenings.number))
    .all()
    .filter((e) => !opts.until || e.startsAt.getTime() <= opts.until.getTime());
  const scheduledMinutes = scheduled.reduce((s, e) => s + eveningMinutes(e), 0);
  const lengthById = new Map(scheduled.map((e) => [e.id, eveningMinutes(e)]));
  const now = opts.now ?? new Date();
  const heldIds = new Set(scheduled.filter((e) => e.startsAt.getTime() <= now.getTime()).map((e) => e.id));
  const people = db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      hprNumber: users.hprNumber,
      profession: registrations.profession,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(
      and(
        eq(registrations.cohortId, cohortId),
        eq(registrations.status, "confirmed"),
        ...(opts.userId ? [eq(registrations.userId, opts.userId)] : []),
      ),
    )
    .orderBy(asc(users.name), asc(users.id))
    .all();
  const minutesByUser = new Map<number, number>();
  if (scheduled.length && people.length) {
    const rows = db
      .select({ userId: attendance.userId, eveningId: attendance.eveningId, status: attendance.status, minutes: attendance.minutes })
      .from(attendance)
      .where(
        and(
          inArray(attendance.eveningId, [...lengthById.keys()]),
          // One person (the dashboard): read only their rows, not the whole cohort's roll calls.
          ...(opts.userId ? [eq(attendance.userId, opts.userId)] : []),
        ),
      )
      .all();
    for (const r of rows) {
      // Attendance counts only for evenings that have begun (as the attendance overview counts them).
      if (!heldIds.has(r.eveningId)) continue;
      const len = lengthById.get(r.eveningId) ?? 0;
      const m = r.status === "present" ? len : r.status === "partial" ? Math.min(r.minutes, len) : 0;
      minutesByUser.set(r.userId, (minutesByUser.get(r.userId) ?? 0) + m);
    }
  }
  return people.map((p) => {
    const rule = rules[p.profession];
    return {
      ...p,
      ruleLabel: rule.label,
      ...computeCredits({ attendedMinutes: minutesByUser.get(p.userId) ?? 0, scheduledMinutes, rule }),
    };
  });
}
