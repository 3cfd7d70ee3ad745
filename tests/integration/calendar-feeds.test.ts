import { beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { agreementVersions, calendarFeedTokens, evenings, partnershipMembers, partnerships } from "../../db/schema";
import { cohortCalendarSubscribeData, cohortFeed, eveningIcs, feedTokenFor, getOrCreateFeedToken, OSLO_VTIMEZONE, personalFeed, personalFeedLinks, personalFeedVersion, regenerateFeedToken, resolveFeedToken } from "../../app/models/calendar.server";
import { icsResponse } from "../../app/utils/http.server";
import { appUrl } from "../../app/utils/env.server";
import { instantToOslo, osloDateTimeToInstant } from "../../app/utils/time";
import { loader as cohortFeedLoader } from "../../app/routes/cohorts.$slug.calendar[.]ics";
import { loader as personalFeedLoader } from "../../app/routes/calendar.$token[.]ics";
import { loader as eveningLoader } from "../../app/routes/cohorts.$slug.evenings.$n[.]ics";
import { createCohort, createUser, register } from "../helpers/factories";

const BASE = "https://knutepunkt.example";

/** Parses a feed the way a calendar client does, with the feed's own VTIMEZONE registered. */
function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.reset();
  for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      location: e.location,
      description: e.description,
      start: e.startDate.toJSDate(),
      end: e.endDate.toJSDate(),
      startZone: e.startDate.zone?.tzid,
      isDate: e.startDate.isDate,
      startDateString: e.startDate.toString(),
      status: v.getFirstPropertyValue("status"),
      lastModified: (v.getFirstPropertyValue("last-modified") as ICAL.Time | null)?.toJSDate(),
    };
  });
  return { cal, events };
}

const loaderArgs = (url: string, params: Record<string, string>, headers: HeadersInit = {}) =>
  ({ request: new Request(url, { headers }), params, context: {} }) as never;

