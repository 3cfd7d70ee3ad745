/**
 * Network meetings (fagdag / nettverksmøte): a cohort of kind "meeting" with one session
 * (docs/decisions/016). Creating one reuses the cohort creation; signing up reuses the cohort sign-up,
 * with the audience check below; calendar, attendance, credits and certificates are the cohort's.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { cohortOrganisers, cohorts, evenings, registrations, sites, type MeetingAudience } from "../../../db/schema";
import { suggestSlug } from "../../utils/slug";
import { formatEveningTime } from "../../utils/time";
import type { MeetingListItem } from "../../types/meetings";
import { CohortError, createCohortFromTemplate, isSlugAvailable } from "../cohorts/admin.server";
import { audienceSiteIdsOf, inAudience, memberSiteIds } from "./audience.server";

export type MeetingInput = {
  title: string;
  siteId: number;
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  meetingUrl: string | null;
  programme: string;
  description: string;
  capacityGp: number;
  capacityPhysio: number;
  capacityOther: number;
  audience: MeetingAudience;
  audienceSiteIds: number[];
};

/** The sites where the person may create a meeting: where they organise a cohort (every site for admins). */
export function meetingSitesFor(user: { id: number; isAdmin: boolean }) {
  const db = getDb();
  const all = db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name)).limit(200).all();
  if (user.isAdmin) return all;
  const mine = new Set(
    db
      .selectDistinct({ siteId: cohorts.siteId })
      .from(cohortOrganisers)
      .innerJoin(cohorts, eq(cohorts.id, cohortOrganisers.cohortId))
      .where(eq(cohortOrganisers.userId, user.id))
      .all()
      .map((r) => r.siteId)
  );
  return all.filter((s) => mine.has(s.id));
}

/** A free address from the title and date: "fagdag-kne-2027-03-04", then "-2", "-3" … when taken. */
function meetingSlug(title: string, date: string) {
  const base = `${suggestSlug(title).slice(0, 60).replace(/-+$/, "") || "fagdag"}-${date}`;
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (isSlugAvailable(slug)) return slug;
  }
  return `${base}-${Date.now()}`;
}

/**
 * Creates a meeting as a draft with the creator as its organiser, through the cohort creation (one
 * session on `date`). Throws CohortError for a field the organiser must correct.
 */
export function createMeeting(input: MeetingInput, actor: { id: number; isAdmin: boolean }, now = new Date()) {
  if (!meetingSitesFor(actor).some((s) => s.id === input.siteId)) throw new CohortError("siteId", "meetings.errors.siteNotAllowed");
  if (!input.venue.trim() && !input.meetingUrl) throw new CohortError("venue", "meetings.errors.venueOrUrl");
  if (input.audience === "sites" && !input.audienceSiteIds.length) throw new CohortError("audienceSiteIds", "meetings.errors.chooseSites");
  return createCohortFromTemplate(
    {
      title: input.title,
      slug: meetingSlug(input.title, input.date),
      siteId: input.siteId,
      venue: input.venue.trim(),
      description: input.description,
      capacityGp: input.capacityGp,
      capacityPhysio: input.capacityPhysio,
      capacityOther: input.capacityOther,
      eveningDates: [input.date],
      meeting: {
        startTime: input.startTime,
        endTime: input.endTime,
        theme: input.title,
        content: input.programme,
        meetingUrl: input.meetingUrl,
        audience: input.audience,
        audienceSiteIds: input.audience === "sites" ? input.audienceSiteIds : [],
      },
    },
    actor.id,
    now
  );
}

export type UpcomingMeeting = Omit<MeetingListItem, "when"> & { startsAt: Date; endsAt: Date };

/** How many upcoming meetings are read before the audience filter: a few per site a year in all. */
const UPCOMING_READ_LIMIT = 200;

/**
 * The published meetings still to end whose audience includes the person (or that they signed up
 * for), soonest first, at most `limit`. `municipality` keeps those whose venue names it (video-only
 * meetings are for every municipality); compared in JS for the Norwegian letters.
 */
export function upcomingMeetingsFor(userId: number, options: { municipality?: string; limit?: number } = {}, now = new Date()): UpcomingMeeting[] {
  const db = getDb();
  const memberSites = memberSiteIds(userId, db);
  const rows = db
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      siteId: cohorts.siteId,
      audience: cohorts.audience,
      siteName: sites.name,
      cohortVenue: cohorts.venue,
      meetingUrl: cohorts.meetingUrl,
      venue: evenings.venue,
      startsAt: evenings.startsAt,
      endsAt: evenings.endsAt,
      myStatus: registrations.status,
    })
    .from(cohorts)
    .innerJoin(evenings, and(eq(evenings.cohortId, cohorts.id), eq(evenings.status, "scheduled")))
    .innerJoin(sites, eq(sites.id, cohorts.siteId))
    .leftJoin(registrations, and(eq(registrations.cohortId, cohorts.id), eq(registrations.userId, userId)))
    .where(and(eq(cohorts.kind, "meeting"), eq(cohorts.status, "published"), gt(evenings.endsAt, now)))
    .orderBy(asc(evenings.startsAt), asc(cohorts.id))
    .limit(UPCOMING_READ_LIMIT)
    .all();
  const audienceSites = audienceSiteIdsOf(
    rows.filter((r) => r.audience === "sites").map((r) => r.id),
    db
  );
  const wanted = options.municipality?.trim().toLocaleLowerCase("nb");
  const active = (s: string | null) => s === "confirmed" || s === "waitlisted";
  return rows
    .filter((r) => active(r.myStatus) || inAudience(r, memberSites, audienceSites.get(r.id) ?? []))
    .map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      siteName: r.siteName,
      venue: r.venue || r.cohortVenue,
      online: !!r.meetingUrl,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      myStatus: active(r.myStatus) ? r.myStatus : null,
    }))
    .filter((m) => !wanted || !m.venue || m.venue.toLocaleLowerCase("nb").includes(wanted))
    .slice(0, options.limit ?? 20);
}

/** The upcoming meetings as the lists show them, with the time written out in the reader's language. */
export function meetingListItems(meetings: UpcomingMeeting[], locale: string): MeetingListItem[] {
  return meetings.map(({ startsAt, endsAt, ...m }) => ({ ...m, when: formatEveningTime(startsAt, endsAt, locale) }));
}
