/**
 * The participant dashboard (/): my cohorts with their next evening, read once for all the boxes; the
 * few soonest open courses on it, and all of them on /courses.
 */
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import { getDb } from "../../db/client";
import { cohorts as cohortsTable, evenings as eveningsTable, registrations, sites } from "../../db/schema";
import { confirmedOnly, getDashboard, myActiveCohorts } from "../../app/models/cohorts/pages.server";
import { listPublishedCohorts } from "../../app/models/cohorts/catalogue.server";
import * as indexRoute from "../../app/routes/_index";
import * as coursesRoute from "../../app/routes/courses";
import i18nConfig from "../../app/i18n";
import { resources } from "../../app/locales/resources";
import { osloDateTimeToInstant } from "../../app/utils/time";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const at = (date: string, time = "12:00") => osloDateTimeToInstant(date, time);

/** Takes every cohort made so far off the open list (they stay as drafts), so a test sees only its own. */
function hideAllCohorts() {
  getDb().update(cohortsTable).set({ status: "draft" }).run();
}

/** Runs a route's loader and server-renders its page with the real translations, as the server would. */
async function renderRoute(
  route: { loader: (args: ReturnType<typeof routeArgs>) => Promise<object>; default: ComponentType },
  url: string,
  lng = "nb",
) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  const pathname = new URL(url, "http://localhost").pathname;
  const handler = createStaticHandler([{ path: pathname, loader: ({ request }) => route.loader(routeArgs({ request, params: {}, context: {} })), element: createElement(route.default) }]);
  const context = await handler.query(new Request(new URL(url, "http://localhost")));
  if (context instanceof Response) throw context;
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context, hydrate: false })));
}

describe("dashboard", () => {
  it("offers the published cohorts whose registration is open or opens later, not those whose sign-up is over", () => {
    const db = getDb();
    const now = at("2027-01-10");
    const { cohort: open } = createCohort(db, { status: "published", registrationClosesAt: at("2027-01-20") });
    const { cohort: later } = createCohort(db, { status: "published", registrationOpensAt: at("2027-02-01") });
    const { cohort: noWindow } = createCohort(db, { status: "published" });
    const { cohort: over } = createCohort(db, { status: "published", registrationClosesAt: at("2027-01-05") });
    const { cohort: draft } = createCohort(db, { status: "draft" });
    const listed = listPublishedCohorts(500, now).rows.map((c) => c.id);
    expect(listed).toEqual(expect.arrayContaining([open.id, later.id, noWindow.id]));
    expect(listed).not.toContain(over.id);
    expect(listed).not.toContain(draft.id);
    expect(listPublishedCohorts(500, at("2027-01-25")).rows.map((c) => c.id)).not.toContain(open.id);
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
    hideAllCohorts();
    const { cohort } = createCohort(db, { title: "Mitt kull", eveningDates: ["2099-01-08"] });
    register(db, cohort.id, me);
    const request = (cookie?: string) => new Request("http://localhost/", { headers: cookie ? { Cookie: cookie } : {} });
    const args = (r: Request) => routeArgs({ request: r, params: {}, context: {} });

    const visitor = await indexRoute.loader(args(request()));
    expect(visitor).toMatchObject({ name: null, mine: [], attendance: [], openSurveys: [], partners: [], calendarLinks: null });
    expect(visitor.open.map((c) => c.id)).toEqual([cohort.id]);
    expect(visitor.openTotal).toBe(1);

    const data = await indexRoute.loader(args(request((await createSessionCookie(db, me.id)).header)));
    expect(data.name).toBe("Per Fysio");
    // Logged in, the open courses come after the person's own boxes: three, with the count for the link,
    // leaving out the person's own course.
    for (let i = 2; i <= 5; i++) createCohort(db, { title: `Åpent kurs ${i}`, eveningDates: [`2099-0${i}-01`] });
    const withMore = await indexRoute.loader(args(request((await createSessionCookie(db, me.id)).header)));
    expect(withMore.open.map((c) => c.title)).toEqual(["Åpent kurs 2", "Åpent kurs 3", "Åpent kurs 4"]);
    expect(withMore.openTotal).toBe(4);
    expect((await indexRoute.loader(args(request()))).open).toHaveLength(5);
    expect(data.mine).toEqual([
      expect.objectContaining({ cohortId: cohort.id, status: "confirmed", position: null, next: expect.objectContaining({ number: 1, theme: "Tema 1" }) }),
    ]);
    expect(data.attendance).toEqual([expect.objectContaining({ cohortId: cohort.id, held: 0, attended: 0, hoursSoFar: 0, certificateId: null })]);
    expect(data.partners).toEqual([expect.objectContaining({ cohortId: cohort.id, incoming: [], partnership: null })]);
    expect(data.calendarLinks?.https).toMatch(/^http:\/\/localhost(:\d+)?\/calendar\/.+\.ics$/);
  });
});