describe("Europe/Oslo VTIMEZONE", () => {
  const zone = () => {
    const comp = new ICAL.Component(ICAL.parse(`BEGIN:VCALENDAR\r\n${OSLO_VTIMEZONE}\r\nEND:VCALENDAR`));
    return new ICAL.Timezone(comp.getFirstSubcomponent("vtimezone")!);
  };
  /** What a client does with DTSTART;TZID=Europe/Oslo:<date>T<time>: local wall-clock time to an instant. */
  const localToInstant = (z: ICAL.Timezone, date: string, time: string) => {
    const [y, m, d] = date.split("-").map(Number);
    const [hh, mm] = time.split(":").map(Number);
    return new ICAL.Time({ year: y!, month: m!, day: d!, hour: hh!, minute: mm!, second: 0, isDate: false }, z).toJSDate().getTime();
  };

  it("maps every local half hour of 2026–2029 to the same instant as the tz database", () => {
    const z = zone();
    let checked = 0;
    for (let ms = Date.UTC(2026, 0, 1, 0, 30); ms < Date.UTC(2030, 0, 1); ms += 3600_000) {
      const { date, time } = instantToOslo(ms);
      // Skip the hour around a switch, where a local time is missing or happens twice (checked below).
      if (instantToOslo(ms - 3600_000).time === time || osloDateTimeToInstant(date, time).getTime() !== ms) continue;
      const around = [ms - 7200_000, ms + 7200_000].map((x) => (new Date(x).getUTCHours() - Number(instantToOslo(x).time.slice(0, 2)) + 24) % 24);
      if (around[0] !== around[1]) continue;
      const got = localToInstant(z, date, time);
      if (got !== ms) throw new Error(`${date} ${time}: ${new Date(got).toISOString()} != ${new Date(ms).toISOString()}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(35_000);
  });

  it("switches on the last Sunday of March and October", () => {
    const z = zone();
    const switches = [
      ["2026-03-29", "2026-10-25"],
      ["2027-03-28", "2027-10-31"],
      ["2028-03-26", "2028-10-29"],
      ["2029-03-25", "2029-10-28"],
    ];
    for (const [spring, autumn] of switches) {
      // 01:30 is still CET (00:30 UTC) and 03:30 is CEST (01:30 UTC) on the spring day.
      expect(new Date(localToInstant(z, spring!, "01:30")).toISOString()).toBe(`${spring}T00:30:00.000Z`);
      expect(new Date(localToInstant(z, spring!, "03:30")).toISOString()).toBe(`${spring}T01:30:00.000Z`);
      // The week before is winter time all day, the autumn day is winter time from 03:00.
      const weekBefore = new Date(Date.parse(spring!) - 7 * 86400_000).toISOString().slice(0, 10);
      expect(new Date(localToInstant(z, weekBefore, "17:00")).toISOString()).toBe(`${weekBefore}T16:00:00.000Z`);
      expect(new Date(localToInstant(z, autumn!, "01:30")).toISOString()).toBe(`${autumn}T23:30:00.000Z`.replace(autumn!, new Date(Date.parse(autumn!) - 86400_000).toISOString().slice(0, 10)));
      expect(new Date(localToInstant(z, autumn!, "17:00")).toISOString()).toBe(`${autumn}T16:00:00.000Z`);
      const dayBefore = new Date(Date.parse(autumn!) - 86400_000).toISOString().slice(0, 10);
      expect(new Date(localToInstant(z, dayBefore, "17:00")).toISOString()).toBe(`${dayBefore}T15:00:00.000Z`);
    }
  });
});

describe("public cohort feed", () => {
  let slug: string;
  let eveningIds: number[];
  beforeAll(() => {
    // January (CET), May (CEST), the Thursday before and after the October change (31 Oct 2027).
    const { cohort, evenings: rows } = createCohort(getDb(), {
      eveningDates: ["2027-01-28", "2027-05-20", "2027-10-28", "2027-11-04", "2027-12-02"],
      venue: "Scandic Lerkendal, Trondheim",
    });
    slug = cohort.slug;
    eveningIds = rows.map((r) => r.id);
    getDb().update(evenings).set({ selfStudyTask: "Les kapittel 3" }).where(eq(evenings.id, rows[1]!.id)).run();
  });

  it("has every evening with the right start and end instants in winter, summer and across the October change", async () => {
    const feed = (await cohortFeed(slug, BASE))!;
    expect(feed.body).toContain("BEGIN:VTIMEZONE");
    expect(feed.body).toContain("TZID:Europe/Oslo");
    expect(feed.body).toMatch(/DTSTART;TZID=Europe\/Oslo:20270128T170000/);
    expect(feed.body).toContain("X-PUBLISHED-TTL:PT1H");
    expect(feed.body).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    const { cal, events } = parse(feed.body);
    expect(cal.getFirstPropertyValue("x-wr-calname")).toMatch(/^Knutepunkt – Kull /);
    expect(events.map((e) => [e.start.toISOString(), e.end.toISOString()])).toEqual([
      ["2027-01-28T16:00:00.000Z", "2027-01-28T19:00:00.000Z"],
      ["2027-05-20T15:00:00.000Z", "2027-05-20T18:00:00.000Z"],
      ["2027-10-28T15:00:00.000Z", "2027-10-28T18:00:00.000Z"],
      ["2027-11-04T16:00:00.000Z", "2027-11-04T19:00:00.000Z"],
      ["2027-12-02T16:00:00.000Z", "2027-12-02T19:00:00.000Z"],
    ]);
    expect(events.every((e) => e.startZone === "Europe/Oslo")).toBe(true);
    expect(events.map((e) => e.summary)).toEqual([1, 2, 3, 4, 5].map((n) => `Knutepunkt ${n}/5: Tema ${n}`));
    expect(events[0]!.location).toBe("Scandic Lerkendal, Trondheim");
    expect(events[1]!.description).toContain("Tema: Tema 2");
    expect(events[1]!.description).toContain("Egenoppgave: Les kapittel 3");
    expect(events[1]!.description).toContain(`${BASE}/cohorts/${slug}`);
    expect(events.every((e) => e.status === "CONFIRMED")).toBe(true);
  });

  it("keeps UIDs unique and identical across two fetches, and the ETag stable while nothing changes", async () => {
    const a = (await cohortFeed(slug, BASE))!;
    const b = (await cohortFeed(slug, BASE))!;
    const uidsA = parse(a.body).events.map((e) => e.uid);
    const uidsB = parse(b.body).events.map((e) => e.uid);
    expect(new Set(uidsA).size).toBe(uidsA.length);
    expect(uidsA).toEqual(uidsB);
    expect(uidsA).toEqual(eveningIds.map((id) => `evening-${id}@knutepunkt`));
    expect(a.etag).toBe(b.etag);
  });

  it("gives the same text while nothing changes, and a new one for any changed row or another language", async () => {
    const a = (await cohortFeed(slug, BASE))!;
    expect(await cohortFeed(slug, BASE)).toEqual(a);
    expect((await cohortFeed(slug, BASE, "en"))!.body).not.toBe(a.body);
    // Even a change that forgets updatedAt and the revision shows at once: the feed is built from the rows.
    const id = eveningIds[0]!;
    const theme = getDb().select({ theme: evenings.theme }).from(evenings).where(eq(evenings.id, id)).get()!.theme;
    getDb().update(evenings).set({ theme: "Nytt tema uten revisjon" }).where(eq(evenings.id, id)).run();
    const changed = (await cohortFeed(slug, BASE))!;
    expect(changed.body).not.toBe(a.body);
    expect(parse(changed.body).events[0]!.summary).toContain("Nytt tema uten revisjon");
    getDb().update(evenings).set({ theme }).where(eq(evenings.id, id)).run();
    expect((await cohortFeed(slug, BASE))!.body).toBe(a.body);
  });

  it("raises SEQUENCE and moves the event when an evening is rescheduled, and marks a cancelled one", async () => {
    const before = parse((await cohortFeed(slug, BASE))!.body).events;
    const id = eveningIds[2]!;
    getDb()
      .update(evenings)
      .set({
        startsAt: osloDateTimeToInstant("2027-11-11", "18:00"),
        endsAt: osloDateTimeToInstant("2027-11-11", "21:00"),
        revision: sql`${evenings.revision} + 1`,
        updatedAt: new Date("2027-01-01T12:00:00Z"),
      })
      .where(eq(evenings.id, id))
      .run();
    const afterMove = (await cohortFeed(slug, BASE))!;
    const moved = parse(afterMove.body).events.find((e) => e.uid === `evening-${id}@knutepunkt`)!;
    const old = before.find((e) => e.uid === moved.uid)!;
    expect(moved.sequence).toBeGreaterThan(old.sequence);
    expect(moved.start.toISOString()).toBe("2027-11-11T17:00:00.000Z");
    expect(moved.lastModified?.toISOString()).toBe("2027-01-01T12:00:00.000Z");

    const cancelId = eveningIds[3]!;
    getDb()
      .update(evenings)
      .set({ status: "cancelled", cancelReason: "Storm", revision: sql`${evenings.revision} + 1`, updatedAt: new Date("2027-01-02T12:00:00Z") })
      .where(eq(evenings.id, cancelId))
      .run();
    const afterCancel = (await cohortFeed(slug, BASE))!;
    const events = parse(afterCancel.body).events;
    expect(events).toHaveLength(5);
    const cancelled = events.find((e) => e.uid === `evening-${cancelId}@knutepunkt`)!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.summary).toMatch(/^AVLYST: /);
    expect(cancelled.description).toContain("Storm");
    expect(cancelled.sequence).toBe(1);
    expect(afterCancel.etag).not.toBe(afterMove.etag);
  });

  it("answers over HTTP with text/calendar, a 304 for a matching ETag or date, and 404 for an unknown cohort", async () => {
    const url = `${BASE}/cohorts/${slug}/calendar.ics`;
    const res = (await cohortFeedLoader(loaderArgs(url, { slug }))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const etag = res.headers.get("ETag")!;
    const lastModified = res.headers.get("Last-Modified")!;
    expect(etag).toMatch(/^".+"$/);
    expect(await res.text()).toContain("BEGIN:VCALENDAR");

    const again = (await cohortFeedLoader(loaderArgs(url, { slug }, { "If-None-Match": etag }))) as Response;
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const stale = (await cohortFeedLoader(loaderArgs(url, { slug }, { "If-None-Match": '"something-else"' }))) as Response;
    expect(stale.status).toBe(200);
    const byDate = (await cohortFeedLoader(loaderArgs(url, { slug }, { "If-Modified-Since": lastModified }))) as Response;
    expect(byDate.status).toBe(304);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    const byOlderDate = (await cohortFeedLoader(loaderArgs(url, { slug }, { "If-Modified-Since": older }))) as Response;
    expect(byOlderDate.status).toBe(200);

    await expect(cohortFeedLoader(loaderArgs(`${BASE}/cohorts/nope/calendar.ics`, { slug: "nope" }))).rejects.toMatchObject({ status: 404 });
  });

  it("offers a single evening as a downloadable .ics", async () => {
    const res = (await eveningLoader(loaderArgs(`${BASE}/cohorts/${slug}/evenings/2.ics`, { slug, n: "2" }))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="knutepunkt-.+-2\.ics"$/);
    const { events } = parse(await res.text());
    expect(events).toHaveLength(1);
    expect(events[0]!.uid).toBe(`evening-${eveningIds[1]}@knutepunkt`);
    expect(events[0]!.start.toISOString()).toBe("2027-05-20T15:00:00.000Z");
    await expect(eveningLoader(loaderArgs(`${BASE}/x`, { slug, n: "9" }))).rejects.toMatchObject({ status: 404 });
    await expect(eveningLoader(loaderArgs(`${BASE}/x`, { slug, n: "abc" }))).rejects.toMatchObject({ status: 404 });
    expect(await eveningIcs(slug, 6, BASE)).toBeUndefined();
  });

  it("gives the cohort page its subscribe links and per-evening downloads", () => {
    const data = cohortCalendarSubscribeData(slug, BASE)!;
    expect(data.links.https).toBe(`${BASE}/cohorts/${slug}/calendar.ics`);
    expect(data.links.webcal).toBe(`webcal://knutepunkt.example/cohorts/${slug}/calendar.ics`);
    expect(data.evenings.map((e) => e.href)).toEqual([1, 2, 3, 4, 5].map((n) => `/cohorts/${slug}/evenings/${n}.ics`));
    expect(cohortCalendarSubscribeData("finnes-ikke", BASE)).toBeUndefined();
  });

  it("does not publish a draft cohort", async () => {
    const { cohort } = createCohort(getDb(), { status: "draft" });
    expect(await cohortFeed(cohort.slug, BASE)).toBeUndefined();
    expect(cohortCalendarSubscribeData(cohort.slug, BASE)).toBeUndefined();
  });
});

describe("personal feed", () => {
  it("shows the evenings of confirmed cohorts and the agreement review date, never anyone else's cohorts", async () => {
    const db = getDb();
    const anna = await createUser(db, { profession: "gp", name: "Anna" });
    const bjorn = await createUser(db, { profession: "physio", name: "Bjørn" });
    const mine = createCohort(db, { eveningDates: ["2027-02-04", "2027-03-04"] });
    const waitlisted = createCohort(db, { eveningDates: ["2027-02-11"] });
    const theirs = createCohort(db, { eveningDates: ["2027-02-18", "2027-06-17"] });
    register(db, mine.cohort.id, anna, "confirmed");
    register(db, waitlisted.cohort.id, anna, "waitlisted");
    register(db, theirs.cohort.id, bjorn, "confirmed");
    register(db, mine.cohort.id, bjorn, "confirmed");

    const p = db.insert(partnerships).values({ cohortId: mine.cohort.id }).returning().get();
    db.insert(partnershipMembers).values([
      { partnershipId: p.id, cohortId: mine.cohort.id, userId: anna.id },
      { partnershipId: p.id, cohortId: mine.cohort.id, userId: bjorn.id },
    ]).run();
    db.insert(agreementVersions).values({ partnershipId: p.id, version: 1, data: {}, reviewDate: "2027-09-01" }).run();
    db.insert(agreementVersions).values({ partnershipId: p.id, version: 2, data: {}, reviewDate: "2027-10-15" }).run();

    const annaFeed = parse((await personalFeed(anna.id, BASE))!.body);
    const annaUids = annaFeed.events.map((e) => e.uid);
    expect(annaUids).toEqual([...mine.evenings.map((e) => `evening-${e.id}@knutepunkt`), `agreement-review-${p.id}@knutepunkt`]);
    expect(annaFeed.cal.getFirstPropertyValue("x-wr-calname")).toBe("Knutepunkt – mine kurskvelder");
    const review = annaFeed.events.at(-1)!;
    expect(review.isDate).toBe(true);
    expect(review.startDateString).toBe("2027-10-15");
    expect(review.sequence).toBe(2);
    expect(annaFeed.events[0]!.start.toISOString()).toBe("2027-02-04T16:00:00.000Z");
    for (const other of [...theirs.evenings, ...waitlisted.evenings]) expect(annaUids).not.toContain(`evening-${other.id}@knutepunkt`);

    const bjornUids = parse((await personalFeed(bjorn.id, BASE))!.body).events.map((e) => e.uid);
    expect(bjornUids).toHaveLength(5);
    expect(bjornUids).toContain(`evening-${theirs.evenings[1]!.id}@knutepunkt`);
  });

  it("resolves only its own signed, unrevoked token; a regenerated token gives 404 at once", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { cohort } = createCohort(db, { eveningDates: ["2027-01-14"] });
    register(db, cohort.id, user, "confirmed");

    const token = getOrCreateFeedToken(user.id);
    expect(getOrCreateFeedToken(user.id)).toBe(token);
    const [id, mac] = token.split(".");
    // Only the id is stored; the MAC is not in the database.
    const stored = db.select().from(calendarFeedTokens).where(eq(calendarFeedTokens.userId, user.id)).all();
    expect(stored.map((r) => r.id)).toEqual([id]);
    expect(JSON.stringify(stored)).not.toContain(mac!);
    expect(resolveFeedToken(token)).toBe(user.id);
    expect(resolveFeedToken(`${id}.${mac!.slice(0, -2)}AA`)).toBeNull();
    expect(resolveFeedToken(`${id}`)).toBeNull();
    expect(resolveFeedToken("nonsense.token")).toBeNull();

    const url = (t: string) => `${BASE}/calendar/${t}.ics`;
    const ok = (await personalFeedLoader(loaderArgs(url(token), { token }))) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(parse(await ok.text()).events).toHaveLength(1);

    const fresh = regenerateFeedToken(user.id);
    expect(fresh).not.toBe(token);
    expect(resolveFeedToken(token)).toBeNull();
    expect(resolveFeedToken(fresh)).toBe(user.id);
    const gone = await personalFeedLoader(loaderArgs(url(token), { token })).catch((r: Response) => r);
    expect((gone as Response).status).toBe(404);
    expect(await (gone as Response).text()).toBe("Not Found");
    const forged = feedTokenFor("aaaaaaaaaaaaaaaaaaaaaaaa");
    expect(resolveFeedToken(forged)).toBeNull();
    expect(personalFeedLinks(user.id, BASE)).toEqual({
      https: `${BASE}/calendar/${fresh}.ics`,
      webcal: `webcal://knutepunkt.example/calendar/${fresh}.ics`,
      google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(`webcal://knutepunkt.example/calendar/${fresh}.ics`)}`,
      outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(`${BASE}/calendar/${fresh}.ics`)}&name=Knutepunkt`,
    });
  });

  it("a HEAD or conditional request of an unchanged personal feed is cheap", async () => {
    const db = getDb();
    const user = await createUser(db);
    const feed = (await personalFeed(user.id, BASE))!;
    const res = icsResponse(new Request(BASE, { headers: { "If-None-Match": `W/${feed.etag}` } }), feed);
    expect(res.status).toBe(304);
    expect(res.headers.get("ETag")).toBe(feed.etag);
  });
});

