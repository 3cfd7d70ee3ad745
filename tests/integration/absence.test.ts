/** Absence reported ahead: the rules, the roll call, the overview and the partner's note. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { absenceNotices, emailOutbox, evenings } from "../../db/schema";
import { AbsenceError, reportAbsence, withdrawAbsence } from "../../app/models/absence.server";
import { recordRollCall } from "../../app/models/attendance.server";
import * as absenceRoute from "../../app/routes/cohorts.$slug.evenings.$n.absence";
import * as rollcallRoute from "../../app/routes/cohorts.$slug.evenings.$n.attendance";
import * as overviewRoute from "../../app/routes/cohorts.$slug.attendance";
import { createCohort, createPartnership, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const FUTURE = ["2030-01-10", "2030-02-07", "2030-03-07", "2030-04-04", "2030-05-02"];

async function req(path: string, userId: number, form?: Record<string, string>) {
  const headers = new Headers({ Cookie: (await createSessionCookie(getDb(), userId)).header });
  return new Request(`http://localhost${path}`, form ? { method: "POST", headers, body: new URLSearchParams(form) } : { headers });
}

async function setup() {
  const db = getDb();
  const org = await createUser(db, { name: "Olga Organisator" });
  const me = await createUser(db, { name: "Kari Lege", profession: "gp" });
  const partner = await createUser(db, { name: "Per Fysio", profession: "physio" });
  const { cohort, evenings: evs } = createCohort(db, { organiserIds: [org.id], eveningDates: FUTURE });
  register(db, cohort.id, me);
  register(db, cohort.id, partner);
  createPartnership(db, cohort.id, [me.id, partner.id]);
  return { db, org, me, partner, cohort, evening: evs[1]! };
}

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe("absence ahead", () => {
  it("a participant reports absence through the page; a double submit gets a clear answer and the partner one short note", async () => {
    const { db, me, partner, cohort, evening } = await setup();
    const path = `/cohorts/${cohort.slug}/evenings/2/absence`;
    const params = { slug: cohort.slug, n: "2" };
    const page = (await absenceRoute.loader(routeArgs({ request: await req(path, me.id), params, context: {} }))) as any;
    expect(page.open).toBe(true);
    expect(page.notice).toBeNull();

    const ok = (await absenceRoute.action(routeArgs({ request: await req(path, me.id, { intent: "report", reason: "Vakt på legevakten" }), params, context: {} }))) as Response;
    expect(ok.status).toBe(302);
    const again = (await absenceRoute.action(routeArgs({ request: await req(path, me.id, { intent: "report", reason: "" }), params, context: {} }))) as any;
    expect(again.init.status).toBe(409);
    expect(again.data.error).toBe("absence.errors.already");

    const rows = db.select().from(absenceNotices).where(eq(absenceNotices.eveningId, evening.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toBe("Vakt på legevakten");

    const notes = db.select().from(emailOutbox).where(eq(emailOutbox.kind, "absence-partner")).all();
    expect(notes.map((n) => n.toAddress)).toEqual([partner.email]);
    expect(notes[0]!.textBody).toContain("Kari Lege");
    expect(notes[0]!.textBody).toContain("kveld 2");
    // The reason is for the course, not passed on.
    expect(notes[0]!.textBody).not.toContain("legevakten");
  });

  it("a notice can be taken back before the evening starts, not after; a cancelled or started evening takes none", async () => {
    const { db, me, evening } = await setup();
    const mine = () => db.select().from(absenceNotices).where(and(eq(absenceNotices.eveningId, evening.id), eq(absenceNotices.userId, me.id))).all();
    const before = new Date(evening.startsAt.getTime() - 60_000);
    const after = new Date(evening.startsAt.getTime() + 60_000);
    await reportAbsence({ evening, userId: me.id }, before);
    withdrawAbsence({ evening, userId: me.id }, before);
    expect(mine()).toHaveLength(0);
    expect((caught(() => withdrawAbsence({ evening, userId: me.id }, before)) as AbsenceError).code).toBe("notReported");

    await reportAbsence({ evening, userId: me.id }, before);
    expect((caught(() => withdrawAbsence({ evening, userId: me.id }, after)) as AbsenceError).code).toBe("started");
    expect(mine()).toHaveLength(1);

    const other = db.select().from(evenings).where(and(eq(evenings.cohortId, evening.cohortId), eq(evenings.number, 3))).get()!;
    await expect(reportAbsence({ evening: other, userId: me.id }, new Date(other.startsAt.getTime() + 1))).rejects.toMatchObject({ code: "started" });
    db.update(evenings).set({ status: "cancelled" }).where(eq(evenings.id, other.id)).run();
    await expect(reportAbsence({ evening: other, userId: me.id }, before)).rejects.toMatchObject({ code: "cancelled" });
  });

  it("only a confirmed participant sees the page or reports", async () => {
    const { db, cohort, evening } = await setup();
    const stranger = await createUser(db);
    const params = { slug: cohort.slug, n: "2" };
    const path = `/cohorts/${cohort.slug}/evenings/2/absence`;
    await expect(absenceRoute.loader(routeArgs({ request: await req(path, stranger.id), params, context: {} }))).rejects.toMatchObject({ status: 404 });
    await expect(reportAbsence({ evening, userId: stranger.id }, new Date(2029, 0, 1))).rejects.toMatchObject({ code: "notParticipant" });
  });

  it("the roll call shows the notice as excused (changeable) and the overview counts it", async () => {
    const { db, org, me, partner, cohort, evening } = await setup();
    await reportAbsence({ evening, userId: me.id, reason: "Reise" });
    const params = { slug: cohort.slug, n: "2" };
    const roll = (await rollcallRoute.loader(routeArgs({ request: await req(`/cohorts/${cohort.slug}/evenings/2/attendance`, org.id), params, context: {} }))) as any;
    const mine = roll.rows.find((r: any) => r.userId === me.id);
    expect(mine).toMatchObject({ status: "excused", noticed: true, noticeReason: "Reise" });
    expect(roll.rows.find((r: any) => r.userId === partner.id)).toMatchObject({ status: null, noticed: false });

    // The organiser's mark wins: the person came after all.
    recordRollCall({ evening, userId: me.id, status: "present", recordedByUserId: org.id, now: evening.startsAt }, db);
    const after = (await rollcallRoute.loader(routeArgs({ request: await req(`/cohorts/${cohort.slug}/evenings/2/attendance`, org.id), params, context: {} }))) as any;
    expect(after.rows.find((r: any) => r.userId === me.id)).toMatchObject({ status: "present", noticed: true });

    const overview = (await overviewRoute.loader(routeArgs({ request: await req(`/cohorts/${cohort.slug}/attendance`, org.id), params: { slug: cohort.slug }, context: {} }))) as any;
    expect(overview.notices[`${evening.id}:gp`]).toBe(1);
    expect(overview.notices[`${evening.id}:physio`]).toBeUndefined();
  });
});