describe("open courses: the soonest few on the front page, all of them on /courses", () => {
  beforeEach(hideAllCohorts);

  const loadCourses = (query = "") => coursesRoute.loader(routeArgs({ request: new Request(`http://localhost/courses${query}`), params: {}, context: {} }));
  const titles = (rows: { title: string }[]) => rows.map((c) => c.title);

  it("the front page list is the six soonest by first evening, open-now before opening-later on the same day, started ones after, with the total", () => {
    const db = getDb();
    const now = at("2027-01-10");
    // Made out of date order, so id order is not the answer.
    createCohort(db, { title: "Mai", eveningDates: ["2027-05-06", "2027-06-03"] });
    createCohort(db, { title: "Februar", eveningDates: ["2027-02-04"] });
    createCohort(db, { title: "Mars, åpner senere", eveningDates: ["2027-03-04"], registrationOpensAt: at("2027-02-01") });
    createCohort(db, { title: "Mars, åpen nå", eveningDates: ["2027-03-04"], registrationOpensAt: at("2026-12-01") });
    createCohort(db, { title: "Uten kvelder", eveningDates: [] });
    createCohort(db, { title: "Januar", eveningDates: ["2027-01-21", "2027-02-18"], registrationClosesAt: at("2027-01-20") });
    const { cohort: moved, evenings: movedEvenings } = createCohort(db, { title: "April (første kveld avlyst)", eveningDates: ["2027-01-14", "2027-04-01"] });
    db.update(eveningsTable).set({ status: "cancelled" }).where(eq(eveningsTable.id, movedEvenings[0]!.id)).run();
    createCohort(db, { title: "Juni", eveningDates: ["2027-06-10"] });
    // Started in December and still taking sign-ups (late registration, until evening 2): after every course still to start.
    createCohort(db, { title: "Startet i desember", eveningDates: ["2026-12-10", "2027-02-11"], registrationUntilEvening: 2 });
    // Not open: sign-up over, or not published. Both start before any of the others.
    createCohort(db, { title: "Påmelding stengt", eveningDates: ["2027-01-12"], registrationClosesAt: at("2027-01-05") });
    createCohort(db, { title: "Utkast", eveningDates: ["2027-01-11"], status: "draft" });
    createCohort(db, { title: "Arkivert", eveningDates: ["2027-01-11"], status: "archived" });

    const all = ["Januar", "Februar", "Mars, åpen nå", "Mars, åpner senere", "April (første kveld avlyst)", "Mai", "Juni", "Startet i desember", "Uten kvelder"];
    const front = listPublishedCohorts(6, now);
    expect(titles(front.rows)).toEqual(all.slice(0, 6));
    expect(front.total).toBe(9);
    // The default is six.
    expect(listPublishedCohorts(undefined, now)).toEqual(front);
    expect(front.rows.find((c) => c.id === moved.id)!.startsAt).toEqual(at("2027-04-01", "17:00"));
    // More asked for than there are: all of them, and the same total.
    expect(listPublishedCohorts(50, now)).toEqual({ rows: expect.any(Array), total: 9 });
    expect(titles(listPublishedCohorts(50, now).rows)).toEqual(all);
    // Once January's sign-up is over it leaves the list, and the next one moves up.
    const later = listPublishedCohorts(6, at("2027-01-25"));
    expect(titles(later.rows)).toEqual(all.slice(1, 7));
    expect(later.total).toBe(8);
  });

  it("the front page shows six cards with their dates and links to /courses when there are more", async () => {
    const db = getDb();
    const dates = ["2099-03-05", "2099-01-08", "2099-02-05", "2099-04-02", "2099-05-07", "2099-06-04", "2099-08-27", "2099-09-03"];
    for (const d of dates) createCohort(db, { title: `Kurs ${d}`, eveningDates: [d] });
    createCohort(db, { title: "Kurs som åpner senere", eveningDates: ["2099-01-15"], registrationOpensAt: at("2098-12-01") });

    const data = await indexRoute.loader(routeArgs({ request: new Request("http://localhost/"), params: {}, context: {} }));
    expect(data.open).toHaveLength(6);
    expect(data.openTotal).toBe(9);
    expect(titles(data.open)).toEqual(["Kurs 2099-01-08", "Kurs som åpner senere", "Kurs 2099-02-05", "Kurs 2099-03-05", "Kurs 2099-04-02", "Kurs 2099-05-07"]);
    expect(data.open[0]).toMatchObject({ siteName: "Testby", startsOn: "8. januar 2099", opensOn: null });
    expect(data.open[1]).toMatchObject({ startsOn: "15. januar 2099", opensOn: "1. desember 2098" });

    const html = await renderRoute(indexRoute, "/");
    expect(html.match(/class="ds-card"/g)).toHaveLength(6);
    expect(html).toContain("Første kveld 8. januar 2099");
    expect(html).toContain("Påmeldingen åpner 1. desember 2098");
    expect(html).toMatch(/<a[^>]*href="\/courses"[^>]*>Se alle kurs \(9\)<\/a>/);
    expect(await renderRoute(indexRoute, "/", "en")).toContain("See all courses (9)");

    // Six or fewer: no link.
    db.update(cohortsTable).set({ status: "draft" }).where(eq(cohortsTable.title, "Kurs 2099-09-03")).run();
    db.update(cohortsTable).set({ status: "draft" }).where(eq(cohortsTable.title, "Kurs 2099-08-27")).run();
    db.update(cohortsTable).set({ status: "draft" }).where(eq(cohortsTable.title, "Kurs 2099-06-04")).run();
    const six = await renderRoute(indexRoute, "/");
    expect(six.match(/class="ds-card"/g)).toHaveLength(6);
    expect(six).not.toContain('href="/courses"');
  });

  it("/courses lists every open course soonest first, 20 a page, and an odd page gives the nearest real one", async () => {
    const db = getDb();
    // 25 open courses, made latest first; one closed and one draft that must not show.
    const days = Array.from({ length: 25 }, (_, i) => `2099-${String(Math.floor(i / 9) + 1).padStart(2, "0")}-${String((i % 9) * 3 + 1).padStart(2, "0")}`);
    for (const d of [...days].reverse()) createCohort(db, { title: `Kurs ${d}`, eveningDates: [d] });
    createCohort(db, { title: "Stengt", eveningDates: ["2099-01-01"], registrationClosesAt: at("2020-01-01") });
    createCohort(db, { title: "Utkast", eveningDates: ["2099-01-01"], status: "draft" });
    const expected = days.map((d) => `Kurs ${d}`);

    const first = await loadCourses();
    expect(first).toMatchObject({ total: 25, page: 1, pages: 2, site: "" });
    expect(titles(first.courses)).toEqual(expected.slice(0, 20));
    const second = await loadCourses("?page=2");
    expect(second).toMatchObject({ total: 25, page: 2, pages: 2 });
    expect(titles(second.courses)).toEqual(expected.slice(20));
    expect(second.metaTitle).toBe("Kurs du kan melde deg på, side 2 – Knutepunkt");
    expect(first.metaTitle).toBe("Kurs du kan melde deg på – Knutepunkt");

    for (const [query, page] of [["?page=0", 1], ["?page=-3", 1], ["?page=abc", 1], ["?page=", 1], ["?page=99", 2], ["?page=2.7", 2], ["?page=1e9", 2]] as const) {
      expect((await loadCourses(query)).page, query).toBe(page);
    }
    expect(titles((await loadCourses("?page=99")).courses)).toEqual(expected.slice(20));

    const html = await renderRoute(coursesRoute, "/courses");
    expect(html).toContain("<h1");
    expect(html.match(/class="ds-card"/g)).toHaveLength(20);
    expect(html).toContain("25 kurs");
    expect(html).toContain("Side 1 av 2");
    expect(html).toMatch(/<a rel="next"[^>]* href="\/courses\?page=2"[^>]*>Neste<\/a>/);
    const last = await renderRoute(coursesRoute, "/courses?page=2", "en");
    expect(last).toContain("Page 2 of 2");
    expect(last).toContain("25 courses");
    expect(last).toMatch(/<a rel="prev"[^>]* href="\/courses"[^>]*>Previous<\/a>/);
  });

  it("/courses can be narrowed to one place, and says what to do when nothing is open", async () => {
    const db = getDb();
    expect(listPublishedCohorts()).toEqual({ rows: [], total: 0 });
    const empty = await loadCourses();
    expect(empty).toMatchObject({ courses: [], total: 0, page: 1, pages: 1, sites: [] });
    const emptyHtml = await renderRoute(coursesRoute, "/courses");
    expect(emptyHtml).toContain("Det er ingen kurs med åpen påmelding akkurat nå.");
    expect(emptyHtml).toContain("se innom igjen senere");
    expect(emptyHtml).not.toContain("Side 1");
    expect(emptyHtml).not.toContain('class="ds-card"');
    expect(await renderRoute(coursesRoute, "/courses", "en")).toContain("There are no courses open for sign-up right now.");

    const site = db.insert(sites).values({ name: "Bodø", slug: "bodo-test", region: "Nordland" }).returning().get();
    createCohort(db, { title: "Bodø høst", eveningDates: ["2099-09-02"], siteId: site.id });
    createCohort(db, { title: "Bodø vår", eveningDates: ["2099-02-04"], siteId: site.id });
    createCohort(db, { title: "Testby", eveningDates: ["2099-01-07"] });

    const all = await loadCourses();
    expect(all.sites).toEqual([
      { slug: "bodo-test", name: "Bodø", count: 2 },
      { slug: "testby", name: "Testby", count: 1 },
    ]);
    const bodo = await loadCourses("?site=bodo-test");
    expect(titles(bodo.courses)).toEqual(["Bodø vår", "Bodø høst"]);
    expect(bodo).toMatchObject({ total: 2, site: "bodo-test" });
    const filtered = await renderRoute(coursesRoute, "/courses?site=bodo-test");
    expect(filtered).toMatch(/<option value="bodo-test" selected="">Bodø \(2\)<\/option>/);

    // An unknown place: nothing, and a way back to every place. A malformed one is ignored.
    const nowhere = await renderRoute(coursesRoute, "/courses?site=finnes-ikke");
    expect(nowhere).toContain("Det er ingen kurs med åpen påmelding på dette stedet nå.");
    expect(nowhere).toMatch(/<a[^>]*href="\/courses"[^>]*>Se kurs på alle steder<\/a>/);
    expect((await loadCourses("?site=%3Cscript%3E")).total).toBe(3);
  });
});

