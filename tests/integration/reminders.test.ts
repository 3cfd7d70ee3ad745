import { afterEach, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  agreementConfirmations,
  agreementVersions,
  emailOutbox,
  evenings,
  partnerRequests,
  partnershipMembers,
  partnerships,
  users,
} from "../../db/schema";
import {
  eveningReminderDueAt,
  registerNotificationJob,
  runDueNotifications,
  unregisterNotificationJob,
} from "../../app/models/reminders.server";
import { action as profileAction } from "../../app/routes/profile._index";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";

const DAY = 86400_000;
const mailsOfKind = (kind: string) => getDb().select().from(emailOutbox).where(eq(emailOutbox.kind, kind)).all();

afterEach(() => unregisterNotificationJob("test-job"));

describe("evening reminders", () => {
  it("go out the day before, once per confirmed participant, with date, place, theme and self-study task", async () => {
    const db = getDb();
    const { cohort, evenings: [first] } = createCohort(db, { eveningDates: ["2027-03-11", "2027-04-29"], venue: "Lerkendal" });
    db.update(evenings).set({ theme: "Kommunikasjon", selfStudyTask: "Les kapittel 3", venue: "Rom 101, Lerkendal" }).where(eq(evenings.id, first!.id)).run();
    const anna = await createUser(db, { name: "Anna Fastlege", profession: "gp" });
    const optedOut = await createUser(db, { name: "Ola Uten", profession: "physio", notifyEveningReminders: false });
    const waiting = await createUser(db, { name: "Vera Venteliste", profession: "physio" });
    const english = await createUser(db, { name: "Emma English", profession: "physio", locale: "en" });
    register(db, cohort.id, anna, "confirmed");
    register(db, cohort.id, optedOut, "confirmed");
    register(db, cohort.id, waiting, "waitlisted");
    register(db, cohort.id, english, "confirmed");

    expect(eveningReminderDueAt(first!.startsAt).toISOString()).toBe("2027-03-10T08:00:00.000Z");
    expect((await runDueNotifications(new Date("2027-03-10T07:59:00Z")))["evening-reminders"]).toBe(0);
    expect(mailsOfKind("evening-reminder")).toHaveLength(0);

    const first9 = await runDueNotifications(new Date("2027-03-10T08:00:00Z"));
    expect(first9["evening-reminders"]).toBe(2);
    const again = await runDueNotifications(new Date("2027-03-10T08:05:00Z"));
    expect(again["evening-reminders"]).toBe(0);
    const later = await runDueNotifications(new Date("2027-03-11T15:59:00Z"));
    expect(later["evening-reminders"]).toBe(0);

    const mails = mailsOfKind("evening-reminder");
    expect(mails.map((m) => m.userId).sort()).toEqual([anna.id, english.id].sort());
    expect(mails.map((m) => m.dedupeKey).sort()).toEqual([`evening-reminder:${first!.id}:${anna.id}`, `evening-reminder:${first!.id}:${english.id}`].sort());
    const toAnna = mails.find((m) => m.userId === anna.id)!;
    expect(toAnna.toAddress).toBe(anna.email);
    expect(toAnna.subject).toBe("Påminnelse: Knutepunkt 1/2 i morgen – Kommunikasjon");
    expect(toAnna.textBody).toContain("11. mars 2027, 17.00–20.00");
    expect(toAnna.textBody).toContain("Hvor: Rom 101, Lerkendal");
    expect(toAnna.textBody).toContain("Tema: Kommunikasjon");
    expect(toAnna.textBody).toContain("Egenoppgave: Les kapittel 3");
    expect(toAnna.textBody).toContain(`/cohorts/${cohort.slug}`);
    expect(toAnna.textBody).toContain("/profile");
    expect(toAnna.status).toBe("pending");
    const toEmma = mails.find((m) => m.userId === english.id)!;
    expect(toEmma.subject).toBe("Reminder: Knutepunkt 1/2 tomorrow – Kommunikasjon");
    expect(toEmma.textBody).toContain("11 March 2027, 17:00–20:00");
  });

  it("uses Oslo time across daylight saving and skips cancelled evenings and evenings already started", async () => {
    const db = getDb();
    // The evening on Monday 29 March 2027 is the day after the spring change; the reminder is at 09:00 CEST.
    const { cohort, evenings: rows } = createCohort(db, { eveningDates: ["2027-03-29", "2027-03-30"] });
    const p = await createUser(db, { profession: "physio" });
    register(db, cohort.id, p, "confirmed");
    expect(eveningReminderDueAt(rows[0]!.startsAt).toISOString()).toBe("2027-03-28T07:00:00.000Z");
    db.update(evenings).set({ status: "cancelled" }).where(eq(evenings.id, rows[1]!.id)).run();
    const result = await runDueNotifications(new Date("2027-03-29T10:00:00Z"));
    expect(result["evening-reminders"]).toBe(1);
    expect(mailsOfKind("evening-reminder").filter((m) => m.userId === p.id).map((m) => m.dedupeKey)).toEqual([
      `evening-reminder:${rows[0]!.id}:${p.id}`,
    ]);
    // After the start nothing more is sent (the second, cancelled evening never).
    expect((await runDueNotifications(new Date("2027-03-30T16:30:00Z")))["evening-reminders"]).toBe(0);
  });
});

