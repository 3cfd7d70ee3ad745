/**
 * Calendar invitations by e-mail (parsed with ical.js, as a mail program would) and the personal feed's
 * reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import ICAL from "ical.js";
import { and, desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, users } from "../../db/schema";
import { cohortFeed, eveningUid, feedTokenFor, getOrCreateFeedToken, personalFeed } from "../../app/models/calendar.server";
import { signUp } from "../../app/models/registration.server";
import { setEveningCancelled, updateEvening } from "../../app/models/cohorts/admin.server";
import { deliverPendingEmails, resetMailTransport } from "../../app/models/notifications.server";
import { env } from "../../app/utils/env.server";
import { instantToOslo } from "../../app/utils/time";
import * as calendarPage from "../../app/routes/calendar._index";
import { loader as personalFeedLoader } from "../../app/routes/calendar.$token[.]ics";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const BASE = "https://knutepunkt.example";
// Winter and summer time both, so the VTIMEZONE has to be right for each.
const DATES = ["2030-01-10", "2030-03-07", "2030-04-04", "2030-06-06", "2030-09-12"];

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.reset();
  for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  return {
    method: cal.getFirstPropertyValue("method"),
    timezones: cal.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
    events: cal.getAllSubcomponents("vevent").map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        sequence: e.sequence,
        status: v.getFirstPropertyValue("status"),
        start: e.startDate.toJSDate(),
        zone: e.startDate.zone?.tzid,
        alarms: v.getAllSubcomponents("valarm").map((a) => String(a.getFirstPropertyValue("trigger"))),
      };
    }),
  };
}

function lastMail(userId: number, kind: string) {
  return getDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.userId, userId), eq(emailOutbox.kind, kind)))
    .orderBy(desc(emailOutbox.id))
    .get();
}

const received: string[] = [];
let server: SMTPServer;
beforeAll(async () => {
  env();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      stream.on("end", () => {
        received.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  resetMailTransport();
});
afterAll(async () => {
  resetMailTransport();
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The text of the text/calendar part of a raw MIME message, decoded. */
function calendarPart(raw: string) {
  const start = raw.search(/Content-Type: text\/calendar/i);
  expect(start).toBeGreaterThan(-1);
  const part = raw.slice(start);
  const [head, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n").split(/\r?\n--/)[0]!;
  if (/base64/i.test(head!)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

describe("calendar invitations", () => {
  it("the confirmation mail carries every evening as an .ics (PUBLISH, Europe/Oslo, the feed's UIDs), also through SMTP", async () => {
    const db = getDb();
    const me = await createUser(db, { profession: "gp" });
    const { cohort, evenings } = createCohort(db, { eveningDates: DATES });
    const result = await signUp(cohort.id, me.id);
    expect(result.registration.status).toBe("confirmed");

    const mail = lastMail(me.id, "registration-confirmed")!;
    expect(mail.attachments).toHaveLength(1);
    const file = mail.attachments![0]!;
    expect(file.filename).toMatch(/\.ics$/);
    expect(file.contentType).toContain("text/calendar");
    const ics = parse(file.content);
    expect(ics.method).toBe("PUBLISH");
    expect(ics.timezones).toEqual(["Europe/Oslo"]);
    const feed = parse((await cohortFeed(cohort.slug, BASE))!.body);
    expect(ics.events.map((e) => e.uid)).toEqual(feed.events.map((e) => e.uid));
    expect(ics.events.map((e) => e.uid)).toEqual(evenings.map((e) => eveningUid(e.id)));
    expect(ics.events.map((e) => e.sequence)).toEqual(evenings.map(() => 0));
    // 17:00 on the wall clock in winter and in summer.
    expect(ics.events.map((e) => instantToOslo(e.start).time)).toEqual(DATES.map(() => "17:00"));
    expect(ics.events.every((e) => e.zone === "Europe/Oslo")).toBe(true);

    received.length = 0;
    await deliverPendingEmails();
    const raw = received.find((r) => r.includes(me.email))!;
    expect(raw).toBeDefined();
    expect(raw).toMatch(/filename="?knutepunkt-/);
    const sent = parse(calendarPart(raw));
    expect(sent.method).toBe("PUBLISH");
    expect(sent.events.map((e) => e.uid)).toEqual(evenings.map((e) => eveningUid(e.id)));
  });

  it("a moved evening and a cancelled one each mail the same UID with a higher SEQUENCE", async () => {
    const db = getDb();
    const org = await createUser(db);
    const me = await createUser(db, { profession: "physio" });
    const { cohort, evenings } = createCohort(db, { eveningDates: DATES, organiserIds: [org.id] });
    register(db, cohort.id, me);
    const e2 = evenings[1]!;
    const ref = { cohortId: cohort.id, eveningId: e2.id };
    await updateEvening(
      ref,
      { date: "2030-03-14", startTime: "18:00", endTime: "21:00", venue: "Nytt sted", theme: e2.theme, content: "", selfStudyTask: "", materials: [], learningGoalIds: [], changeNote: "Flyttet en uke" },
      org.id,
    );
    const moved = parse(lastMail(me.id, "evening-changed")!.attachments![0]!.content);
    expect(moved.method).toBe("PUBLISH");
    expect(moved.events).toHaveLength(1);
    expect(moved.events[0]).toMatchObject({ uid: eveningUid(e2.id), sequence: 1, status: "CONFIRMED" });
    expect(instantToOslo(moved.events[0]!.start)).toEqual({ date: "2030-03-14", time: "18:00" });

    await setEveningCancelled(ref, true, "Sykdom hos foreleser", org.id);
    const cancelled = parse(lastMail(me.id, "evening-cancelled")!.attachments![0]!.content);
    expect(cancelled.events[0]).toMatchObject({ uid: eveningUid(e2.id), sequence: 2, status: "CANCELLED" });
    // The feed agrees with the mail.
    const feed = parse((await cohortFeed(cohort.slug, BASE))!.body);
    expect(feed.events.find((e) => e.uid === eveningUid(e2.id))).toMatchObject({ sequence: 2, status: "CANCELLED" });
  });

  it("the personal feed carries the chosen reminder as a VALARM; the choice changes ETag and Last-Modified", async () => {
    const db = getDb();
    const me = await createUser(db);
    const { cohort } = createCohort(db, { eveningDates: DATES });
    register(db, cohort.id, me);
    const before = (await personalFeed(me.id, BASE))!;
    expect(parse(before.body).events.every((e) => e.alarms.length === 0)).toBe(true);

    // Chosen on /calendar.
    const cookie = (await createSessionCookie(db, me.id)).header;
    const post = (alarm: string) =>
      calendarPage.action(
        routeArgs({
          request: new Request("http://localhost/calendar", { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ intent: "alarm", alarm }) }),
          params: {},
          context: {},
        }),
      );
    await new Promise((r) => setTimeout(r, 1100));
    expect(((await post("1d")) as Response).status).toBe(302);
    expect(db.select().from(users).where(eq(users.id, me.id)).get()!.calendarAlarm).toBe("1d");
    const dayBefore = (await personalFeed(me.id, BASE))!;
    expect(parse(dayBefore.body).events.map((e) => e.alarms)).toEqual(DATES.map(() => ["-P1D"]));
    expect(dayBefore.etag).not.toBe(before.etag);
    expect(dayBefore.lastModified.getTime()).toBeGreaterThan(before.lastModified.getTime());

    // A client that has the old version gets the new one, not a 304.
    const token = getOrCreateFeedToken(me.id).split(".")[0]!;
    const url = `http://localhost/calendar/${feedTokenFor(token)}.ics`;
    const res = await personalFeedLoader(routeArgs({ request: new Request(url, { headers: { "If-None-Match": before.etag } }), params: { token: feedTokenFor(token) }, context: {} }));
    expect(res.status).toBe(200);
    const since = await personalFeedLoader(
      routeArgs({
        request: new Request(url, { headers: { "If-Modified-Since": before.lastModified.toUTCString() } }),
        params: { token: feedTokenFor(token) },
        context: {},
      }),
    );
    expect(since.status).toBe(200);

    await post("2h");
    expect(parse((await personalFeed(me.id, BASE))!.body).events.map((e) => e.alarms)).toEqual(DATES.map(() => ["-PT2H"]));
    await post("none");
    expect(parse((await personalFeed(me.id, BASE))!.body).events.every((e) => e.alarms.length === 0)).toBe(true);
    await expect(post("3w")).rejects.toMatchObject({ status: 400 });
  });
});
