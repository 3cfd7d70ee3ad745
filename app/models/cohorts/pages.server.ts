/** Cohorts and their evenings as the pages read them: one cohort with its programme, my cohorts, the dashboard. */
import { and, asc, desc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { encodedPlaceholder, preparedQuery } from "../../../db/prepared";
import {
  cohortOrganisers,
  cohorts,
  courseTemplates,
  eveningLearningGoals,
  eveningMaterials,
  evenings,
  learningGoals,
  registrations,
  sites,
  templateEvenings,
  users,
} from "../../../db/schema";

// The public cohort page reads these on every request (built once, see db/prepared.ts).
const cohortBySlug = preparedQuery((db) =>
  db
    .select()
    .from(cohorts)
    .where(eq(cohorts.slug, sql.placeholder("slug")))
    .prepare()
);
const cohortById = preparedQuery((db) =>
  db
    .select()
    .from(cohorts)
    .where(eq(cohorts.id, sql.placeholder("id")))
    .prepare()
);
const siteById = preparedQuery((db) =>
  db
    .select()
    .from(sites)
    .where(eq(sites.id, sql.placeholder("id")))
    .prepare()
);
const goalsOfTemplate = preparedQuery((db) =>
  db
    .select()
    .from(learningGoals)
    .where(eq(learningGoals.templateId, sql.placeholder("templateId")))
    .orderBy(asc(learningGoals.position))
    .prepare()
);
const eveningsOfCohort = preparedQuery((db) =>
  db
    .select()
    .from(evenings)
    .where(eq(evenings.cohortId, sql.placeholder("cohortId")))
    .orderBy(asc(evenings.number))
    .prepare()
);
const eveningIdsOfCohort = (db: ReturnType<typeof getDb>) =>
  db
    .select({ id: evenings.id })
    .from(evenings)
    .where(eq(evenings.cohortId, sql.placeholder("cohortId")));
const materialsOfCohort = preparedQuery((db) =>
  db
    .select()
    .from(eveningMaterials)
    .where(inArray(eveningMaterials.eveningId, eveningIdsOfCohort(db)))
    .orderBy(asc(eveningMaterials.position))
    .prepare()
);
const goalLinksOfCohort = preparedQuery((db) =>
  db
    .select()
    .from(eveningLearningGoals)
    .where(inArray(eveningLearningGoals.eveningId, eveningIdsOfCohort(db)))
    .prepare()
);

export function getCohortBySlug(slug: string) {
  return cohortBySlug().get({ slug });
}
export function listEvenings(cohortId: number) {
  return eveningsOfCohort().all({ cohortId });
}

/** The cohorts a person is registered in (any status but cancelled), newest first. */
export function listMyRegistrations(userId: number) {
  return getDb()
    .select({
      cohortId: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      status: registrations.status,
    })
    .from(registrations)
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    .where(and(eq(registrations.userId, userId), ne(registrations.status, "cancelled")))
    .orderBy(asc(cohorts.id))
    .limit(50)
    .all();
}

export function eveningsForCohorts(cohortIds: number[]) {
  if (cohortIds.length === 0) return [];
  return getDb().select().from(evenings).where(inArray(evenings.cohortId, cohortIds)).orderBy(asc(evenings.startsAt)).all();
}

export function listSites() {
  return getDb().select().from(sites).orderBy(asc(sites.name)).limit(200).all();
}

/** The course template (the first one) with its evening themes and learning goals. */
export function getTemplate() {
  const db = getDb();
  const template = db.select().from(courseTemplates).orderBy(asc(courseTemplates.id)).get();
  if (!template) return null;
  return {
    template,
    themes: db
      .select()
      .from(templateEvenings)
      .where(eq(templateEvenings.templateId, template.id))
      .orderBy(asc(templateEvenings.number))
      .all(),
    goals: db.select().from(learningGoals).where(eq(learningGoals.templateId, template.id)).orderBy(asc(learningGoals.position)).all(),
  };
}

/** Everything the public cohort page shows (except the person's own registration). */
/**
 * A cohort with its site, learning goals and evenings (with their materials and goals). Pass the cohort
 * row when the caller has read it already. `startsAt` is the first scheduled evening's start (as
 * registration.server's courseStartsAt).
 */
export function getCohortDetails(cohortOrId: number | typeof cohorts.$inferSelect) {
  const cohort = typeof cohortOrId === "number" ? cohortById().get({ id: cohortOrId }) : cohortOrId;
  if (!cohort) return null;
  const site = siteById().get({ id: cohort.siteId });
  const goals = goalsOfTemplate().all({ templateId: cohort.templateId });
  const eveningRows = listEvenings(cohort.id);
  const materials = eveningRows.length ? materialsOfCohort().all({ cohortId: cohort.id }) : [];
  const goalLinks = eveningRows.length ? goalLinksOfCohort().all({ cohortId: cohort.id }) : [];
  let startsAt: Date | null = null;
  for (const e of eveningRows) if (e.status === "scheduled" && (!startsAt || e.startsAt < startsAt)) startsAt = e.startsAt;
  return {
    cohort,
    site,
    goals,
    startsAt,
    evenings: eveningRows.map((e) => ({
      ...e,
      materials: materials.filter((m) => m.eveningId === e.id),
      goalIds: goalLinks.filter((g) => g.eveningId === e.id).map((g) => g.learningGoalId),
    })),
  };
}

/** Cohorts an organiser sees on /organiser: their own, or all for admins, with confirmed counts. */
export function listOrganisedCohorts(user: { id: number; isAdmin: boolean }, limit = 100) {
  const db = getDb();
  const base = db
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      status: cohorts.status,
      siteName: sites.name,
      confirmedGp: sql<number>`(select count(*) from registrations r where r.cohort_id = ${cohorts.id} and r.status = 'confirmed' and r.profession = 'gp')`,
      confirmedPhysio: sql<number>`(select count(*) from registrations r where r.cohort_id = ${cohorts.id} and r.status = 'confirmed' and r.profession = 'physio')`,
    })
    .from(cohorts)
    .innerJoin(sites, eq(sites.id, cohorts.siteId));
  const query = user.isAdmin
    ? base
    : base.where(
        inArray(cohorts.id, db.select({ id: cohortOrganisers.cohortId }).from(cohortOrganisers).where(eq(cohortOrganisers.userId, user.id)))
      );
  return query.orderBy(desc(cohorts.id)).limit(limit).all();
}

