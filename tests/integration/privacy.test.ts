import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { exportPersonalData } from "../../app/models/privacy.server";
import { createCohort, createUser, register } from "../helpers/factories";
import { queueEmail } from "../../app/models/notifications.server";

describe("personal data export", () => {
  it("holds the person's profile, registrations and e-mails, and nothing of other people", async () => {
    const db = getDb();
    const me = await createUser(db, { name: "Åsmund Ærlig", profession: "physio" });
    const other = await createUser(db, { name: "Annen Person" });
    const { cohort } = createCohort(db);
    register(db, cohort.id, me);
    register(db, cohort.id, other);
    queueEmail({ to: me.email, userId: me.id, subject: "Hei", text: "Til meg", kind: "test" });
    queueEmail({ to: other.email, userId: other.id, subject: "Hei", text: "Til en annen", kind: "test" });
    const data = exportPersonalData(me.id)!;
    expect(data.profile.name).toBe("Åsmund Ærlig");
    expect(data.registrations).toHaveLength(1);
    expect(data.registrations[0]!.userId).toBe(me.id);
    expect(data.emails.map((e) => e.text)).toEqual(["Til meg"]);
    expect(JSON.stringify(data)).not.toContain("Annen Person");
    expect(JSON.stringify(data)).not.toContain("argon2");
  });
});

describe("deleting an account", () => {
  it("frees the place for the waiting list, dissolves a partnership of one, removes personal rows and keeps anonymous answers", async () => {
    const { deleteAccount } = await import("../../app/models/privacy.server");
    const schema = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    const { createPartnership } = await import("../helpers/factories");
    const { randomRowId } = await import("../../app/utils/crypto.server");
    const db = getDb();
    const leaving = await createUser(db, { name: "Går Ut", profession: "gp" });
    const waiting = await createUser(db, { name: "Venter Vennlig", profession: "gp" });
    const physio = await createUser(db, { name: "Fysio Fast", profession: "physio" });
    const { cohort, evenings } = createCohort(db, { capacityGp: 1 });
    register(db, cohort.id, leaving);
    register(db, cohort.id, physio);
    register(db, cohort.id, waiting, "waitlisted");
    const partnership = createPartnership(db, cohort.id, [leaving.id, physio.id]);
    db.insert(schema.attendance).values({ eveningId: evenings[0]!.id, userId: leaving.id, status: "present", minutes: 180, source: "rollcall" }).run();
    db.insert(schema.certificates).values({ cohortId: cohort.id, userId: leaving.id, verificationCode: "kode-som-forsvinner", hours: 20 }).run();
    const survey = db.insert(schema.surveys).values({ cohortId: cohort.id, title: "S", opensAt: new Date(0), closesAt: new Date(Date.now() + 1e9) }).returning().get();
    const named = db.insert(schema.surveyResponses).values({ id: randomRowId(), surveyId: survey.id, respondentUserId: leaving.id }).returning().get();
    const anonymous = db.insert(schema.surveyResponses).values({ id: randomRowId(), surveyId: survey.id }).returning().get();
    db.insert(schema.auditLog).values({ actorUserId: leaving.id, cohortId: cohort.id, action: "test", entityType: "cohort" }).run();
    queueEmail({ to: leaving.email, userId: leaving.id, subject: "Til den som går", text: "x", kind: "test" });

    expect(await deleteAccount(leaving.id)).toBe(true);

    expect(db.select().from(schema.users).where(eq(schema.users.id, leaving.id)).get()).toBeUndefined();
    const promoted = db.select().from(schema.registrations).where(eq(schema.registrations.userId, waiting.id)).get()!;
    expect(promoted.status).toBe("confirmed");
    expect(db.select().from(schema.partnerships).where(eq(schema.partnerships.id, partnership.id)).get()!.dissolvedAt).not.toBeNull();
    expect(db.select().from(schema.certificates).where(eq(schema.certificates.verificationCode, "kode-som-forsvinner")).get()).toBeUndefined();
    expect(db.select().from(schema.attendance).where(eq(schema.attendance.userId, leaving.id)).all()).toEqual([]);
    expect(db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.id, named.id)).get()!.respondentUserId).toBeNull();
    expect(db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.id, anonymous.id)).get()).toBeDefined();
    expect(db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "test")).get()!.actorUserId).toBeNull();
    expect(db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, leaving.email)).all()).toEqual([]);
    expect(db.$client.pragma("foreign_key_check")).toEqual([]);
  });
});

