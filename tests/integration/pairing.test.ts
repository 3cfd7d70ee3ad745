import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, openDatabase } from "../../db/client";
import { emailOutbox, partnerRequests, partnershipMembers, partnerships, registrations, users } from "../../db/schema";
import { updateProfile } from "../../app/models/accounts.server";
import { deleteAccount } from "../../app/models/privacy.server";
import { cancelRegistration, moveRegistration } from "../../app/models/registration.server";
import { acceptPartnerRequest, declinePartnerRequest, leavePartnership, pairByOrganiser, sendPartnerRequest, withdrawPartnerRequest } from "../../app/models/pairing/requests.server";
import { cohortParticipants, matchingCounts } from "../../app/models/pairing/matching.server";
import { isComplete, myPartnership } from "../../app/models/pairing/partnerships.server";
import { PairingError } from "../../app/models/pairing/errors";
import { listPartnerCards, municipalitiesOfCohort, PARTNER_PAGE_SIZE, partnerCardsPage } from "../../app/models/pairing/finder.server";
import { createCohort, createUser, register } from "../helpers/factories";

const run = promisify(execFile);

async function setup() {
  const db = getDb();
  const { cohort } = createCohort(db);
  const gp = await createUser(db, { profession: "gp", name: "Gro Lege", municipality: "Malvik" });
  const physio = await createUser(db, { profession: "physio", name: "Per Fysio", municipality: "Malvik" });
  const physio2 = await createUser(db, { profession: "physio", name: "Pia Fysio", municipality: "Trondheim" });
  const gp2 = await createUser(db, { profession: "gp", name: "Geir Lege", municipality: "Stjørdal" });
  for (const u of [gp, physio, physio2, gp2]) register(db, cohort.id, u);
  return { db, cohort, gp, physio, physio2, gp2 };
}

const activeRows = (cohortId: number) =>
  getDb().select().from(partnershipMembers).where(and(eq(partnershipMembers.cohortId, cohortId), isNull(partnershipMembers.leftAt))).all();

const mailsTo = (email: string) => getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email)).all();

/**
 * Whether a request is stale compares the sender's joining time with the request's creation time, in
 * milliseconds; a test that does both within one millisecond has no order. Real requests are separate HTTP
 * requests, so the tests let the clock move on between the two steps.
 */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 2));

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof PairingError && e.code === code);
}

