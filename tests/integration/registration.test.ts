import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, cohorts, emailOutbox, registrations } from "../../db/schema";
import {
  cancelRegistration,
  fillAllFromWaitlist,
  moveRegistration,
  placesLeft,
  RegistrationError,
  signUp,
  waitlistPosition,
  withdrawRegistration,
} from "../../app/models/registration.server";
import { createCohort, createUser } from "../helpers/factories";

const BEFORE = new Date("2026-12-01T10:00:00Z"); // before the first evening (28 January 2027)
const AFTER = new Date("2027-02-01T10:00:00Z"); // after the first evening
let tick = 0;
const at = (base: Date) => new Date(base.getTime() + ++tick * 1000);

function mailsTo(address: string) {
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(asc(emailOutbox.id)).all();
}

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof RegistrationError) return e.code;
    throw e;
  }
  return "no error";
}

describe("sign-up", () => {
  it("confirms while the profession has places, then waitlists with a position; professions are counted apart", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 2, capacityPhysio: 1 });
    const [g1, g2, g3, g4] = await Promise.all([1, 2, 3, 4].map(() => createUser(db, { profession: "gp" })));
    const p1 = await createUser(db, { profession: "physio" });
    expect((await signUp(cohort.id, g1!.id, { now: at(BEFORE) })).registration.status).toBe("confirmed");
    expect((await signUp(cohort.id, g2!.id, { now: at(BEFORE) })).registration.status).toBe("confirmed");
    const r3 = await signUp(cohort.id, g3!.id, { now: at(BEFORE) });
    expect(r3.registration.status).toBe("waitlisted");
    expect(r3.position).toBe(1);
    const r4 = await signUp(cohort.id, g4!.id, { now: at(BEFORE) });
    expect(r4.position).toBe(2);
    expect((await signUp(cohort.id, p1.id, { now: at(BEFORE) })).registration.status).toBe("confirmed");
    const places = placesLeft(cohort);
    expect(places.find((p) => p.profession === "gp")).toMatchObject({ capacity: 2, confirmed: 2, waitlisted: 2, left: 0 });
    expect(places.find((p) => p.profession === "physio")).toMatchObject({ capacity: 1, confirmed: 1, left: 0 });
    // E-mails: confirmation and waiting-list place, Norwegian, text + HTML.
    const [confirmMail] = mailsTo(g1!.email);
    expect(confirmMail!.subject).toBe(`Du har plass på ${cohort.title}`);
    expect(confirmMail!.textBody).toContain("28. januar 2027, 17.00–20.00");
    expect(confirmMail!.htmlBody).toContain("<p");
    expect(mailsTo(g4!.email)[0]!.textBody).toContain("nummer 2 på ventelisten");
  });

  it("signing up twice returns the existing registration, never a second one", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1 });
    const user = await createUser(db);
    const first = await signUp(cohort.id, user.id, { now: at(BEFORE) });
    const again = await signUp(cohort.id, user.id, { now: at(BEFORE) });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.registration.id).toBe(first.registration.id);
    expect(db.select().from(registrations).where(eq(registrations.userId, user.id)).all()).toHaveLength(1);
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it("a re-signup after cancelling reactivates the same row with a new place in the queue", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser(db)));
    const ra = await signUp(cohort.id, a!.id, { now: at(BEFORE) });
    await signUp(cohort.id, b!.id, { now: at(BEFORE) });
    await signUp(cohort.id, c!.id, { now: at(BEFORE) });
    await cancelRegistration(cohort.id, a!.id, { now: at(BEFORE) }); // b promoted
    const back = await signUp(cohort.id, a!.id, { now: at(BEFORE) });
    expect(back.created).toBe(false);
    expect(back.registration.id).toBe(ra.registration.id);
    expect(back.registration.status).toBe("waitlisted");
    expect(back.position).toBe(2); // behind c, who queued earlier
    expect(back.registration.queuedAt.getTime()).toBeGreaterThan(ra.registration.queuedAt.getTime());
    expect(back.registration.cancelledAt).toBeNull();
  });

  it("is closed outside the registration window with a clear error", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, {
      registrationOpensAt: new Date("2026-10-01T00:00:00Z"),
      registrationClosesAt: new Date("2027-01-20T00:00:00Z"),
    });
    const user = await createUser(db);
    expect(await errorOf(signUp(cohort.id, user.id, { now: new Date("2026-09-30T00:00:00Z") }))).toBe("notOpenYet");
    expect(await errorOf(signUp(cohort.id, user.id, { now: new Date("2027-01-21T00:00:00Z") }))).toBe("closed");
    expect(new RegistrationError("closed").messageKey).toBe("registration.errors.closed");
    const { cohort: draft } = createCohort(db, { status: "draft" });
    expect(await errorOf(signUp(draft.id, user.id, { now: BEFORE }))).toBe("closed");
    expect(db.select().from(registrations).where(eq(registrations.userId, user.id)).all()).toHaveLength(0);
  });
});