describe("partner and agreement reminders", () => {
  it("chase partner requests pending for 3 days, once, unless the person opted out", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { eveningDates: ["2028-01-13"] });
    const from = await createUser(db, { name: "Per Spør", profession: "gp" });
    const to = await createUser(db, { name: "Siri Svar", profession: "physio" });
    const quiet = await createUser(db, { name: "Stille", profession: "physio", notifyPartnerReminders: false });
    const now = new Date("2028-01-01T12:00:00Z");
    const old = db.insert(partnerRequests).values({ cohortId: cohort.id, fromUserId: from.id, toUserId: to.id, createdAt: new Date(now.getTime() - 4 * DAY) }).returning().get();
    db.insert(partnerRequests).values({ cohortId: cohort.id, fromUserId: from.id, toUserId: to.id, createdAt: new Date(now.getTime() - 2 * DAY) }).run();
    db.insert(partnerRequests).values({ cohortId: cohort.id, fromUserId: from.id, toUserId: quiet.id, createdAt: new Date(now.getTime() - 5 * DAY) }).run();
    db.insert(partnerRequests).values({ cohortId: cohort.id, fromUserId: from.id, toUserId: to.id, status: "declined", createdAt: new Date(now.getTime() - 5 * DAY) }).run();

    expect((await runDueNotifications(now))["partner-request-reminders"]).toBe(1);
    expect((await runDueNotifications(new Date(now.getTime() + 60_000)))["partner-request-reminders"]).toBe(0);
    const mails = mailsOfKind("partner-request-reminder");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(to.email);
    expect(mails[0]!.dedupeKey).toBe(`partner-request-reminder:${old.id}`);
    expect(mails[0]!.textBody).toContain("Per Spør");
    expect(mails[0]!.textBody).toContain(`/cohorts/${cohort.slug}/partners`);
  });

  it("chase members who have not confirmed the latest agreement version after 3 days, once", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { eveningDates: ["2028-02-10"] });
    const gp = await createUser(db, { profession: "gp" });
    const physio = await createUser(db, { profession: "physio" });
    const now = new Date("2028-02-01T12:00:00Z");
    const p = db.insert(partnerships).values({ cohortId: cohort.id }).returning().get();
    db.insert(partnershipMembers).values([
      { partnershipId: p.id, cohortId: cohort.id, userId: gp.id },
      { partnershipId: p.id, cohortId: cohort.id, userId: physio.id },
    ]).run();
    db.insert(agreementVersions).values({ partnershipId: p.id, version: 1, data: {}, createdAt: new Date(now.getTime() - 10 * DAY) }).run();
    const v2 = db.insert(agreementVersions).values({ partnershipId: p.id, version: 2, data: {}, createdAt: new Date(now.getTime() - 4 * DAY) }).returning().get();
    db.insert(agreementConfirmations).values({ agreementVersionId: v2.id, userId: gp.id }).run();

    expect((await runDueNotifications(now))["agreement-reminders"]).toBe(1);
    expect((await runDueNotifications(now))["agreement-reminders"]).toBe(0);
    const mails = mailsOfKind("agreement-reminder");
    expect(mails.map((m) => [m.userId, m.dedupeKey])).toEqual([[physio.id, `agreement-reminder:${v2.id}:${physio.id}`]]);
    expect(mails[0]!.textBody).toContain(`/partnerships/${p.id}/agreement`);

    // A fresh version (2 days old) is not chased yet.
    db.insert(agreementVersions).values({ partnershipId: p.id, version: 3, data: {}, createdAt: new Date(now.getTime() - 2 * DAY) }).run();
    expect((await runDueNotifications(now))["agreement-reminders"]).toBe(0);
  });
});

