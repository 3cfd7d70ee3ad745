import { describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { databasePath, getDb, openDatabase } from "../../db/client";
import { attendance, certificates as certificatesTable, evenings as eveningsTable, registrations } from "../../db/schema";
import {
  attendanceOverview,
  checkInWithCode,
  ensureCheckinCode,
  myAttendanceSummary,
  NotParticipantError,
  recordCheckin,
  recordRollCall,
  rollCallList,
} from "../../app/models/attendance.server";
import { createCohort, createUser, register } from "../helpers/factories";
import { osloDateTimeToInstant } from "../../app/utils/time";
import { computeCohortCredits, saveCreditRule } from "../../app/models/credits.server";
import { issueCertificates, revokeCertificate } from "../../app/models/certificates.server";
import { confirmedOnly, myActiveCohorts } from "../../app/models/cohorts/pages.server";

// Roll call is only for evenings that have begun: by default the evenings are past.
async function setup(eveningDates: string[] = ["2026-01-08", "2026-02-05", "2026-03-05", "2026-04-02", "2026-05-07"]) {
  const db = getDb();
  const org = await createUser(db, { name: "Ola Organisator" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates });
  const gp = await createUser(db, { name: "Bjørn Ås", profession: "gp" });
  const pt = await createUser(db, { name: "Åse Fysio", profession: "physio" });
  register(db, cohort.id, gp);
  register(db, cohort.id, pt);
  return { db, org, cohort, evenings, gp, pt };
}

describe("roll call", () => {
  it("lists confirmed participants only, and upserts one row per evening and person", async () => {
    const { db, org, cohort, evenings, gp } = await setup();
    const waiting = await createUser(db, { name: "Venter Venterud" });
    register(db, cohort.id, waiting, "waitlisted");
    const e = evenings[0]!;
    expect(rollCallList(cohort.id, e.id).map((r) => r.name)).toEqual(["Bjørn Ås", "Åse Fysio"]);
    recordRollCall({ evening: e, userId: gp.id, status: "present", recordedByUserId: org.id });
    recordRollCall({ evening: e, userId: gp.id, status: "partial", minutes: 500, recordedByUserId: org.id });
    const rows = db.select().from(attendance).where(eq(attendance.userId, gp.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "partial", minutes: 180, source: "rollcall" });
    expect(() => recordRollCall({ evening: e, userId: waiting.id, status: "present", recordedByUserId: org.id })).toThrow(NotParticipantError);
  });

  it("concurrent roll call and self check-in on two connections end in one record, organiser's entry intact", async () => {
    const { db, org, evenings, gp, pt } = await setup();
    const other = openDatabase(databasePath(), { runMigrations: false });
    const e = evenings[0]!;
    // Check-in first on connection B, then roll call on A: roll call wins.
    recordCheckin(e, gp.id, other);
    recordRollCall({ evening: e, userId: gp.id, status: "partial", minutes: 60, recordedByUserId: org.id }, db);
    // Roll call first on A, then check-in on B: the check-in must not downgrade "partial"/"excused".
    recordRollCall({ evening: e, userId: pt.id, status: "excused", recordedByUserId: org.id }, db);
    recordCheckin(e, pt.id, other);
    const rows = db.select().from(attendance).where(eq(attendance.eveningId, e.id)).all();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.userId === gp.id)).toMatchObject({ status: "partial", minutes: 60, source: "rollcall" });
    expect(rows.find((r) => r.userId === pt.id)).toMatchObject({ status: "excused", source: "rollcall" });
    // An organiser's "absent" is lifted by a later check-in (the person arrived late).
    recordRollCall({ evening: e, userId: pt.id, status: "absent", recordedByUserId: org.id }, db);
    expect(recordCheckin(e, pt.id, other)).toMatchObject({ status: "present", minutes: 180 });
    other.$client.close();
  });
});