describe("partner requests and partnerships", () => {
  it("sends a request with a message, e-mails the receiver, and accepting creates one complete partnership", async () => {
    const { cohort, gp, physio } = await setup();
    const req = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "Vi har kontor i samme gate!" });
    expect(req.status).toBe("pending");
    const mail = mailsTo(gp.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.textBody).toContain("Vi har kontor i samme gate!");
    expect(mail[0]!.subject).toContain("Per Fysio");

    const { partnershipId } = await acceptPartnerRequest({ requestId: req.id, userId: gp.id });
    const mine = myPartnership(cohort.id, physio.id)!;
    expect(mine.id).toBe(partnershipId);
    expect(mine.members.map((m) => m.userId).sort()).toEqual([gp.id, physio.id].sort());
    expect(mine.complete).toBe(true);
    expect(mailsTo(physio.email).some((m) => m.kind === "partners.requestAccepted")).toBe(true);
    expect(mailsTo(gp.email).some((m) => m.kind === "partners.requestAccepted")).toBe(true);
    const stored = getDb().select().from(partnerRequests).where(eq(partnerRequests.id, req.id)).get()!;
    expect(stored.status).toBe("accepted");
  });

  it("refuses requests involving people who are not confirmed participants, duplicates and self-requests", async () => {
    const { db, cohort, gp, physio } = await setup();
    const outsider = await createUser(db, { profession: "physio" });
    const waiting = await createUser(db, { profession: "physio" });
    register(db, cohort.id, waiting, "waitlisted");
    await expectCode(sendPartnerRequest({ cohortId: cohort.id, fromUserId: outsider.id, toUserId: gp.id, message: "" }), "notParticipant");
    await expectCode(sendPartnerRequest({ cohortId: cohort.id, fromUserId: waiting.id, toUserId: gp.id, message: "" }), "notParticipant");
    await expectCode(sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: gp.id, message: "" }), "samePerson");
    await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    await expectCode(sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio.id, message: "" }), "alreadyRequested");
  });

  it("only the receiver accepts or declines; only the sender withdraws; both sides are told", async () => {
    const { cohort, gp, physio, physio2 } = await setup();
    const r1 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    await expectCode(acceptPartnerRequest({ requestId: r1.id, userId: physio.id }), "notAllowed");
    await expectCode(withdrawPartnerRequest({ requestId: r1.id, userId: gp.id }), "notAllowed");
    await declinePartnerRequest({ requestId: r1.id, userId: gp.id });
    expect(mailsTo(physio.email).some((m) => m.kind === "partners.requestDeclined")).toBe(true);
    await expectCode(acceptPartnerRequest({ requestId: r1.id, userId: gp.id }), "notPending");

    const r2 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio2.id, toUserId: gp.id, message: "" });
    await withdrawPartnerRequest({ requestId: r2.id, userId: physio2.id });
    expect(mailsTo(gp.email).some((m) => m.kind === "partners.requestWithdrawn")).toBe(true);
    await expectCode(acceptPartnerRequest({ requestId: r2.id, userId: gp.id }), "notPending");
    expect(activeRows(cohort.id)).toHaveLength(0);
  });

  it("adds the accepter to the sender's existing partnership (a GP with two physiotherapists is one partnership)", async () => {
    const { cohort, gp, physio, physio2 } = await setup();
    const r1 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio.id, message: "" });
    const { partnershipId } = await acceptPartnerRequest({ requestId: r1.id, userId: physio.id });
    await nextMillisecond();
    // The GP, already in a partnership, invites a second physiotherapist.
    const r2 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio2.id, message: "" });
    const second = await acceptPartnerRequest({ requestId: r2.id, userId: physio2.id });
    expect(second.partnershipId).toBe(partnershipId);
    expect(myPartnership(cohort.id, physio2.id)!.members).toHaveLength(3);
    expect(getDb().select().from(partnerships).where(eq(partnerships.cohortId, cohort.id)).all()).toHaveLength(1);
  });

  it("adds the sender to the receiver's existing partnership", async () => {
    const { cohort, gp, physio, physio2 } = await setup();
    const r1 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    const { partnershipId } = await acceptPartnerRequest({ requestId: r1.id, userId: gp.id });
    const r2 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio2.id, toUserId: gp.id, message: "" });
    expect((await acceptPartnerRequest({ requestId: r2.id, userId: gp.id })).partnershipId).toBe(partnershipId);
  });

  it("a stale request (the sender joined another partnership since) gives a clear error and changes nothing", async () => {
    const { cohort, gp, gp2, physio } = await setup();
    const toGp = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    const toGp2 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp2.id, message: "" });
    await nextMillisecond();
    await acceptPartnerRequest({ requestId: toGp.id, userId: gp.id });
    const before = activeRows(cohort.id);
    await expectCode(acceptPartnerRequest({ requestId: toGp2.id, userId: gp2.id }), "stale");
    expect(activeRows(cohort.id)).toEqual(before);
    expect(myPartnership(cohort.id, gp2.id)).toBeNull();
    expect(getDb().select().from(partnerRequests).where(eq(partnerRequests.id, toGp2.id)).get()!.status).toBe("stale");
  });

  it("the unique index refuses a second active partnership for the same person and cohort", async () => {
    const { db, cohort, gp } = await setup();
    const p1 = db.insert(partnerships).values({ cohortId: cohort.id }).returning().get();
    const p2 = db.insert(partnerships).values({ cohortId: cohort.id }).returning().get();
    db.insert(partnershipMembers).values({ partnershipId: p1.id, cohortId: cohort.id, userId: gp.id }).run();
    expect(() => db.insert(partnershipMembers).values({ partnershipId: p2.id, cohortId: cohort.id, userId: gp.id }).run()).toThrow(/UNIQUE/);
  });

  it("leaving is recorded with a reason; a partnership left with one member is dissolved", async () => {
    const { cohort, gp, physio, physio2 } = await setup();
    const r1 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio.id, message: "" });
    const { partnershipId } = await acceptPartnerRequest({ requestId: r1.id, userId: physio.id });
    const r2 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio2.id, message: "" });
    await acceptPartnerRequest({ requestId: r2.id, userId: physio2.id });

    await leavePartnership({ cohortId: cohort.id, userId: physio.id, reason: "Flytter" });
    const left = getDb().select().from(partnershipMembers).where(and(eq(partnershipMembers.partnershipId, partnershipId), eq(partnershipMembers.userId, physio.id))).get()!;
    expect(left.leftAt).toBeInstanceOf(Date);
    expect(left.leftReason).toBe("Flytter");
    expect(myPartnership(cohort.id, gp.id)!.members).toHaveLength(2);
    expect(mailsTo(gp.email).some((m) => m.kind === "partners.memberLeft")).toBe(true);

    await leavePartnership({ cohortId: cohort.id, userId: physio2.id, reason: "" });
    expect(myPartnership(cohort.id, gp.id)).toBeNull();
    expect(getDb().select().from(partnerships).where(eq(partnerships.id, partnershipId)).get()!.dissolvedAt).toBeInstanceOf(Date);
    await expectCode(leavePartnership({ cohortId: cohort.id, userId: gp.id, reason: "" }), "notInPartnership");
    // Free again: the physiotherapist can start a new partnership.
    const r3 = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    expect((await acceptPartnerRequest({ requestId: r3.id, userId: gp.id })).partnershipId).not.toBe(partnershipId);
  });

  it("completeness needs at least one GP and one physiotherapist", async () => {
    expect(isComplete([{ profession: "gp" }, { profession: "physio" }])).toBe(true);
    expect(isComplete([{ profession: "gp" }, { profession: "gp" }])).toBe(false);
    expect(isComplete([{ profession: "physio" }])).toBe(false);
    const { cohort, gp, gp2 } = await setup();
    const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: gp2.id, message: "Samme legekontor" });
    await acceptPartnerRequest({ requestId: r.id, userId: gp2.id });
    expect(myPartnership(cohort.id, gp.id)!.complete).toBe(false);
    expect(matchingCounts(cohortParticipants(cohort.id))).toEqual({ paired: 2, unpaired: 2, partnerships: 1, incomplete: 1 });
  });

  it("the organiser pairs people; rule-breaking pairs are reported and skipped; both are e-mailed", async () => {
    const { db, cohort, gp, gp2, physio, physio2 } = await setup();
    const organiser = await createUser(db, { profession: "other" });
    const results = await pairByOrganiser({
      cohortId: cohort.id,
      organiserId: organiser.id,
      pairs: [
        { gpId: gp.id, physioId: physio.id },
        { gpId: gp2.id, physioId: physio2.id },
        { gpId: gp.id, physioId: physio2.id },
        { gpId: organiser.id, physioId: physio2.id },
      ],
    });
    expect(results.map((r) => ("error" in r ? r.error : "ok"))).toEqual(["ok", "ok", "physioTaken", "notParticipant"]);
    expect(myPartnership(cohort.id, gp.id)!.members).toHaveLength(2);
    expect(myPartnership(cohort.id, physio2.id)!.members.map((m) => m.userId)).toContain(gp2.id);
    expect(mailsTo(physio2.email).some((m) => m.kind === "partners.paired")).toBe(true);
  });

  it("lists only opted-in confirmed participants, the other profession first, with filters", async () => {
    const { db, cohort, gp, physio, physio2, gp2 } = await setup();
    const hidden = await createUser(db, { profession: "gp", partnerProfileOptIn: false });
    register(db, cohort.id, hidden);
    const viewer = { id: physio.id, profession: physio.profession, municipality: physio.municipality };
    const all = listPartnerCards(cohort.id, viewer);
    expect(all.map((c) => c.userId)).toEqual([gp.id, gp2.id, physio2.id]); // GPs first; Malvik before Stjørdal
    expect(listPartnerCards(cohort.id, viewer, { municipality: "malvik" }).map((c) => c.userId)).toEqual([gp.id]);
    expect(listPartnerCards(cohort.id, viewer, { profession: "physio" }).map((c) => c.userId)).toEqual([physio2.id]);
    const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio2.id, toUserId: gp.id, message: "" });
    await acceptPartnerRequest({ requestId: r.id, userId: gp.id });
    expect(listPartnerCards(cohort.id, viewer, { withoutPartner: true }).map((c) => c.userId)).toEqual([gp2.id]);
  });

  it("pages the partner finder in the same order, with filters, and an empty last page is never shown", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 100, capacityPhysio: 100 });
    const viewer = await createUser(db, { profession: "physio", municipality: "Malvik" });
    register(db, cohort.id, viewer);
    const made: Awaited<ReturnType<typeof createUser>>[] = [];
    for (let i = 0; i < PARTNER_PAGE_SIZE + 10; i++) {
      const u = await createUser(db, {
        name: `Kortsen ${String(i).padStart(2, "0")}`,
        profession: i % 3 === 0 ? "physio" : "gp",
        municipality: i % 4 === 0 ? "Malvik" : "Stjørdal",
      });
      register(db, cohort.id, u);
      made.push(u);
    }
    const me = { id: viewer.id, profession: viewer.profession, municipality: viewer.municipality };
    const everything = listPartnerCards(cohort.id, me).map((c) => c.userId);
    const p1 = partnerCardsPage(cohort.id, me, {}, 1);
    const p2 = partnerCardsPage(cohort.id, me, {}, 2);
    expect([p1.total, p1.pages, p1.page, p1.cards.length, p2.cards.length]).toEqual([made.length, 2, 1, PARTNER_PAGE_SIZE, 10]);
    // The pages are the bounded list cut in two: other profession first, then my municipality, then name.
    expect([...p1.cards, ...p2.cards].map((c) => c.userId)).toEqual(everything);
    expect(p1.cards[0]!.profession).toBe("gp");
    expect(p2.cards.at(-1)!.profession).toBe("physio");
    expect(partnerCardsPage(cohort.id, me, {}, 99).page).toBe(2);
    expect(partnerCardsPage(cohort.id, me, {}, 0).page).toBe(1);
    // Filters count and page together.
    const malvikGps = made.filter((u, i) => i % 3 !== 0 && i % 4 === 0).map((u) => u.id);
    const filtered = partnerCardsPage(cohort.id, me, { profession: "gp", municipality: "malvik" }, 1);
    expect(filtered.total).toBe(malvikGps.length);
    expect(filtered.cards.map((c) => c.userId).sort((a, b) => a - b)).toEqual(malvikGps);
    const pair = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: made[1]!.id, toUserId: made[0]!.id, message: "" });
    await acceptPartnerRequest({ requestId: pair.id, userId: made[0]!.id });
    const free = partnerCardsPage(cohort.id, me, { withoutPartner: true }, 2);
    expect([free.total, free.cards.length]).toEqual([made.length - 2, made.length - 2 - PARTNER_PAGE_SIZE]);
    expect(free.cards.some((c) => c.userId === made[0]!.id || c.userId === made[1]!.id)).toBe(false);
    const none = partnerCardsPage(cohort.id, me, { municipality: "Finnes ikke" }, 3);
    expect(none).toEqual({ cards: [], total: 0, page: 1, pages: 1 });
  });

  it("two people accepting each other's requests at the same moment (two processes) end in ONE partnership", async () => {
    const { cohort, gp, physio } = await setup();
    for (let round = 0; round < 3; round++) {
      const a = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: gp.id, toUserId: physio.id, message: `runde ${round}` });
      // The reverse request is created directly (sendPartnerRequest refuses a second pending one between the two).
      const b = getDb().insert(partnerRequests).values({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id }).returning().get();
      const startAt = Date.now() + 2500;
      const worker = path.resolve("tests/fixtures/accept-worker.ts");
      const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL!, KP_TEST_TX_HOLD_MS: "300" };
      const [x, y] = await Promise.all([
        run("node_modules/.bin/tsx", [worker, String(a.id), String(physio.id), String(startAt)], { env }),
        run("node_modules/.bin/tsx", [worker, String(b.id), String(gp.id), String(startAt)], { env }),
      ]);
      const results = [JSON.parse(x.stdout), JSON.parse(y.stdout)];
      expect(results, JSON.stringify(results)).toHaveLength(2);
      expect(results.every((r) => r.ok), JSON.stringify(results)).toBe(true);
      expect(results[0].partnershipId).toBe(results[1].partnershipId);
      const active = activeRows(cohort.id);
      expect(active).toHaveLength(2);
      expect(new Set(active.map((m) => m.partnershipId)).size).toBe(1);
      expect(getDb().select().from(partnerships).where(and(eq(partnerships.cohortId, cohort.id), isNull(partnerships.dissolvedAt))).all()).toHaveLength(1);
      await leavePartnership({ cohortId: cohort.id, userId: gp.id, reason: "ny runde" });
    }
  }, 60_000);
});

