/**
 * Calendar feeds (iCalendar, RFC 5545) built with ical-generator.
 *
 * - Public cohort feed: every evening of a published cohort.
 * - Personal feed: the evenings of every cohort the person is CONFIRMED in, plus the review date of their
 *   partnership agreement as an all-day event, behind a secret URL (calendar-tokens.server.ts).
 *
 * Times are written as local Europe/Oslo times with TZID and a VTIMEZONE (EU daylight-saving rules), so
 * clients show the right wall-clock time in winter (CET) and summer (CEST). UIDs never change; SEQUENCE is the
 * evening's revision counter, so a rescheduled evening replaces the old one in subscribers' calendars.
 */
import crypto from "node:crypto";
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { TZDate } from "@date-fns/tz";
import { isCalendarDate } from "~/utils/cohort-validation";
import { and, asc, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  agreementVersions,
  cohorts,
  evenings,
  partnershipMembers,
  partnerships,
  registrations,
  users,
  CALENDAR_ALARMS,
  type CalendarAlarm,
} from "../../db/schema";
import { OSLO } from "../utils/time";
import { getFixedT } from "../i18next.server";

type Evening = typeof evenings.$inferSelect;
type Cohort = typeof cohorts.$inferSelect;

/** How often subscribing clients should re-fetch (seconds). */
export const REFRESH_SECONDS = 60 * 60;

/**
 * Europe/Oslo as a VTIMEZONE with the EU rules in force since 1996: summer time from the last Sunday of March
 * 01:00 UTC (02:00 CET) to the last Sunday of October 01:00 UTC (03:00 CEST).
 */
export const OSLO_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Oslo",
  "X-LIC-LOCATION:Europe/Oslo",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export const eveningUid = (eveningId: number) => `evening-${eveningId}@knutepunkt`;
export const reviewUid = (partnershipId: number) => `agreement-review-${partnershipId}@knutepunkt`;

function newCalendar(name: string, description?: string): ICalCalendar {
  return ical({
    name,
    description: description ?? null,
    prodId: "//Knutepunkt//Kalender//NB",
    // No calendar-level zone name: DTSTAMP and LAST-MODIFIED stay in UTC ("Z"), as RFC 5545 requires,
    // while each timed event carries TZID=Europe/Oslo and the generator adds the VTIMEZONE.
    timezone: { name: null, generator: (tz) => (tz === OSLO ? OSLO_VTIMEZONE : null) },
    ttl: REFRESH_SECONDS,
    x: { "X-WR-TIMEZONE": OSLO },
  });
}

type T = Awaited<ReturnType<typeof getFixedT>>;

/** Seconds before the start for each reminder choice of the personal feed. */
export const ALARM_SECONDS: Record<CalendarAlarm, number | null> = { none: null, "1d": 24 * 60 * 60, "2h": 2 * 60 * 60 };

type EventCohort = Pick<Cohort, "slug" | "venue" | "title" | "kind" | "meetingUrl">;

/**
 * `forParticipant`: the calendar goes only to a confirmed participant (personal feed, e-mail), so a
 * meeting's video link may be in it; the public feeds of a cohort leave it out.
 */