const activeRegistrationsOf = preparedQuery((db) =>
  db
    .select({
      cohortId: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      status: registrations.status,
      venue: cohorts.venue,
      latestEveningEndsAt: cohorts.latestEveningEndsAt,
    })
    .from(registrations)
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    // Courses only: network meetings have their own box (no partner to find, no course attendance).
    .where(
      and(eq(registrations.userId, sql.placeholder("userId")), inArray(registrations.status, ["confirmed", "waitlisted"]), eq(cohorts.kind, "course"))
    )
    .orderBy(asc(cohorts.id))
    .limit(50)
    .prepare()
);

/**
 * The cohorts I am confirmed or waitlisted in, by cohort id. The dashboard reads them once and hands
 * them to the models of its boxes (`getDashboard`, `myAttendanceSummary`, `partnerDashboard`).
 */
export function myActiveCohorts(userId: number) {
  return activeRegistrationsOf().all({ userId });
}
export type MyActiveCohort = ReturnType<typeof myActiveCohorts>[number];

/** The cohorts of `mine` still to finish: a finished course asks nothing more of its participants (no partner to find). */
export function notFinished<T extends { latestEveningEndsAt: Date | null }>(mine: T[], now = new Date()) {
  return mine.filter((c) => !c.latestEveningEndsAt || c.latestEveningEndsAt > now);
}

/** The confirmed ones of `myActiveCohorts` (at most 20, for the dashboard's attendance and partner boxes). */
export function confirmedOnly(mine: MyActiveCohort[]) {
  return mine.filter((c) => c.status === "confirmed").slice(0, 20);
}

// The scheduled evenings still to end in all my active cohorts, in one query.
const upcomingEveningsOf = preparedQuery((db) =>
  db
    .select({
      cohortId: evenings.cohortId,
      number: evenings.number,
      startsAt: evenings.startsAt,
      endsAt: evenings.endsAt,
      venue: evenings.venue,
      theme: evenings.theme,
      selfStudyTask: evenings.selfStudyTask,
    })
    .from(registrations)
    .innerJoin(evenings, eq(evenings.cohortId, registrations.cohortId))
    .where(
      and(
        eq(registrations.userId, sql.placeholder("userId")),
        inArray(registrations.status, ["confirmed", "waitlisted"]),
        eq(evenings.status, "scheduled"),
        gt(evenings.endsAt, encodedPlaceholder(evenings.endsAt, "now"))
      )
    )
    .orderBy(asc(evenings.startsAt), asc(evenings.number))
    .prepare()
);

/** The logged-in dashboard: my active registrations and the next scheduled evening of each. */
export function getDashboard(userId: number, now = new Date(), mine: MyActiveCohort[] = myActiveCohorts(userId)) {
  const upcoming = upcomingEveningsOf().all({ userId, now });
  const next = new Map<number, (typeof upcoming)[number]>();
  for (const e of upcoming) if (!next.has(e.cohortId)) next.set(e.cohortId, e);
  return mine.map((c) => ({ ...c, next: next.get(c.cohortId) ?? null }));
}

export function listCohortOrganisers(cohortId: number) {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(cohortOrganisers)
    .innerJoin(users, eq(users.id, cohortOrganisers.userId))
    .where(eq(cohortOrganisers.cohortId, cohortId))
    .orderBy(asc(users.name))
    .all();
}