describe("personal feed versions", () => {
  it("answers a conditional request from the sources alone, with the ETag and date the built feed has", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { cohort } = createCohort(db);
    register(db, cohort.id, user);
    const token = getOrCreateFeedToken(user.id);
    const url = `${BASE}/calendar/${token}.ics`;
    const full = (await personalFeedLoader(loaderArgs(url, { token }))) as Response;
    expect(full.status).toBe(200);
    // The route builds its links from the configured address.
    const built = (await personalFeed(user.id, appUrl()))!;
    expect(personalFeedVersion(user.id, appUrl())).toEqual({ etag: built.etag, lastModified: built.lastModified });
    expect(full.headers.get("ETag")).toBe(built.etag);
    expect(await full.text()).toBe(built.body);

    const byTag = (await personalFeedLoader(loaderArgs(url, { token }, { "If-None-Match": built.etag }))) as Response;
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get("ETag")).toBe(built.etag);
    expect(byTag.headers.get("Referrer-Policy")).toBe("no-referrer");
    const byDate = (await personalFeedLoader(loaderArgs(url, { token }, { "If-Modified-Since": full.headers.get("Last-Modified")! }))) as Response;
    expect(byDate.status).toBe(304);
  });

  it("gets a new ETag for every change that changes the feed, even one that did not touch updatedAt", async () => {
    const db = getDb();
    const user = await createUser(db);
    const { cohort, evenings: cohortEvenings } = createCohort(db);
    register(db, cohort.id, user);
    const seen = new Set<string>();
    const expectNewVersion = async () => {
      const built = (await personalFeed(user.id, BASE))!;
      const version = personalFeedVersion(user.id, BASE)!;
      expect(version.etag).toBe(built.etag);
      expect(seen.has(version.etag)).toBe(false);
      seen.add(version.etag);
    };
    await expectNewVersion();
    db.update(evenings).set({ theme: "Nytt tema uten revisjon" }).where(eq(evenings.id, cohortEvenings[0]!.id)).run();
    await expectNewVersion();
    db.run(sql`update cohorts set title = 'Nytt navn' where id = ${cohort.id}`);
    await expectNewVersion();
    db.run(sql`update users set locale = 'en' where id = ${user.id}`);
    await expectNewVersion();
    db.run(sql`update registrations set status = 'cancelled' where user_id = ${user.id}`);
    await expectNewVersion();
    expect(parse((await personalFeed(user.id, BASE))!.body).events).toHaveLength(0);
  });
});
