/** The participant dashboard (/): my cohorts with their next evening, read once for all the boxes. */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { evenings as eveningsTable, registrations } from "../../db/schema";
import { confirmedOnly, getDashboard, listPublishedCohorts, myActiveCohorts } from "../../app/models/cohorts.server";
import * as indexRoute from "../../app/routes/_index";
import { osloDateTimeToInstant } from "../../app/utils/time";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";

const at = (date: string, time = "12:00") => osloDateTimeToInstant(date, time);

describe("dashboard", () => {
  it("offers the published cohorts whose registration is open or opens later, not those whose sign-up is over", () => {
    const db = getDb();
    const now = at("2027-01-10");
    const { cohort: open } = createCohort(db, { status: "published", registrationClosesAt: at("2027-01-20") });
    const { cohort: later } = createCohort(db, { status: "published", registrationOpensAt: at("2027-02-01") });
    const { cohort: noWindow } = createCohort(db, { status: "published" });
    const { cohort: over } = createCohort(db, { status: "published", registrationClosesAt: at("2027-01-05") });
    const { cohort: draft } = createCohort(db, { status: "draft" });
    const listed = listPublishedCohorts(500, now).map((c) => c.id);
    expect(listed).toEqual(expect.arrayContaining([open.id, later.id, noWindow.id]));
    expect(listed).not.toContain(over.id);
    expect(listed).not.toContain(draft.id);
    expect(listPublishedCohorts(500, at("2027-01-25")).map((c) => c.id)).not.toContain(open.id);
  });

  it("lists my confirmed and waitlisted cohorts, each with its next scheduled evening that has not ended", async () => {
    const db = getDb();
    const me = await createUser(db, { profession: "gp" });
    const { cohort: a, evenings: evA } = createCohort(db, { title: "Kull A", venue: "Sal A", eveningDates: ["2027-01-14", "2027-02-11", "2027-03-11"] });
    const { cohort: b } = createCohort(db, { title: "Kull B", eveningDates: ["2027-01-21", "2027-02-18"] });
    const { cohort: done } = createCohort(db, { title: "Ferdig", eveningDates: ["2026-01-08"] });
    const { cohort: cancelled } = createCohort(db, { title: "Avmeldt", eveningDates: ["2027-01-28"] });
    register(db, a.id, me);
    register(db, b.id, me, "waitlisted");
    register(db, done.id, me);
    register(db, cancelled.id, me);
    db.update(registrations).set({ status: "cancelled" }).where(eq(registrations.cohortId, cancelled.id)).run();
    // A's second evening is cancelled; on its first evening's day, that evening is next until it has ended.
    db.update(eveningsTable).set({ status: "cancelled" }).where(eq(eveningsTable.id, evA[1]!.id)).run();

    const during = getDashboard(me.id, at("2027-01-14", "18:00"));
    expect(during.map((c) => [c.title, c.status, c.next?.number ?? null])).toEqual([
      ["Kull A", "confirmed", 1],
      ["Kull B", "waitlisted", 1],
      ["Ferdig", "confirmed", null],
    ]);
    expect(during[0]).toMatchObject({ cohortId: a.id, slug: a.slug, venue: "Sal A" });
    expect(during[0]!.next).toMatchObject({ number: 1, startsAt: evA[0]!.startsAt, endsAt: evA[0]!.endsAt, theme: "Tema 1", selfStudyTask: "" });
    const later = getDashboard(me.id, at("2027-01-20"));
    expect(later.map((c) => c.next?.number ?? null)).toEqual([3, 1, null]);
    // The caller may pass the cohorts it has read already; confirmedOnly keeps the confirmed ones.
    const mine = myActiveCohorts(me.id);
    expect(getDashboard(me.id, at("2027-01-20"), mine)).toEqual(later);
    expect(confirmedOnly(mine).map((c) => c.title)).toEqual(["Kull A", "Ferdig"]);
  });

  it("the loader gives every box its data for a participant, and only the open cohorts to a visitor", async () => {
    const db = getDb();
    const me = await createUser(db, { profession: "physio", name: "Per Fysio" });
    const { cohort } = createCohort(db, { title: "Mitt kull", eveningDates: ["2099-01-08"] });
    register(db, cohort.id, me);
    const request = (cookie?: string) => new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });
    const args = (r: Request) => ({ request: r, params: {}, context: {} });

    const visitor = await indexRoute.loader(args(request()));
    expect(visitor).toMatchObject({ name: null, mine: [], attendance: [], openSurveys: [], partners: [], calendarLinks: null });
    expect(visitor.open.some((c) => c.id === cohort.id)).toBe(true);

    const data = await indexRoute.loader(args(request((await createSessionCookie(db, me.id)).header)));
    expect(data.name).toBe("Per Fysio");
    expect(data.mine).toEqual([
      expect.objectContaining({ cohortId: cohort.id, status: "confirmed", position: null, next: expect.objectContaining({ number: 1, theme: "Tema 1" }) }),
    ]);
    expect(data.attendance).toEqual([expect.objectContaining({ cohortId: cohort.id, held: 0, attended: 0, hoursSoFar: 0, certificateId: null })]);
    expect(data.partners).toEqual([expect.objectContaining({ cohortId: cohort.id, incoming: [], partnership: null })]);
    expect(data.calendarLinks?.https).toMatch(/^http:\/\/localhost(:\d+)?\/calendar\/.+\.ics$/);
  });
});