describe("self check-in", () => {
  const today = () => new Date().toISOString().slice(0, 10);

  it("works from 60 minutes before start to the end, only for that evening's cohort, and repeats harmlessly", async () => {
    const { db, cohort, evenings, gp } = await setup(["2027-01-28", "2027-03-11"]);
    const [e1, e2] = evenings as [typeof evenings[0], typeof evenings[0]];
    const code = ensureCheckinCode(e1.id);
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(ensureCheckinCode(e1.id)).toBe(code);
    const code2 = ensureCheckinCode(e2.id);
    expect(code2).not.toBe(code);

    const at = (t: string, d = "2027-01-28") => osloDateTimeToInstant(d, t);
    expect(checkInWithCode(code, gp.id, at("15:59"))).toMatchObject({ ok: false, reason: { key: "attendance.checkin.errors.tooEarly" } });
    expect(checkInWithCode(code, gp.id, at("20:01"))).toMatchObject({ ok: false, reason: { key: "attendance.checkin.errors.tooLate" } });
    expect(checkInWithCode("zzzzzz", gp.id, at("17:00"))).toMatchObject({ ok: false, reason: { key: "attendance.checkin.errors.unknown" } });
    // The code of evening 2 while evening 1 is on: wrong evening.
    expect(checkInWithCode(code2, gp.id, at("17:10"))).toMatchObject({
      ok: false,
      reason: { key: "attendance.checkin.errors.wrongEvening", values: { number: 2, current: 1 } },
    });
    const first = checkInWithCode(` ${code.toLowerCase().slice(0, 3)}-${code.slice(3)} `, gp.id, at("16:00"));
    expect(first).toMatchObject({ ok: true, eveningNumber: 1, already: false, status: "present" });
    expect(checkInWithCode(code, gp.id, at("19:59"))).toMatchObject({ ok: true, already: true });
    expect(db.select().from(attendance).where(and(eq(attendance.userId, gp.id), eq(attendance.eveningId, e1.id))).all()).toHaveLength(1);
    expect(today()).toBeTruthy();
    void cohort;
  });

  it("refuses people who are not confirmed participants of the cohort", async () => {
    const { db, cohort, evenings } = await setup(["2027-01-28"]);
    const stranger = await createUser(db, { name: "Fremmed" });
    const withdrawn = await createUser(db, { name: "Trukket" });
    register(db, cohort.id, withdrawn);
    db.update(registrations).set({ status: "withdrawn", withdrawnAt: new Date() }).where(eq(registrations.userId, withdrawn.id)).run();
    const code = ensureCheckinCode(evenings[0]!.id);
    const at = osloDateTimeToInstant("2027-01-28", "17:30");
    for (const u of [stranger, withdrawn]) {
      expect(checkInWithCode(code, u.id, at)).toMatchObject({ ok: false, reason: { key: "attendance.checkin.errors.notRegistered" } });
    }
    expect(db.select().from(attendance).all().filter((r) => r.userId === stranger.id)).toHaveLength(0);
  });

  it("refuses a cancelled evening", async () => {
    const { db, evenings, gp } = await setup(["2027-01-28"]);
    const code = ensureCheckinCode(evenings[0]!.id);
    db.update(eveningsTable).set({ status: "cancelled" }).where(eq(eveningsTable.id, evenings[0]!.id)).run();
    expect(checkInWithCode(code, gp.id, osloDateTimeToInstant("2027-01-28", "17:30"))).toMatchObject({
      ok: false,
      reason: { key: "attendance.checkin.errors.cancelled" },
    });
  });
});

describe("dropout overview", () => {
  it("flags people who missed the threshold of evenings in a row, counts per evening and profession, lists withdrawals", async () => {
    const { db, org, cohort, evenings, gp, pt } = await setup(["2026-01-08", "2026-02-05", "2026-03-05", "2026-04-02", "2099-05-07"]);
    const quitter = await createUser(db, { name: "Kari Slutter", profession: "physio" });
    register(db, cohort.id, quitter);
    for (const e of evenings.slice(0, 4)) recordRollCall({ evening: e, userId: gp.id, status: "present", recordedByUserId: org.id });
    // pt: attended 1 and 3, missed 2 and 4 (never two in a row)
    recordRollCall({ evening: evenings[0]!, userId: pt.id, status: "present", recordedByUserId: org.id });
    recordRollCall({ evening: evenings[2]!, userId: pt.id, status: "partial", minutes: 90, recordedByUserId: org.id });
    recordRollCall({ evening: evenings[0]!, userId: quitter.id, status: "present", recordedByUserId: org.id });
    db.update(registrations)
      .set({ status: "withdrawn", withdrawnAt: osloDateTimeToInstant("2026-02-01", "12:00"), withdrawalReason: "Flyttet" })
      .where(eq(registrations.userId, quitter.id))
      .run();
    const now = osloDateTimeToInstant("2026-04-10", "12:00");
    const o = attendanceOverview(cohort, now);
    expect(o.atRisk).toEqual([]);
    const o1 = attendanceOverview({ ...cohort, atRiskThreshold: 1 }, now);
    expect(o1.atRisk.map((r) => r.name)).toEqual(["Åse Fysio"]);
    recordRollCall({ evening: evenings[2]!, userId: pt.id, status: "absent", recordedByUserId: org.id });
    const o2 = attendanceOverview(cohort, now);
    expect(o2.atRisk).toMatchObject([{ name: "Åse Fysio", missedInRow: 3, missed: [2, 3, 4] }]);
    expect(o2.withdrawals).toMatchObject([{ name: "Kari Slutter", reason: "Flyttet" }]);
    expect(o2.started).toBe(3);
    expect(o2.finished).toBe(2);
    const [ev1, ev2, , , ev5] = o2.evenings;
    expect(ev1).toMatchObject({ registered: { gp: 1, physio: 2 }, attended: { gp: 1, physio: 2 }, absent: { gp: 0, physio: 0 } });
    expect(ev2).toMatchObject({ registered: { gp: 1, physio: 1 }, attended: { gp: 1, physio: 0 }, absent: { gp: 0, physio: 1 } });
    expect(ev5).toMatchObject({ isPast: false, attended: { gp: 0, physio: 0 } });
  });
});

