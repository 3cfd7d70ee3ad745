import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { attendance, auditLog, cohortMessageRecipients, cohortMessages, emailOutbox } from "../../db/schema";
import { messageRecipients, myCohortMessages, sendCohortMessage } from "../../app/models/cohort-messages.server";
import { createCohort, createPartnership, createUser, register } from "../helpers/factories";

const NOW = new Date("2027-03-20T12:00:00Z"); // after evenings 1 and 2 (28 Jan, 11 Mar), before evening 3

async function setup() {
  const db = getDb();
  const organiser = await createUser(db, { profession: "other", name: "Olga Organisator" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10, capacityOther: 5 });
  const gp = await createUser(db, { profession: "gp", name: "Anne Lege" });
  const gp2 = await createUser(db, { profession: "gp", name: "Bjørn Lege" });
  const physio = await createUser(db, { profession: "physio", name: "Cato Fysio" });
  const physio2 = await createUser(db, { profession: "physio", name: "Dina Fysio" });
  const waiting = await createUser(db, { profession: "physio", name: "Eva Venter" });
  for (const u of [gp, gp2, physio, physio2]) register(db, cohort.id, u);
  register(db, cohort.id, waiting, "waitlisted");
  createPartnership(db, cohort.id, [gp.id, physio.id]);
  // Evening 2 is the last held one: Anne present, Cato partial, Bjørn absent, Dina not marked.
  const e2 = evenings[1]!;
  db.insert(attendance)
    .values([
      { eveningId: e2.id, userId: gp.id, status: "present", minutes: 180, source: "rollcall" },
      { eveningId: e2.id, userId: physio.id, status: "partial", minutes: 60, source: "rollcall" },
      { eveningId: e2.id, userId: gp2.id, status: "absent", minutes: 0, source: "rollcall" },
    ])
    .run();
  // Bjørn was present at evening 1, which is not the last held evening.
  db.insert(attendance).values({ eveningId: evenings[0]!.id, userId: gp2.id, status: "present", minutes: 180, source: "rollcall" }).run();
  return { db, cohort, organiser, gp, gp2, physio, physio2, waiting };
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe("messages to a cohort", () => {
  it("finds the recipients of each group", async () => {
    const { cohort } = await setup();
    expect(names(messageRecipients(cohort.id, "confirmed", NOW))).toEqual(["Anne Lege", "Bjørn Lege", "Cato Fysio", "Dina Fysio"]);
    expect(names(messageRecipients(cohort.id, "gp", NOW))).toEqual(["Anne Lege", "Bjørn Lege"]);
    expect(names(messageRecipients(cohort.id, "physio", NOW))).toEqual(["Cato Fysio", "Dina Fysio"]);
    expect(names(messageRecipients(cohort.id, "other", NOW))).toEqual([]);
    expect(names(messageRecipients(cohort.id, "waitlisted", NOW))).toEqual(["Eva Venter"]);
    expect(names(messageRecipients(cohort.id, "unpaired", NOW))).toEqual(["Bjørn Lege", "Dina Fysio"]);
    expect(names(messageRecipients(cohort.id, "absentLastEvening", NOW))).toEqual(["Bjørn Lege", "Dina Fysio"]);
    // Before any evening has been held nobody counts as absent.
    expect(messageRecipients(cohort.id, "absentLastEvening", new Date("2027-01-01T12:00:00Z"))).toEqual([]);
  });

  it("sends through the outbox, logs who sent what to how many, and shows on the recipients' dashboard", async () => {
    const { db, cohort, organiser, gp, gp2, physio, waiting } = await setup();
    const sent = await sendCohortMessage({
      cohortId: cohort.id,
      senderUserId: organiser.id,
      audience: "gp",
      subject: "Husk lesestoffet",
      body: "Les kapittel 3 før neste kveld.",
      baseUrl: "https://knutepunkt.test",
      now: NOW,
    });
    expect(sent).toMatchObject({ recipients: 2, queued: 2 });
    const mails = db.select().from(emailOutbox).where(eq(emailOutbox.kind, "cohort-message")).all();
    expect(mails.map((m) => m.toAddress).sort()).toEqual([gp.email, gp2.email].sort());
    expect(mails[0]!.subject).toBe(`${cohort.title}: Husk lesestoffet`);
    expect(mails[0]!.textBody).toContain("Les kapittel 3 før neste kveld.");
    expect(mails[0]!.textBody).toContain("Olga Organisator");
    const log = db.select().from(auditLog).where(eq(auditLog.entityId, sent.messageId!)).all();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ actorUserId: organiser.id, cohortId: cohort.id, action: "message_sent" });
    expect(log[0]!.details).toEqual({ audience: "gp", subject: "Husk lesestoffet", recipients: 2 });
    expect(myCohortMessages(gp.id).map((m) => m.subject)).toEqual(["Husk lesestoffet"]);
    expect(myCohortMessages(physio.id)).toEqual([]);
    expect(myCohortMessages(waiting.id)).toEqual([]);
  });
});

describe("an empty group", () => {
  it("sends nothing and stores nothing", async () => {
    const { db, cohort, organiser } = await setup();
    const before = db.select().from(auditLog).where(eq(auditLog.cohortId, cohort.id)).all().length;
    const sent = await sendCohortMessage({ cohortId: cohort.id, senderUserId: organiser.id, audience: "other", subject: "Hei", body: "Til ingen", baseUrl: "https://knutepunkt.test", now: NOW });
    expect(sent).toEqual({ messageId: null, recipients: 0, queued: 0 });
    expect(db.select().from(cohortMessages).where(eq(cohortMessages.cohortId, cohort.id)).all()).toEqual([]);
    expect(db.select().from(auditLog).where(eq(auditLog.cohortId, cohort.id)).all()).toHaveLength(before);
  });
});

describe("messages and the cohort's retention", () => {
  it("deleting the cohort's personal data deletes its messages and who got them", async () => {
    const { db, cohort, organiser, gp } = await setup();
    await sendCohortMessage({ cohortId: cohort.id, senderUserId: organiser.id, audience: "confirmed", subject: "Hei", body: "Velkommen", baseUrl: "https://knutepunkt.test", now: NOW });
    expect(myCohortMessages(gp.id)).toHaveLength(1);
    const { deleteCohortPersonalData } = await import("../../app/models/privacy.server");
    deleteCohortPersonalData(cohort.id, organiser.id, new Date("2029-01-01T12:00:00Z"));
    expect(db.select().from(cohortMessages).where(eq(cohortMessages.cohortId, cohort.id)).all()).toEqual([]);
    expect(db.select().from(cohortMessageRecipients).where(eq(cohortMessageRecipients.userId, gp.id)).all()).toEqual([]);
  });
});