describe("cancel, withdraw and promotion", () => {
  it("cancelling promotes the first waitlisted person of the same profession in queue order, and e-mails them", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1, capacityPhysio: 1 });
    const gp1 = await createUser(db, { profession: "gp" });
    const physioWaiting = await createUser(db, { profession: "physio" });
    const physio1 = await createUser(db, { profession: "physio" });
    const gpWaiting1 = await createUser(db, { profession: "gp" });
    const gpWaiting2 = await createUser(db, { profession: "gp" });
    await signUp(cohort.id, gp1.id, { now: at(BEFORE) });
    await signUp(cohort.id, physio1.id, { now: at(BEFORE) });
    await signUp(cohort.id, physioWaiting.id, { now: at(BEFORE) }); // physio waiting first overall
    await signUp(cohort.id, gpWaiting1.id, { now: at(BEFORE) });
    await signUp(cohort.id, gpWaiting2.id, { now: at(BEFORE) });

    const { promoted } = await cancelRegistration(cohort.id, gp1.id, { now: at(BEFORE) });
    expect(promoted.map((r) => r.userId)).toEqual([gpWaiting1.id]); // same profession, first in line
    expect(waitlistPosition(cohort.id, gpWaiting2.id)).toBe(1);
    expect(waitlistPosition(cohort.id, physioWaiting.id)).toBe(1);
    const promotedMail = mailsTo(gpWaiting1.email).at(-1)!;
    expect(promotedMail.kind).toBe("registration-promoted");
    expect(promotedMail.subject).toBe(`Du har fått plass på ${cohort.title}`);
    expect(mailsTo(gp1.email).at(-1)!.kind).toBe("registration-cancelled");
    // The promotion is audited.
    const audit = db.select().from(auditLog).where(and(eq(auditLog.cohortId, cohort.id), eq(auditLog.action, "registration.promoted"))).all();
    expect(audit.map((a) => a.entityId)).toEqual([promoted[0]!.id]);
  });

  it("a waitlisted person cancelling frees no place and promotes no one", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser(db)));
    for (const u of [a, b, c]) await signUp(cohort.id, u!.id, { now: at(BEFORE) });
    const { promoted } = await cancelRegistration(cohort.id, b!.id, { now: at(BEFORE) });
    expect(promoted).toEqual([]);
    expect(waitlistPosition(cohort.id, c!.id)).toBe(1);
  });

  it("cancel only before the course starts; withdraw only after, with a reason; both promote", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1, registrationClosesAt: null });
    const [a, b] = await Promise.all([1, 2].map(() => createUser(db)));
    await signUp(cohort.id, a!.id, { now: at(BEFORE) });
    await signUp(cohort.id, b!.id, { now: at(BEFORE) });
    expect(await errorOf(withdrawRegistration(cohort.id, a!.id, "Syk", { now: at(BEFORE) }))).toBe("notStarted");
    expect(await errorOf(cancelRegistration(cohort.id, a!.id, { now: at(AFTER) }))).toBe("alreadyStarted");
    expect(await errorOf(withdrawRegistration(cohort.id, a!.id, "  ", { now: at(AFTER) }))).toBe("reasonRequired");
    const { registration, promoted } = await withdrawRegistration(cohort.id, a!.id, "Flytter fra kommunen", { now: at(AFTER) });
    expect(registration.status).toBe("withdrawn");
    expect(registration.withdrawalReason).toBe("Flytter fra kommunen");
    expect(registration.withdrawnAt).toBeInstanceOf(Date);
    expect(promoted.map((r) => r.userId)).toEqual([b!.id]);
    expect(await errorOf(cancelRegistration(cohort.id, a!.id, { now: at(AFTER) }))).toBe("notRegistered");
  });

  it("promotes strictly in queue order over several cancellations and never leaves anyone both confirmed and waitlisted", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 2 });
    const people = await Promise.all(Array.from({ length: 6 }, () => createUser(db)));
    for (const u of people) await signUp(cohort.id, u.id, { now: at(BEFORE) });
    const order: number[] = [];
    for (const u of people.slice(0, 3)) {
      const { promoted } = await cancelRegistration(cohort.id, u.id, { now: at(BEFORE) });
      order.push(...promoted.map((p) => p.userId));
    }
    // people[2] was promoted by the first cancel and cancelled later, so people[4] and [5] follow.
    expect(order).toEqual([people[2]!.id, people[3]!.id, people[4]!.id]);
    const rows = db.select().from(registrations).where(eq(registrations.cohortId, cohort.id)).all();
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.status === "confirmed").map((r) => r.userId).sort()).toEqual([people[3]!.id, people[4]!.id].sort());
    expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);
  });
});

