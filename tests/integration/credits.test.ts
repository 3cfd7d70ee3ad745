import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { evenings as eveningsTable } from "../../db/schema";
import { computeCohortCredits, computeCredits, DEFAULT_CREDIT_RULE, getCreditRules, saveCreditRule } from "../../app/models/credits.server";
import { recordRollCall } from "../../app/models/attendance.server";
import { createCohort, createUser, register } from "../helpers/factories";

const EVENING = 180;
const rule = DEFAULT_CREDIT_RULE;

describe("computeCredits (pure)", () => {
  it("five 3-hour evenings at 45-minute course hours = 20 hours", () => {
    const r = computeCredits({ attendedMinutes: 5 * EVENING, scheduledMinutes: 5 * EVENING, rule });
    expect(r).toMatchObject({ hours: 20, qualifies: true, reason: null, attendancePercent: 100 });
    expect(computeCredits({ attendedMinutes: EVENING, scheduledMinutes: EVENING, rule }).hours).toBe(4);
  });

  it("4 of 5 evenings = 16 hours and qualifies at exactly 80 %", () => {
    const r = computeCredits({ attendedMinutes: 4 * EVENING, scheduledMinutes: 5 * EVENING, rule });
    expect(r).toMatchObject({ hours: 16, qualifies: true, attendancePercent: 80 });
  });

  it("3 of 5 evenings does not qualify, with the reason in words", () => {
    const r = computeCredits({ attendedMinutes: 3 * EVENING, scheduledMinutes: 5 * EVENING, rule });
    expect(r.qualifies).toBe(false);
    expect(r.hours).toBe(0);
    expect(r.attendedHours).toBe(12);
    expect(r.reason).toEqual({ key: "attendance.credits.reasons.belowMinimum", values: { percent: 60, min: 80 } });
  });

  it("partial minutes count (one minute short of 80 % fails, 90 extra minutes add 2 hours)", () => {
    expect(computeCredits({ attendedMinutes: 719, scheduledMinutes: 900, rule }).qualifies).toBe(false);
    const r = computeCredits({ attendedMinutes: 4 * EVENING + 90, scheduledMinutes: 900, rule });
    expect(r).toMatchObject({ qualifies: true, hours: 18 });
    // 100 minutes = 2.22 course hours → 2 hours (rounded down to a quarter)
    expect(computeCredits({ attendedMinutes: 100, scheduledMinutes: 100, rule }).hours).toBe(2.0);
  });

  it("adds self-study hours when qualifying and caps at max hours", () => {
    const r = computeCredits({ attendedMinutes: 900, scheduledMinutes: 900, rule: { ...rule, selfStudyHours: 5, maxHours: 22 } });
    expect(r.hours).toBe(22);
    const notQ = computeCredits({ attendedMinutes: 100, scheduledMinutes: 900, rule: { ...rule, selfStudyHours: 5 } });
    expect(notQ.hours).toBe(0);
  });

  it("never credits more minutes than were scheduled, and no evenings gives a reason", () => {
    expect(computeCredits({ attendedMinutes: 9999, scheduledMinutes: 900, rule }).hours).toBe(20);
    expect(computeCredits({ attendedMinutes: 0, scheduledMinutes: 0, rule }).reason?.key).toBe("attendance.credits.reasons.noEvenings");
  });
});

describe("credits from the database", () => {
  it("rules differ by profession; cancelled evenings are not counted", async () => {
    const db = getDb();
    const org = await createUser(db, { name: "Org" });
    // Held evenings (attendance is recorded only for evenings that have begun).
    const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates: ["2026-01-08", "2026-02-05", "2026-03-05", "2026-04-02", "2026-05-07"] });
    const gp = await createUser(db, { name: "Geir Lege", profession: "gp" });
    const pt = await createUser(db, { name: "Åse Fysio", profession: "physio" });
    register(db, cohort.id, gp);
    register(db, cohort.id, pt);
    saveCreditRule(cohort.id, "physio", { label: "Fysioterapeutforbundet", courseHourMinutes: 60, minAttendancePercent: 60, selfStudyHours: 2, maxHours: null });
    expect(getCreditRules(cohort.id).gp).toEqual({ ...DEFAULT_CREDIT_RULE, label: "Den norske legeforening" });
    expect(getCreditRules(cohort.id).physio.label).toBe("Fysioterapeutforbundet");
    for (const e of evenings.slice(0, 3)) {
      recordRollCall({ evening: e, userId: gp.id, status: "present", recordedByUserId: org.id });
      recordRollCall({ evening: e, userId: pt.id, status: "present", recordedByUserId: org.id });
    }
    const credits = computeCohortCredits(cohort.id);
    const g = credits.find((c) => c.userId === gp.id)!;
    const p = credits.find((c) => c.userId === pt.id)!;
    expect(g.qualifies).toBe(false);
    expect(p).toMatchObject({ qualifies: true, hours: 9 + 2, ruleLabel: "Fysioterapeutforbundet" });
    // Cancel the last two evenings: 3 of 3 scheduled evenings is 100 %.
    for (const e of evenings.slice(3)) db.update(eveningsTable).set({ status: "cancelled" }).where(eq(eveningsTable.id, e.id)).run();
    expect(computeCohortCredits(cohort.id).find((c) => c.userId === gp.id)).toMatchObject({ qualifies: true, hours: 12, attendancePercent: 100 });
  });
});
