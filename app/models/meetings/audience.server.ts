/**
 * Who may sign up for a network meeting (docs/decisions/016). Network membership stays course-based:
 * a confirmed place in a course of a site makes one a member of that site's network.
 */
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { cohortAudienceSites, cohorts, registrations, type MeetingAudience } from "../../../db/schema";

type Reader = Pick<Db, "select" | "selectDistinct">;

/** The sites where the person has (had) a confirmed place in a course: the networks they belong to. */
export function memberSiteIds(userId: number, db: Reader = getDb()): number[] {
  return db
    .selectDistinct({ siteId: cohorts.siteId })
    .from(registrations)
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    .where(and(eq(registrations.userId, userId), eq(registrations.status, "confirmed"), eq(cohorts.kind, "course")))
    .all()
    .map((r) => r.siteId);
}

export function audienceSiteIdsOf(cohortIds: number[], db: Reader): Map<number, number[]> {
  const out = new Map<number, number[]>();
  if (!cohortIds.length) return out;
  for (const r of db.select().from(cohortAudienceSites).where(inArray(cohortAudienceSites.cohortId, cohortIds)).all())
    out.set(r.cohortId, [...(out.get(r.cohortId) ?? []), r.siteId]);
  return out;
}

type AudienceCohort = { id: number; siteId: number; audience: MeetingAudience };

/** Whether someone who is a member at `memberSites` belongs to the meeting's audience. */
export function inAudience(cohort: AudienceCohort, memberSites: number[], audienceSites: number[]) {
  if (!memberSites.length) return false;
  if (cohort.audience === "network") return true;
  if (cohort.audience === "site") return memberSites.includes(cohort.siteId);
  return audienceSites.some((s) => memberSites.includes(s));
}

/**
 * Whether the person may sign up for the meeting: a network member (a confirmed place in a course) of
 * the meeting's site, of one of its chosen sites, or of any site when it is for the whole network.
 * Inside the sign-up transaction, pass its handle.
 */
export function isInMeetingAudience(cohort: AudienceCohort, userId: number, db: Reader = getDb()) {
  return inAudience(cohort, memberSiteIds(userId, db), audienceSiteIdsOf([cohort.id], db).get(cohort.id) ?? []);
}