describe("organiser moves", () => {
  it("confirming from the waiting list needs room; moving to the waiting list is audited with the actor", async () => {
    const db = getDb();
    const organiser = await createUser(db, { profession: "other" });
    const { cohort } = createCohort(db, { capacityGp: 1, organiserIds: [organiser.id] });
    const [a, b] = await Promise.all([1, 2].map(() => createUser(db)));
    const ra = await signUp(cohort.id, a!.id, { now: at(BEFORE) });
    const rb = await signUp(cohort.id, b!.id, { now: at(BEFORE) });
    expect(await errorOf(moveRegistration(rb.registration.id, "confirmed", organiser.id))).toBe("full");
    const moved = await moveRegistration(ra.registration.id, "waitlisted", organiser.id, { now: at(BEFORE) });
    expect(moved.status).toBe("waitlisted");
    expect(waitlistPosition(cohort.id, a!.id)).toBe(2); // last in the queue
    const confirmed = await moveRegistration(rb.registration.id, "confirmed", organiser.id, { now: at(BEFORE) });
    expect(confirmed.status).toBe("confirmed");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.cohortId, cohort.id), eq(auditLog.action, "registration.moved"))).all();
    expect(audit.map((x) => [x.actorUserId, x.entityId, (x.details as { to: string }).to])).toEqual([
      [organiser.id, ra.registration.id, "waitlisted"],
      [organiser.id, rb.registration.id, "confirmed"],
    ]);
  });

  it("raising capacity fills the new places from the waiting list in order", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1 });
    const people = await Promise.all([1, 2, 3].map(() => createUser(db)));
    for (const u of people) await signUp(cohort.id, u.id, { now: at(BEFORE) });
    db.update(cohorts).set({ capacityGp: 2 }).where(eq(cohorts.id, cohort.id)).run();
    const promoted = await fillAllFromWaitlist(cohort.id, null);
    expect(promoted.map((r) => r.userId)).toEqual([people[1]!.id]);
  });
});