function addEvening(
  cal: ICalCalendar,
  t: T,
  base: string,
  cohort: EventCohort,
  evening: Evening,
  total: number,
  alarm: CalendarAlarm = "none",
  forParticipant = false,
) {
  const cancelled = evening.status === "cancelled";
  const page = `${base}/cohorts/${cohort.slug}`;
  const meeting = cohort.kind === "meeting";
  const videoLink = meeting && forParticipant ? cohort.meetingUrl : null;
  const url = videoLink ?? page;
  const lines = [
    t("calendar.feed.theme", { theme: evening.theme }),
    evening.selfStudyTask ? t("calendar.feed.selfStudy", { task: evening.selfStudyTask }) : null,
    cancelled && evening.cancelReason ? t("calendar.feed.cancelReason", { reason: evening.cancelReason }) : null,
    evening.changeNote ? t("calendar.feed.change", { note: evening.changeNote }) : null,
    videoLink ? t("calendar.feed.videoLink", { url: videoLink }) : null,
    t("calendar.feed.more", { url: page }),
  ].filter(Boolean);
  // A network meeting is one session under its own title, not "evening n of the course".
  const summary = meeting ? cohort.title : `Knutepunkt ${evening.number}/${total}: ${evening.theme}`;
  const before = ALARM_SECONDS[alarm];
  const event = cal.createEvent({
    id: eveningUid(evening.id),
    sequence: evening.revision,
    start: new TZDate(evening.startsAt.getTime(), OSLO),
    end: new TZDate(evening.endsAt.getTime(), OSLO),
    timezone: OSLO,
    stamp: evening.updatedAt,
    lastModified: evening.updatedAt,
    created: evening.createdAt,
    summary: cancelled ? t("calendar.feed.cancelledPrefix") + summary : summary,
    location: evening.venue || cohort.venue || videoLink || null,
    description: lines.join("\n"),
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  // No reminder for an evening that will not take place.
  if (before && !cancelled) event.createAlarm({ type: ICalAlarmType.display, triggerBefore: before, description: summary });
}

export type Feed = { body: string; lastModified: Date; etag: string; filename: string };

function finish(cal: ICalCalendar, lastModified: number, filename: string): Feed {
  const body = cal.toString();
  const etag = `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
  return { body, etag, lastModified: wholeSeconds(lastModified), filename };
}

// HTTP dates have whole seconds; round down so If-Modified-Since compares exactly.
const wholeSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

const maxTime = (...dates: (Date | null | undefined)[]) => Math.max(0, ...dates.map((d) => d?.getTime() ?? 0));

function eveningsOf(cohortIds: number[]) {
  if (cohortIds.length === 0) return [];
  return getDb()
    .select()
    .from(evenings)
    .where(inArray(evenings.cohortId, cohortIds))
    .orderBy(asc(evenings.startsAt), asc(evenings.id))
    .limit(cohortIds.length * 50)
    .all();
}

/** A cohort that may be shown publicly (not a draft). */
function publicCohort(slug: string) {
  const cohort = getDb().select().from(cohorts).where(eq(cohorts.slug, slug)).get();
  return cohort && cohort.status !== "draft" ? cohort : undefined;
}

/** The public feed of a cohort, or undefined for an unknown or draft cohort. */
export async function cohortFeed(slug: string, base: string, locale = "nb"): Promise<Feed | undefined> {
  const cohort = publicCohort(slug);
  if (!cohort) return undefined;
  const t = await getFixedT(locale);
  const rows = eveningsOf([cohort.id]);
  const cal = newCalendar(t("calendar.feed.cohortName", { title: cohort.title }));
  cal.url(`${base}/cohorts/${cohort.slug}`);
  for (const e of rows) addEvening(cal, t, base, cohort, e, rows.length);
  return finish(cal, maxTime(cohort.createdAt, cohort.updatedAt, ...rows.map((e) => e.updatedAt)), `knutepunkt-${cohort.slug}.ics`);
}

/** One evening as a downloadable .ics file. */
export async function eveningIcs(slug: string, number: number, base: string, locale = "nb"): Promise<Feed | undefined> {
  const cohort = publicCohort(slug);
  if (!cohort) return undefined;
  const rows = eveningsOf([cohort.id]);
  const evening = rows.find((e) => e.number === number);
  if (!evening) return undefined;
  const t = await getFixedT(locale);
  const cal = newCalendar(t("calendar.feed.cohortName", { title: cohort.title }));
  addEvening(cal, t, base, cohort, evening, rows.length);
  return finish(cal, maxTime(cohort.updatedAt, evening.updatedAt), `knutepunkt-${cohort.slug}-${number}.ics`);
}

// ───────────────────────────── invitations by e-mail ─────────────────────────────

export type MailAttachment = { filename: string; contentType: string; content: string };

/**
 * Evenings of a cohort as an e-mail attachment that mail programs offer to add in one click: METHOD:PUBLISH
 * (no organizer or replies), the same UIDs and SEQUENCE as the feeds, so a later mail or the feed updates
 * the same events instead of adding copies. `total` is the cohort's number of evenings (for the summary).
 */
export function invitationAttachment(
  t: T,
  cohort: EventCohort,
  rows: Evening[],
  total: number,
  base: string,
  filename = `knutepunkt-${cohort.slug}.ics`,
): MailAttachment {
  const cal = newCalendar(t("calendar.feed.cohortName", { title: cohort.title }));
  cal.method(ICalCalendarMethod.PUBLISH);
  // Sent only to confirmed participants (a place, or a change to an evening they have a place in).
  for (const e of rows) addEvening(cal, t, base, cohort, e, total, "none", true);
  return { filename, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: cal.toString() };
}

/** A person's reminder choice for the personal feed; changing it changes the feed (and its Last-Modified). */
export function setCalendarAlarm(userId: number, alarm: CalendarAlarm) {
  if (!CALENDAR_ALARMS.includes(alarm)) throw new Error("unknown alarm");
  getDb().update(users).set({ calendarAlarm: alarm, updatedAt: new Date() }).where(eq(users.id, userId)).run();
}

/** The active partnership agreement review dates of a person (latest version of each live partnership). */
function reviewDatesFor(userId: number) {
  const db = getDb();
  const mine = db
    .select({ partnershipId: partnershipMembers.partnershipId, joinedAt: partnershipMembers.joinedAt })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .where(and(eq(partnershipMembers.userId, userId), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt)))
    .limit(20)
    .all();
  const result: { partnershipId: number; version: number; reviewDate: string; createdAt: Date }[] = [];
  for (const m of mine) {
    const latest = db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.partnershipId, m.partnershipId))
      .orderBy(desc(agreementVersions.version))
      .limit(1)
      .get();
    // A day that does not exist (saved before dates were checked) is left out, not a broken feed.
    if (latest?.reviewDate && isCalendarDate(latest.reviewDate)) {
      result.push({ partnershipId: m.partnershipId, version: latest.version, reviewDate: latest.reviewDate, createdAt: latest.createdAt });
    }
  }
  return result;
}

const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Raise when the personal feed's layout or wording changes, so subscribed calendars fetch it again even
 * though none of the data it is made from changed.
 */
const PERSONAL_FEED_FORMAT = 1;

/** What a personal feed is made from: a few small reads, without building the calendar. */
function personalFeedSources(userId: number) {
  const db = getDb();
  const user = db
    .select({ locale: users.locale, calendarAlarm: users.calendarAlarm, createdAt: users.createdAt, updatedAt: users.updatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return undefined;
  const regs = db
    .select({ cohortId: registrations.cohortId, status: registrations.status, updatedAt: registrations.updatedAt, confirmedAt: registrations.confirmedAt, createdAt: registrations.createdAt })
    .from(registrations)
    .where(eq(registrations.userId, userId))
    .limit(100)
    .all();
  const confirmedIds = regs.filter((r) => r.status === "confirmed").map((r) => r.cohortId);
  const cohortRows = confirmedIds.length
    ? db.select().from(cohorts).where(and(inArray(cohorts.id, confirmedIds), ne(cohorts.status, "draft"))).all()
    : [];
  const rows = eveningsOf(cohortRows.map((c) => c.id));
  const reviews = reviewDatesFor(userId);
  return { user, regs, cohortRows, rows, reviews };
}

type PersonalFeedSources = NonNullable<ReturnType<typeof personalFeedSources>>;
export type FeedVersion = { etag: string; lastModified: Date };

/**
 * The ETag and Last-Modified of a personal feed from its source rows alone, so a calendar app's conditional
 * request is answered without building the calendar. The whole rows go into the ETag: any change shows,
 * even one that forgot to touch updatedAt.
 */
function versionOf(src: PersonalFeedSources, base: string): FeedVersion {
  const facts = JSON.stringify([
    PERSONAL_FEED_FORMAT,
    base,
    src.user.locale,
    src.user.calendarAlarm,
    src.cohortRows,
    src.rows,
    src.reviews,
  ]);
  const lastModified = maxTime(
    src.user.createdAt,
    // Raised by a change of the reminder choice, which changes every event of the feed.
    src.user.updatedAt,
    ...src.regs.flatMap((r) => [r.createdAt, r.updatedAt, r.confirmedAt]),
    ...src.cohortRows.map((c) => c.updatedAt),
    ...src.rows.map((e) => e.updatedAt),
    ...src.reviews.map((r) => r.createdAt),
  );
  return { etag: `"${crypto.createHash("sha256").update(facts).digest("base64url").slice(0, 27)}"`, lastModified: wholeSeconds(lastModified) };
}

/** The version of a person's feed, or undefined for an unknown person. */
export function personalFeedVersion(userId: number, base: string): FeedVersion | undefined {
  const src = personalFeedSources(userId);
  return src && versionOf(src, base);
}

/** The personal feed of a user: confirmed cohorts' evenings plus agreement review dates. */
export async function personalFeed(userId: number, base: string): Promise<Feed | undefined> {
  const src = personalFeedSources(userId);
  if (!src) return undefined;
  const t = await getFixedT(src.user.locale);
  const byId = new Map(src.cohortRows.map((c) => [c.id, c]));
  const totals = new Map<number, number>();
  for (const e of src.rows) totals.set(e.cohortId, (totals.get(e.cohortId) ?? 0) + 1);
  const cal = newCalendar(t("calendar.feed.personalName"), t("calendar.feed.personalDescription"));
  for (const e of src.rows) addEvening(cal, t, base, byId.get(e.cohortId)!, e, totals.get(e.cohortId)!, src.user.calendarAlarm, true);
  for (const r of src.reviews) {
    const url = `${base}/partnerships/${r.partnershipId}/agreement`;
    cal.createEvent({
      id: reviewUid(r.partnershipId),
      sequence: r.version,
      allDay: true,
      start: r.reviewDate,
      end: nextDay(r.reviewDate),
      stamp: r.createdAt,
      lastModified: r.createdAt,
      summary: t("calendar.feed.reviewSummary"),
      description: t("calendar.feed.reviewDescription", { url }),
      url,
    });
  }
  return { body: cal.toString(), ...versionOf(src, base), filename: "knutepunkt.ics" };
}

// Personal feed tokens and subscribe links live in calendar-tokens.server.ts; callers import them from here.
export {
  cohortFeedLinks,
  feedTokenFor,
  getOrCreateFeedToken,
  personalFeedLinks,
  regenerateFeedToken,
  resolveFeedToken,
  subscribeLinks,
  type FeedLinks,
} from "./calendar-tokens.server";
import { personalFeedLinks, cohortFeedLinks } from "./calendar-tokens.server";

// ───────────────────────────── data for pages ─────────────────────────────

/** What the public cohort page needs for `CohortCalendarSubscribe` (undefined for an unknown/draft cohort). */
export function cohortCalendarSubscribeData(slug: string, base: string) {
  const cohort = publicCohort(slug);
  if (!cohort) return undefined;
  return cohortCalendarSubscribeFor(cohort, eveningsOf([cohort.id]), base);
}

/** The same from a cohort and its evenings the caller has read already (the public cohort page). */
export function cohortCalendarSubscribeFor(cohort: { slug: string; status: string }, evenings: { number: number }[], base: string) {
  if (cohort.status === "draft") return undefined;
  return {
    links: cohortFeedLinks(cohort.slug, base),
    evenings: [...evenings]
      .sort((a, b) => a.number - b.number)
      .map((e) => ({ number: e.number, href: `/cohorts/${encodeURIComponent(cohort.slug)}/evenings/${e.number}.ics` })),
  };
}

/** The evenings in the personal feed, for the /calendar page (soonest first, bounded). */
export function myCalendarEvenings(userId: number) {
  return getDb()
    .select({
      id: evenings.id,
      number: evenings.number,
      theme: evenings.theme,
      startsAt: evenings.startsAt,
      endsAt: evenings.endsAt,
      status: evenings.status,
      slug: cohorts.slug,
      cohortTitle: cohorts.title,
    })
    .from(evenings)
    .innerJoin(cohorts, eq(cohorts.id, evenings.cohortId))
    .innerJoin(registrations, and(eq(registrations.cohortId, cohorts.id), eq(registrations.userId, userId)))
    .where(and(eq(registrations.status, "confirmed"), ne(cohorts.status, "draft")))
    .orderBy(asc(evenings.startsAt))
    .limit(200)
    .all();
}