describe("dashboard summary", () => {
  it("shows evenings held and attended so far and hours so far", async () => {
    const { org, evenings, gp } = await setup(["2026-01-08", "2026-02-05", "2099-05-07"]);
    recordRollCall({ evening: evenings[0]!, userId: gp.id, status: "present", recordedByUserId: org.id });
    recordRollCall({ evening: evenings[1]!, userId: gp.id, status: "partial", minutes: 90, recordedByUserId: org.id });
    const [s] = myAttendanceSummary(gp.id, osloDateTimeToInstant("2026-03-01", "12:00"));
    expect(s).toMatchObject({ held: 2, attended: 2, hoursSoFar: 6, certificateId: null });
  });

  it("reads every cohort at once: its own rule, held scheduled evenings only, my newest valid certificate", async () => {
    const { db, org, cohort: a, evenings: evA, gp } = await setup(["2026-01-08", "2026-02-05", "2026-03-05"]);
    const { cohort: b, evenings: evB } = createCohort(db, { organiserIds: [org.id], eveningDates: ["2026-01-15", "2026-02-12", "2099-01-01"] });
    const { cohort: waiting } = createCohort(db, { eveningDates: ["2026-01-22"] });
    register(db, b.id, gp);
    register(db, waiting.id, gp, "waitlisted");
    saveCreditRule(b.id, "gp", { label: "Legeforeningen", courseHourMinutes: 60, minAttendancePercent: 50, selfStudyHours: 3, maxHours: null });
    saveCreditRule(b.id, "physio", { label: "Annen", courseHourMinutes: 30, minAttendancePercent: 50, selfStudyHours: 0, maxHours: null });
    // Cohort A: all three evenings held; one attended in part, one absent, one present. Certificate issued, revoked, reissued.
    recordRollCall({ evening: evA[0]!, userId: gp.id, status: "partial", minutes: 100, recordedByUserId: org.id });
    recordRollCall({ evening: evA[1]!, userId: gp.id, status: "absent", recordedByUserId: org.id });
    recordRollCall({ evening: evA[2]!, userId: gp.id, status: "present", recordedByUserId: org.id });
    const after = osloDateTimeToInstant("2026-04-01", "12:00");
    saveCreditRule(a.id, "gp", { label: "", courseHourMinutes: 45, minAttendancePercent: 50, selfStudyHours: 0, maxHours: null });
    issueCertificates(a.id, org.id, after);
    const first = db.select().from(certificatesTable).where(eq(certificatesTable.userId, gp.id)).get()!;
    revokeCertificate(first.id, "Feil timetall");
    issueCertificates(a.id, org.id, after);
    const valid = db.select().from(certificatesTable).where(and(eq(certificatesTable.userId, gp.id), isNull(certificatesTable.revokedAt))).get()!;
    // Cohort B: evening 2 cancelled (not held, even though attended), evening 3 in the future.
    recordRollCall({ evening: evB[0]!, userId: gp.id, status: "present", recordedByUserId: org.id });
    recordRollCall({ evening: evB[1]!, userId: gp.id, status: "present", recordedByUserId: org.id });
    db.update(eveningsTable).set({ status: "cancelled" }).where(eq(eveningsTable.id, evB[1]!.id)).run();

    const summary = myAttendanceSummary(gp.id, after);
    expect(summary.map((s) => s.cohortId)).toEqual([a.id, b.id]);
    expect(summary[0]).toMatchObject({ slug: a.slug, title: a.title, held: 3, attended: 2, hoursSoFar: 6, certificateId: valid.id });
    expect(summary[1]).toMatchObject({ slug: b.slug, title: b.title, held: 1, attended: 1, hoursSoFar: 3, certificateId: null });
    // Hours so far are counted as the credits page counts them.
    for (const s of summary) expect(s.hoursSoFar).toBe(computeCohortCredits(s.cohortId, { until: after, userId: gp.id })[0]!.attendedHours);
    // The caller may pass the cohorts it has read already.
    expect(myAttendanceSummary(gp.id, after, db, confirmedOnly(myActiveCohorts(gp.id)))).toEqual(summary);
    expect(myAttendanceSummary(gp.id, after, db, [])).toEqual([]);
  });
});