type Viewer = { id: number; profession: "gp" | "physio" | "other"; municipality: string | null };

/**
 * The partner finder's list and its municipalities worked out from the tables in one SQL query each:
 * the oracle for what the finder shows.
 */
function finderFromTables(cohortId: number, viewer: Viewer) {
  const sqlite = getDb().$client;
  const other = viewer.profession === "gp" ? "physio" : viewer.profession === "physio" ? "gp" : "";
  const cards = sqlite
    .prepare(
      `select u.id userId, u.name, u.profession, u.practice, u.municipality, u.special_competence specialCompetence, u.about,
              m.partnership_id partnershipId
         from registrations r join users u on u.id = r.user_id
         left join partnership_members m on m.cohort_id = r.cohort_id and m.user_id = u.id and m.left_at is null
        where r.cohort_id = ? and r.status = 'confirmed' and u.partner_profile_opt_in = 1 and u.id <> ?
        order by u.profession <> ?, lower(coalesce(u.municipality, '')) <> lower(?), u.name, u.id`,
    )
    .all(cohortId, viewer.id, other, viewer.municipality ?? "");
  const municipalities = sqlite
    .prepare(
      `select distinct u.municipality m from registrations r join users u on u.id = r.user_id
        where r.cohort_id = ? and r.status = 'confirmed' and coalesce(u.municipality, '') <> '' order by 1`,
    )
    .all(cohortId)
    .map((r) => (r as { m: string }).m);
  return { cards, municipalities };
}