describe("deleting a finished cohort's personal data", () => {
  it("waits for the retention period, then removes people and keeps anonymous figures", async () => {
    const { deleteCohortPersonalData, cohortRetentionState, RetentionError } = await import("../../app/models/privacy.server");
    const schema = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    const { createPartnership } = await import("../helpers/factories");
    const { randomRowId } = await import("../../app/utils/crypto.server");
    const db = getDb();
    const organiser = await createUser(db, { name: "Kurs Ansvarlig" });
    const gp = await createUser(db, { profession: "gp" });
    const physio = await createUser(db, { profession: "physio" });
    const { cohort, evenings } = createCohort(db, { eveningDates: ["2024-01-10", "2024-05-10"], organiserIds: [organiser.id] });
    register(db, cohort.id, gp);
    register(db, cohort.id, physio);
    createPartnership(db, cohort.id, [gp.id, physio.id]);
    db.insert(schema.attendance).values({ eveningId: evenings[0]!.id, userId: gp.id, status: "present", minutes: 180, source: "rollcall" }).run();
    db.insert(schema.certificates).values({ cohortId: cohort.id, userId: gp.id, verificationCode: "gammel-kode", hours: 8 }).run();
    const survey = db.insert(schema.surveys).values({ cohortId: cohort.id, title: "S", opensAt: new Date(0), closesAt: new Date(1) }).returning().get();
    const response = db.insert(schema.surveyResponses).values({ id: randomRowId(), surveyId: survey.id, respondentUserId: gp.id, submittedAt: new Date() }).returning().get();
    db.insert(schema.surveyParticipation).values({ surveyId: survey.id, userId: gp.id, answeredOn: "2024-05-10" }).run();

    const tooEarly = new Date("2025-01-01T00:00:00Z");
    expect(cohortRetentionState(cohort.id, tooEarly)!.canDelete).toBe(false);
    expect(() => deleteCohortPersonalData(cohort.id, organiser.id, tooEarly)).toThrow(RetentionError);
    expect(db.select().from(schema.registrations).where(eq(schema.registrations.cohortId, cohort.id)).all()).toHaveLength(2);

    const later = new Date("2025-06-01T00:00:00Z");
    const stats = deleteCohortPersonalData(cohort.id, organiser.id, later);
    expect(stats.registrationsByStatus.reduce((n, r) => n + r.n, 0)).toBe(2);
    expect(stats.certificatesIssued).toBe(1);
    for (const table of [schema.registrations, schema.certificates, schema.partnerships]) {
      expect(db.select().from(table).where(eq(table.cohortId, cohort.id)).all()).toEqual([]);
    }
    expect(db.select().from(schema.attendance).where(eq(schema.attendance.eveningId, evenings[0]!.id)).all()).toEqual([]);
    expect(db.select().from(schema.surveyParticipation).where(eq(schema.surveyParticipation.surveyId, survey.id)).all()).toEqual([]);
    const kept = db.select().from(schema.surveyResponses).where(eq(schema.surveyResponses.id, response.id)).get()!;
    expect(kept.respondentUserId).toBeNull();
    expect(kept.submittedAt).toBeNull();
    const audit = db.select().from(schema.auditLog).where(eq(schema.auditLog.cohortId, cohort.id)).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toEqual(stats);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(gp.name);
    expect(cohortRetentionState(cohort.id, later)!.deletedAt).not.toBeNull();
    expect(() => deleteCohortPersonalData(cohort.id, organiser.id, later)).toThrow(RetentionError);
    // The people themselves keep their accounts.
    expect(db.select().from(schema.users).where(eq(schema.users.id, gp.id)).get()).toBeDefined();
  });
});