describe("open-course lists follow every change and the clock", () => {
  beforeEach(hideAllCohorts);
  const titles = (rows: { title: string }[]) => rows.map((c) => c.title);

  it("show changes to cohorts, evenings and sites, from this connection or another", () => {
    const db = getDb();
    const now = at("2098-01-01");
    const { cohort: may } = createCohort(db, { title: "Mai", eveningDates: ["2098-05-07"] });
    const { evenings: [juneEvening] } = createCohort(db, { title: "Juni", eveningDates: ["2098-06-04"] });
    expect(titles(listPublishedCohorts(6, now).rows)).toEqual(["Mai", "Juni"]);

    db.update(eveningsTable).set({ startsAt: at("2098-04-02", "17:00") }).where(eq(eveningsTable.id, juneEvening!.id)).run();
    expect(titles(listPublishedCohorts(6, now).rows)).toEqual(["Juni", "Mai"]);
    db.update(sites).set({ name: "Nytt stedsnavn" }).run();
    expect(listPublishedCohorts(6, now).rows.map((c) => c.siteName)).toEqual(["Nytt stedsnavn", "Nytt stedsnavn"]);
    // Another process (here: another connection to the same file) unpublishes May.
    const other = new Database(process.env.DATABASE_URL!);
    try {
      other.prepare("update cohorts set status = 'draft' where id = ?").run(may.id);
    } finally {
      other.close();
    }
    expect(listPublishedCohorts(6, now)).toMatchObject({ rows: [{ title: "Juni" }], total: 1 });
  });

  it("follow the clock: a closing, an opening or a first evening changes the list", () => {
    const db = getDb();
    // Made first, so once both are open on the same first evening it comes first (by id).
    createCohort(db, { title: "Åpner 1. februar", eveningDates: ["2098-05-07"], registrationOpensAt: at("2098-02-01") });
    createCohort(db, { title: "Stenger 1. mars", eveningDates: ["2098-05-07"], registrationClosesAt: at("2098-03-01") });
    createCohort(db, { title: "Starter 1. april", eveningDates: ["2098-04-01", "2098-09-01"], registrationUntilEvening: 2 });
    createCohort(db, { title: "Stenger ved start", eveningDates: ["2098-04-01", "2098-09-01"] });
    const list = (date: string) => titles(listPublishedCohorts(6, at(date)).rows);

    expect(list("2098-01-10")).toEqual(["Starter 1. april", "Stenger ved start", "Stenger 1. mars", "Åpner 1. februar"]);
    expect(list("2098-01-31")).toEqual(["Starter 1. april", "Stenger ved start", "Stenger 1. mars", "Åpner 1. februar"]);
    // Open now came before opening later on the same first evening; from 1 February both are open.
    expect(list("2098-02-02")).toEqual(["Starter 1. april", "Stenger ved start", "Åpner 1. februar", "Stenger 1. mars"]);
    // March's closing takes one off.
    expect(list("2098-03-02")).toEqual(["Starter 1. april", "Stenger ved start", "Åpner 1. februar"]);
    // Once April's course has started, sign-up is over (it closes when evening 1 starts) unless late
    // registration is allowed: that one goes after those still to start.
    expect(list("2098-04-02")).toEqual(["Åpner 1. februar", "Starter 1. april"]);
    // Late registration ends when evening 2 starts, and a finished course is never listed.
    expect(list("2098-09-02")).toEqual([]);
    // An earlier moment gives the earlier list.
    expect(list("2098-01-10")).toEqual(["Starter 1. april", "Stenger ved start", "Stenger 1. mars", "Åpner 1. februar"]);
  });
});

