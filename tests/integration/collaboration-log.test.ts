/** The collaboration log: who may read and write it, what it may hold, the agreed-frequency status and the organisers' k ≥ 5 figures. */
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { agreementVersions, collaborationContacts, partnerships, users } from "../../db/schema";
import {
  addContact,
  cohortCollaborationSummary,
  collaborationStatus,
  deleteContact,
  frequencyToDays,
  listContacts,
  monthlyTimeline,
  overdueCollaborations,
} from "../../app/models/collaboration-log.server";
import * as logRoute from "../../app/routes/partnerships.$id.log";
import * as summaryRoute from "../../app/routes/cohorts.$slug.collaboration";
import { createCohort, createPartnership, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const NOW = new Date("2027-11-20T12:00:00Z");
const PAST = ["2027-01-14", "2027-02-11", "2027-03-11", "2027-04-15", "2027-05-20"];

async function req(path: string, userId: number | null, form?: Record<string, string>) {
  const headers = new Headers();
  if (userId) headers.set("Cookie", (await createSessionCookie(getDb(), userId)).header);
  const init: RequestInit = { headers };
  if (form) {
    init.method = "POST";
    init.body = new URLSearchParams(form);
  }
  return new Request(`http://localhost${path}`, init);
}

async function status(p: Promise<unknown>) {
  try {
    const r = await p;
    return r instanceof Response ? r.status : ((r as { init?: { status?: number } })?.init?.status ?? 200);
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

/** A cohort with an organiser and `pairs` GP–physiotherapist partnerships, each with an agreement saying `frequency`. */
async function setup(pairs = 1, frequency = "Månedlig") {
  const db = getDb();
  const organiser = await createUser(db, { name: "Kari Kursansvarlig" });
  const { cohort } = createCohort(db, { organiserIds: [organiser.id], eveningDates: PAST });
  const list = [];
  for (let i = 0; i < pairs; i++) {
    const gp = await createUser(db, { profession: "gp", name: `Lege ${i}` });
    const physio = await createUser(db, { profession: "physio", name: `Fysio ${i}` });
    register(db, cohort.id, gp);
    register(db, cohort.id, physio);
    const partnership = createPartnership(db, cohort.id, [gp.id, physio.id]);
    db.insert(agreementVersions)
      .values({
        partnershipId: partnership.id,
        version: 1,
        data: { meetingFormat: "in_person", meetingFrequency: frequency, channels: ["dialogmelding"], responseTime: "2 dager", contactPersons: "Oss to" },
        createdAt: new Date("2027-06-01T10:00:00Z"),
      })
      .run();
    list.push({ gp, physio, partnership });
  }
  return { db, organiser, cohort, pairs: list };
}

describe("collaboration log", () => {
  it("reads the agreed meeting frequency from the agreement's words", () => {
    expect(frequencyToDays("Månedlig")).toBe(30);
    expect(frequencyToDays("en gang i måneden")).toBe(30);
    expect(frequencyToDays("Hver 6. uke")).toBe(42);
    expect(frequencyToDays("annenhver uke")).toBe(14);
    expect(frequencyToDays("hver 14. dag")).toBe(14);
    expect(frequencyToDays("Kvartalsvis")).toBe(91);
    expect(frequencyToDays("ukentlig ved behov")).toBe(7);
    expect(frequencyToDays("monthly")).toBe(30);
    expect(frequencyToDays("når det trengs")).toBeNull();
  });

  it("members record and see their contacts; each deletes only their own; a non-member can do neither", async () => {
    const { pairs } = await setup(2);
    const [{ gp, physio, partnership }, other] = [pairs[0]!, pairs[1]!];
    const mine = addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-10-01", form: "meeting", minutes: 45, topic: "shared_patient_follow_up" }, NOW);
    const theirs = addContact({ partnershipId: partnership.id, userId: physio.id, occurredOn: "2027-10-20", form: "dialogmelding", minutes: 5, topic: "referral" }, NOW);
    expect(listContacts(partnership.id).map((c) => c.id)).toEqual([theirs.id, mine.id]);
    expect(() => addContact({ partnershipId: partnership.id, userId: other.gp.id, occurredOn: "2027-10-01", form: "phone", minutes: 10, topic: "nav" }, NOW)).toThrow(/notMember/);
    expect(() => addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-11-21", form: "phone", minutes: 10, topic: "nav" }, NOW)).toThrow(/future/);
    expect(() => deleteContact({ partnershipId: partnership.id, contactId: theirs.id, userId: gp.id })).toThrow(/notFound/);
    expect(() => deleteContact({ partnershipId: partnership.id, contactId: mine.id, userId: other.gp.id })).toThrow(/notMember/);
    deleteContact({ partnershipId: partnership.id, contactId: mine.id, userId: gp.id });
    expect(listContacts(partnership.id).map((c) => c.id)).toEqual([theirs.id]);
  });

  it("has no column that could hold free text about a patient", () => {
    const columns = getDb().all<{ name: string; type: string }>(sql`pragma table_info(collaboration_contacts)`);
    expect(columns.map((c) => c.name).sort()).toEqual(
      ["cohort_id", "created_at", "created_by_user_id", "form", "id", "minutes", "occurred_on", "partnership_id", "topic"].sort(),
    );
  });

  it("shows the last meeting against the agreed frequency and is overdue only after the interval and a grace week", async () => {
    const { pairs } = await setup(1, "månedlig");
    const { gp, partnership } = pairs[0]!;
    // Before any meeting the clock starts at the agreement (1 June): long overdue by 20 November.
    expect(collaborationStatus(partnership.id, NOW)).toMatchObject({ agreedFrequency: "månedlig", intervalDays: 30, lastMeetingOn: null, overdue: true });
    addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-10-02", form: "video", minutes: 30, topic: "agreement_review" }, NOW);
    // A message is not a meeting.
    addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-11-15", form: "dialogmelding", minutes: 5, topic: "referral" }, NOW);
    const s = collaborationStatus(partnership.id, NOW);
    expect(s).toMatchObject({ lastMeetingOn: "2027-10-02", daysSinceLastMeeting: 49, overdue: true });
    expect(overdueCollaborations(gp.id, NOW).map((p) => p.partnershipId)).toEqual([partnership.id]);
    // 37 days after a monthly meeting is within the grace week; 38 is not.
    expect(collaborationStatus(partnership.id, new Date("2027-11-08T12:00:00Z")).overdue).toBe(false);
    expect(collaborationStatus(partnership.id, new Date("2027-11-09T12:00:00Z")).overdue).toBe(true);
    addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-11-01", form: "phone", minutes: 15, topic: "nav" }, NOW);
    expect(collaborationStatus(partnership.id, NOW)).toMatchObject({ daysSinceLastMeeting: 19, overdue: false });
    expect(overdueCollaborations(gp.id, NOW)).toEqual([]);
    const timeline = monthlyTimeline(partnership.id, NOW);
    expect(timeline).toHaveLength(12);
    expect(timeline.at(-1)).toEqual({ month: "2027-11", contacts: 2, meetings: 1 });
    expect(timeline.at(-2)).toEqual({ month: "2027-10", contacts: 1, meetings: 1 });
  });

  it("an unreadable frequency is shown without counting and never nags", async () => {
    const { pairs } = await setup(1, "etter behov");
    expect(collaborationStatus(pairs[0]!.partnership.id, NOW)).toMatchObject({ agreedFrequency: "etter behov", intervalDays: null, overdue: false });
  });

  it("only the partnership's members open its log: organisers, admins and others get 403, an unknown id 404", async () => {
    const { db, organiser, pairs } = await setup(2);
    const { gp, physio, partnership } = pairs[0]!;
    const admin = await createUser(db, { isAdmin: true });
    const path = `/partnerships/${partnership.id}/log`;
    const params = { id: String(partnership.id) };
    for (const member of [gp, physio]) expect(await status(logRoute.loader(routeArgs({ request: await req(path, member.id), params, context: {} })))).toBe(200);
    for (const outsider of [organiser, admin, pairs[1]!.gp])
      expect(await status(logRoute.loader(routeArgs({ request: await req(path, outsider.id), params, context: {} })))).toBe(403);
    expect(await status(logRoute.loader(routeArgs({ request: await req("/partnerships/999999/log", gp.id), params: { id: "999999" }, context: {} })))).toBe(404);
    expect(await status(logRoute.loader(routeArgs({ request: await req(path, null), params, context: {} })))).toBe(302);

    const form = { intent: "add", occurredOn: "2026-01-05", form: "meeting", minutes: "30", topic: "nav" };
    expect(await status(logRoute.action(routeArgs({ request: await req(path, organiser.id, form), params, context: {} })))).toBe(403);
    expect(listContacts(partnership.id)).toEqual([]);
    expect(await status(logRoute.action(routeArgs({ request: await req(path, gp.id, form), params, context: {} })))).toBe(302);
    const [row] = listContacts(partnership.id);
    expect(row).toMatchObject({ occurredOn: "2026-01-05", form: "meeting", minutes: 30, topic: "nav", createdByUserId: gp.id });

    // A made-up form or topic is refused, and a free-text field is simply not stored anywhere.
    const bad = (await logRoute.action(routeArgs({ request: await req(path, gp.id, { ...form, form: "Pasienten Ola Nordmann", topic: "diagnose" }), params, context: {} }))) as any;
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.result.error).sort()).toEqual(["form", "topic"]);
    await logRoute.action(routeArgs({ request: await req(path, gp.id, { ...form, note: "Pasienten Ola Nordmann, f. 1970" }), params, context: {} }));
    const stored = JSON.stringify(db.select().from(collaborationContacts).all());
    expect(stored).not.toContain("Ola Nordmann");

    // The partner cannot delete the GP's entry; the GP can.
    const del = { intent: "delete", contactId: String(row!.id) };
    expect(await status(logRoute.action(routeArgs({ request: await req(path, physio.id, del), params, context: {} })))).toBe(404);
    expect(await status(logRoute.action(routeArgs({ request: await req(path, gp.id, del), params, context: {} })))).toBe(302);
    expect(listContacts(partnership.id).map((c) => c.id)).not.toContain(row!.id);
  });

  it("organisers see only per-cohort figures, and nothing below five partnerships", async () => {
    const { db, organiser, cohort, pairs } = await setup(4);
    for (const p of pairs) addContact({ partnershipId: p.partnership.id, userId: p.gp.id, occurredOn: "2027-10-01", form: "meeting", minutes: 60, topic: "nav" }, NOW);
    expect(cohortCollaborationSummary(cohort.id, NOW)).toEqual({ tooFew: true, partnerships: 4 });

    const gp = await createUser(db, { profession: "gp" });
    const physio = await createUser(db, { profession: "physio" });
    const fifth = createPartnership(db, cohort.id, [gp.id, physio.id]);
    // An old contact (more than three months back) counts per form but not as recent.
    addContact({ partnershipId: fifth.id, userId: gp.id, occurredOn: "2027-08-19", form: "phone", minutes: 10, topic: "referral" }, NOW);
    addContact({ partnershipId: pairs[0]!.partnership.id, userId: pairs[0]!.gp.id, occurredOn: "2027-11-02", form: "dialogmelding", minutes: 5, topic: "referral" }, NOW);
    const summary = cohortCollaborationSummary(cohort.id, NOW);
    expect(summary).toEqual({
      tooFew: false,
      partnerships: 5,
      withRecentContact: 4,
      recentShare: 80,
      perForm: { meeting: 4, video: 0, phone: 1, dialogmelding: 1, other: 0 },
    });
    // A dissolved partnership leaves the count, so the cohort falls below five again.
    db.update(partnerships).set({ dissolvedAt: NOW }).where(eq(partnerships.id, fifth.id)).run();
    expect(cohortCollaborationSummary(cohort.id, NOW).tooFew).toBe(true);

    const path = `/cohorts/${cohort.slug}/collaboration`;
    const params = { slug: cohort.slug };
    const page = (await summaryRoute.loader(routeArgs({ request: await req(path, organiser.id), params, context: {} }))) as any;
    expect(page.summary).toEqual({ tooFew: true, partnerships: 4 });
    // The organiser page carries no partnership, person or log entry.
    const text = JSON.stringify(page);
    for (const p of pairs) {
      expect(text).not.toContain(p.gp.name);
      expect(text).not.toContain(`"partnershipId"`);
    }
    expect(await status(summaryRoute.loader(routeArgs({ request: await req(path, pairs[0]!.gp.id), params, context: {} })))).toBe(403);
  });

  it("the log goes with the partnership, and a deleted account leaves its entries without a name", async () => {
    const { db, pairs } = await setup(1);
    const { gp, physio, partnership } = pairs[0]!;
    addContact({ partnershipId: partnership.id, userId: gp.id, occurredOn: "2027-10-01", form: "meeting", minutes: 45, topic: "nav" }, NOW);
    db.delete(users).where(eq(users.id, gp.id)).run();
    expect(listContacts(partnership.id)).toMatchObject([{ createdByUserId: null }]);
    expect(physio.id).toBeGreaterThan(0);
    db.delete(partnerships).where(eq(partnerships.id, partnership.id)).run();
    expect(db.select().from(collaborationContacts).where(eq(collaborationContacts.partnershipId, partnership.id)).all()).toEqual([]);
  });
});