describe("the partner finder's participants", () => {
  it("follows sign-ups, moves, withdrawals, pairing, leaving, profile edits, other connections and account deletion", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 10, capacityPhysio: 10 });
    const { cohort: elsewhere } = createCohort(db);
    const viewer = await createUser(db, { profession: "physio", name: "Vera Fysio", municipality: "Malvik" });
    const gro = await createUser(db, { profession: "gp", name: "Gro Lege", municipality: "Malvik" });
    const geir = await createUser(db, { profession: "gp", name: "Geir Lege", municipality: "Stjørdal" });
    const pia = await createUser(db, { profession: "physio", name: "Pia Fysio", municipality: "Trondheim" });
    const late = await createUser(db, { profession: "gp", name: "Lars Sen", municipality: "Frosta" });
    for (const u of [viewer, gro, geir, pia]) register(db, cohort.id, u);
    register(db, elsewhere.id, late);
    const me: Viewer = { id: viewer.id, profession: "physio", municipality: "Malvik" };
    const finder = () => ({ cards: listPartnerCards(cohort.id, me), municipalities: municipalitiesOfCohort(cohort.id) });
    const other = openDatabase(getDb().$client.name, { runMigrations: false });
    const steps: [string, () => unknown][] = [
      ["a new participant is confirmed", () => register(db, cohort.id, late)],
      [
        "the organiser moves Geir to the waiting list",
        async () => {
          const reg = db.select().from(registrations).where(and(eq(registrations.cohortId, cohort.id), eq(registrations.userId, geir.id))).get()!;
          await moveRegistration(reg.id, "waitlisted", gro.id);
        },
      ],
      [
        "Gro and Pia pair up",
        async () => {
          const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: pia.id, toUserId: gro.id, message: "" });
          await acceptPartnerRequest({ requestId: r.id, userId: gro.id });
        },
      ],
      ["Pia moves her practice to Malvik", () => updateProfile(pia.id, { municipality: "Malvik", practice: "Malvik fysio" })],
      ["Gro renames herself and writes about herself", () => updateProfile(gro.id, { name: "Åse Lege", about: "Ryggplager" })],
      ["Lars hides his card", () => updateProfile(late.id, { partnerProfileOptIn: false })],
      ["Pia leaves the partnership", () => leavePartnership({ cohortId: cohort.id, userId: pia.id, reason: "" })],
      ["another process changes Gro's municipality", () => other.update(users).set({ municipality: "Levanger" }).where(eq(users.id, gro.id)).run()],
      ["Pia cancels her place", () => cancelRegistration(cohort.id, pia.id)],
      ["Lars deletes his account", () => deleteAccount(late.id)],
      [
        "Nina is confirmed and put in a partnership with Geir directly in the tables",
        async () => {
          const nina = await createUser(db, { profession: "physio", name: "Nina Fysio", municipality: "Selbu" });
          register(db, cohort.id, nina);
          db.update(registrations).set({ status: "confirmed" }).where(and(eq(registrations.cohortId, cohort.id), eq(registrations.userId, geir.id))).run();
          const made = db.insert(partnerships).values({ cohortId: cohort.id }).returning().get();
          db.insert(partnershipMembers)
            .values([nina, geir].map((u) => ({ partnershipId: made.id, cohortId: cohort.id, userId: u.id })))
            .run();
        },
      ],
      ["the partnership is deleted", () => db.delete(partnerships).where(eq(partnerships.cohortId, cohort.id)).run()],
      ["Nina's registration row is deleted", () => db.delete(registrations).where(and(eq(registrations.cohortId, cohort.id), eq(registrations.userId, seen.at(-1)!.cards.find((c) => c.name === "Nina Fysio")!.userId))).run()],
    ];
    expect(finder()).toEqual(finderFromTables(cohort.id, me));
    const seen = [finder()];
    for (const [step, change] of steps) {
      await change();
      expect(finder(), step).toEqual(finderFromTables(cohort.id, me));
      seen.push(finder());
    }
    other.$client.close();
    // Each step changed what the finder shows, so each comparison above compared something.
    steps.forEach(([step], i) => expect(seen[i + 1], step).not.toEqual(seen[i]));
  });

  it("filters a municipality whatever its case, Norwegian letters too", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const viewer = await createUser(db, { profession: "physio" });
    const gp = await createUser(db, { profession: "gp", municipality: "Ørland" });
    for (const u of [viewer, gp]) register(db, cohort.id, u);
    const me: Viewer = { id: viewer.id, profession: "physio", municipality: null };
    expect(listPartnerCards(cohort.id, me, { municipality: "ØRLAND" }).map((c) => c.userId)).toEqual([gp.id]);
    expect(listPartnerCards(cohort.id, me, { municipality: "ørland" }).map((c) => c.userId)).toEqual([gp.id]);
  });
});