describe("notification jobs", () => {
  it("runs registered jobs, and a failing job does not stop the others", async () => {
    const seen: Date[] = [];
    registerNotificationJob("test-job", (now) => {
      seen.push(now);
      return 7;
    });
    registerNotificationJob("broken-job", () => {
      throw new Error("boom");
    });
    const now = new Date("2029-05-05T10:00:00Z");
    const result = await runDueNotifications(now);
    unregisterNotificationJob("broken-job");
    expect(seen).toEqual([now]);
    expect(result["test-job"]).toBe(7);
    expect(result["broken-job"]).toBe(0);
    expect(Object.keys(result)).toEqual(["evening-reminders", "partner-request-reminders", "agreement-reminders", "test-job", "broken-job"]);
  });
});

describe("reminder settings on the profile", () => {
  it("turns reminder types off and on through the profile form", async () => {
    const db = getDb();
    const user = await createUser(db, { name: "Profil Person", profession: "gp" });
    const cookie = await createSessionCookie(db, user.id);
    const post = async (fields: Record<string, string>) => {
      const body = new URLSearchParams({ name: "Profil Person", profession: "gp", locale: "nb", ...fields });
      const request = new Request("http://localhost/profile", { method: "POST", body, headers: { Cookie: cookie.header } });
      return (await profileAction({ request, params: {}, context: {} } as never)) as Response;
    };
    const res = await post({ notifyPartnerReminders: "on" });
    expect(res.status).toBe(302);
    let row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect([row.notifyEveningReminders, row.notifyPartnerReminders, row.notifySurveyReminders]).toEqual([false, true, false]);

    // Opted out: no evening reminder even though confirmed.
    const { cohort, evenings: [e] } = createCohort(db, { eveningDates: ["2029-09-13"] });
    register(db, cohort.id, user, "confirmed");
    await runDueNotifications(new Date(e!.startsAt.getTime() - 2 * 3600_000));
    expect(db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, user.id), like(emailOutbox.dedupeKey, "evening-reminder:%"))).all()).toHaveLength(0);

    await post({ notifyEveningReminders: "on", notifyPartnerReminders: "on", notifySurveyReminders: "on" });
    row = db.select().from(users).where(eq(users.id, user.id)).get()!;
    expect([row.notifyEveningReminders, row.notifyPartnerReminders, row.notifySurveyReminders]).toEqual([true, true, true]);
    await runDueNotifications(new Date(e!.startsAt.getTime() - 2 * 3600_000));
    expect(db.select().from(emailOutbox).where(and(eq(emailOutbox.userId, user.id), like(emailOutbox.dedupeKey, "evening-reminder:%"))).all()).toHaveLength(1);
  });
});

