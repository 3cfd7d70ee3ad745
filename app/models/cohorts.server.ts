/** Cohorts and their evenings: reading them, and the organiser's creating and editing (audited). */
import { and, asc, desc, eq, gt, inArray, ne, sql, type SQL } from "drizzle-orm";
import { getDb } from "../../db/client";
import { encodedPlaceholder, preparedQuery } from "../../db/prepared";
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
  COHORT_STATUSES,
} from "../../db/schema";
import { appUrl } from "../utils/env.server";
import { pageWindow } from "../utils/pagination";
import { formatDate, formatEveningTime, osloDateTimeToInstant } from "../utils/time";
import { writeAudit } from "./audit.server";
import { queueEmail } from "./notifications.server";
import { fillAllFromWaitlist, loadTranslators } from "./registration.server";

// The public cohort page reads these on every request (built once, see db/prepared.ts).
const cohortBySlug = preparedQuery((db) =>
  db
    .select()
    .from(cohorts)
    .where(eq(cohorts.slug, sql.placeholder("slug")))
    .prepare(),
);
const cohortById = preparedQuery((db) =>
  db
    .select()
    .from(cohorts)
    .where(eq(cohorts.id, sql.placeholder("id")))
    .prepare(),
);
const siteById = preparedQuery((db) =>
  db
    .select()
    .from(sites)
    .where(eq(sites.id, sql.placeholder("id")))
    .prepare(),
);
const goalsOfTemplate = preparedQuery((db) =>
  db
    .select()
    .from(learningGoals)
    .where(eq(learningGoals.templateId, sql.placeholder("templateId")))
    .orderBy(asc(learningGoals.position))
    .prepare(),
);
const eveningsOfCohort = preparedQuery((db) =>
  db
    .select()
    .from(evenings)
    .where(eq(evenings.cohortId, sql.placeholder("cohortId")))
    .orderBy(asc(evenings.number))
    .prepare(),
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
    .prepare(),
);
const goalLinksOfCohort = preparedQuery((db) =>
  db
    .select()
    .from(eveningLearningGoals)
    .where(inArray(eveningLearningGoals.eveningId, eveningIdsOfCohort(db)))
    .prepare(),
);

export function getCohortBySlug(slug: string) {
  return cohortBySlug().get({ slug });
}

// ───────────────────────────── open courses (front page and /courses) ─────────────────────────────

/** How many open courses the front page shows; the rest are on /courses. */
export const FRONT_PAGE_COURSES = 6;
/** The dashboard shows fewer: a participant's own courses come first there, the catalogue is one tap away. */
export const DASHBOARD_COURSES = 3;
/** Open courses per page on /courses. */
export const COURSES_PAGE_SIZE = 20;

/**
 * "Open": published, and registration not over (open now, or opening later). A cohort whose sign-up is
 * over is not listed: the reader cannot sign up for it. `site` (a site's slug,
 * or null for every site) narrows it to one place.
 */
const openCohortWhere = () =>
  and(
    eq(cohorts.status, "published"),
    sql`(${cohorts.registrationClosesAt} is null or ${cohorts.registrationClosesAt} > ${encodedPlaceholder(cohorts.registrationClosesAt, "now")})`,
    sql`(${sql.placeholder("site")} is null or ${sites.slug} = ${sql.placeholder("site")})`,
  );

/** The start of a cohort's first scheduled evening (as registration.server's courseStartsAt); null without evenings. */
const firstEveningStartsAt = (
  sql`(select min(${evenings.startsAt}) from ${evenings} where ${evenings.cohortId} = ${cohorts.id} and ${evenings.status} = 'scheduled')`.mapWith(
    evenings.startsAt,
  ) as SQL<Date | null>
).as("first_evening_starts_at");

/*
 * Soonest first: by the first scheduled evening. On the same start, one whose registration is open now
 * comes before one that opens later (the reader can sign up today), and then by id, so the order is
 * stable across pages. A course that has already started (registration left open, no closing date)
 * comes after every course still to start, and one without evenings goes last: neither is "soonest".
 *
 * Each row also carries `total`, how many open cohorts there are in all (a window count over the inner
 * query: the front page needs no second query for its "see all" link). The window function also keeps
 * SQLite from flattening the inner query into the outer one, which would read each first evening again
 * for every sort key that names it.
 *
 * Indexes: cohorts is small (about 30 a year in all of Norway, 300 over ten years) and has no useful
 * index for an order computed from its evenings, so SQLite reads it whole, keeps the open ones, and sorts
 * those few in a temporary b-tree; each first evening is a SEARCH of evenings_cohort_number
 * (cohort_id = ?), five rows. A start date kept on cohorts would need a migration and keeping it in step
 * with every evening edit, for no measurable gain (see tests/integration/query-plans.test.ts).
 */
const openCohortsPage = preparedQuery((db) => {
  const open = db
    .select({
      id: cohorts.id,
      slug: cohorts.slug,
      title: cohorts.title,
      siteName: sites.name,
      registrationOpensAt: cohorts.registrationOpensAt,
      startsAt: firstEveningStartsAt,
      total: sql<number>`count(*) over ()`.as("total"),
    })
    .from(cohorts)
    .innerJoin(sites, eq(sites.id, cohorts.siteId))
    .where(openCohortWhere())
    .as("open_cohorts");
  return db
    .select()
    .from(open)
    .orderBy(
      sql`${open.startsAt} is null`,
      sql`coalesce(${open.startsAt} <= ${encodedPlaceholder(evenings.startsAt, "now")}, 0)`,
      asc(open.startsAt),
      sql`coalesce(${open.registrationOpensAt} > ${encodedPlaceholder(cohorts.registrationOpensAt, "now")}, 0)`,
      asc(open.id),
    )
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare();
});

const openCohortsCount = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(cohorts)
    .innerJoin(sites, eq(sites.id, cohorts.siteId))
    .where(openCohortWhere())
    .prepare(),
);

/** The places (sites) that have open courses, with how many, for the filter on /courses. */
const sitesWithOpenCohorts = preparedQuery((db) =>
  db
    .select({ slug: sites.slug, name: sites.name, count: sql<number>`count(*)` })
    .from(cohorts)
    .innerJoin(sites, eq(sites.id, cohorts.siteId))
    .where(openCohortWhere())
    .groupBy(sites.id)
    .orderBy(asc(sites.name))
    .limit(200)
    .prepare(),
);

export type OpenCohort = ReturnType<ReturnType<typeof openCohortsPage>["all"]>[number];

/**
 * "Courses you can sign up for" on the front page and the dashboard: the `limit` soonest open cohorts
 * (see `openCohortsPage` for the order) and how many there are in all, in one query.
 */
export function listPublishedCohorts(limit = FRONT_PAGE_COURSES, now = new Date()) {
  const rows = openCohortsPage().all({ now, site: null, limit, offset: 0 });
  return { rows, total: rows[0]?.total ?? 0 };
}

/**
 * One page of the open cohorts for /courses, soonest first, optionally at one site (by slug). A missing
 * or out-of-range `page` gives the nearest real page.
 */
export function openCohortsPageOf(query: { page?: number; site?: string | null }, now = new Date(), size = COURSES_PAGE_SIZE) {
  const site = query.site || null;
  const total = openCohortsCount().get({ now, site })?.n ?? 0;
  const { page, pages, limit, offset } = pageWindow(total, query.page, size);
  const rows = total === 0 ? [] : openCohortsPage().all({ now, site, limit, offset });
  return { rows, total, page, pages };
}

/**
 * What a course card shows, with the dates written out in the reader's language: the first evening,
 * and when registration opens if that is still to come.
 */
export function courseCards(rows: OpenCohort[], locale: string, now = new Date()) {
  return rows.map((c) => ({
    id: c.id,
    slug: c.slug,
    title: c.title,
    siteName: c.siteName,
    startsOn: c.startsAt ? formatDate(c.startsAt, locale) : null,
    opensOn: c.registrationOpensAt && c.registrationOpensAt > now ? formatDate(c.registrationOpensAt, locale) : null,
  }));
}

/** The sites with open cohorts (name order) and how many each has. */
export function listSitesWithOpenCohorts(now = new Date()) {
  return sitesWithOpenCohorts().all({ now, site: null });
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
  return getDb()
    .select()
    .from(evenings)
    .where(inArray(evenings.cohortId, cohortIds))
    .orderBy(asc(evenings.startsAt))
    .all();
}

// ───────────────────────────── reading for pages ─────────────────────────────

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
    themes: db.select().from(templateEvenings).where(eq(templateEvenings.templateId, template.id)).orderBy(asc(templateEvenings.number)).all(),
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
    : base.where(inArray(cohorts.id, db.select({ id: cohortOrganisers.cohortId }).from(cohortOrganisers).where(eq(cohortOrganisers.userId, user.id))));
  return query.orderBy(desc(cohorts.id)).limit(limit).all();
}

const activeRegistrationsOf = preparedQuery((db) =>
  db
    .select({ cohortId: cohorts.id, slug: cohorts.slug, title: cohorts.title, status: registrations.status, venue: cohorts.venue })
    .from(registrations)
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    .where(and(eq(registrations.userId, sql.placeholder("userId")), inArray(registrations.status, ["confirmed", "waitlisted"])))
    .orderBy(asc(cohorts.id))
    .limit(50)
    .prepare(),
);

/**
 * The cohorts I am confirmed or waitlisted in, by cohort id. The dashboard reads them once and hands
 * them to the models of its boxes (`getDashboard`, `myAttendanceSummary`, `partnerDashboard`).
 */
export function myActiveCohorts(userId: number) {
  return activeRegistrationsOf().all({ userId });
}
export type MyActiveCohort = ReturnType<typeof myActiveCohorts>[number];

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
        gt(evenings.endsAt, encodedPlaceholder(evenings.endsAt, "now")),
      ),
    )
    .orderBy(asc(evenings.startsAt), asc(evenings.number))
    .prepare(),
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

// ───────────────────────────── organiser: create and edit ─────────────────────────────

export class CohortError extends Error {
  constructor(public field: string, public messageKey: string) {
    super(messageKey);
    this.name = "CohortError";
  }
}

export type CohortInput = {
  title: string;
  slug: string;
  siteId: number;
  venue: string;
  description: string;
  /** Oslo dates, "2027-01-21"; the window opens at 00:00 and closes at 23:59 Oslo time. */
  opensOn?: string | null;
  closesOn?: string | null;
  capacityGp: number;
  capacityPhysio: number;
  capacityOther: number;
  status?: (typeof COHORT_STATUSES)[number];
};

function windowInstants(input: Pick<CohortInput, "opensOn" | "closesOn">) {
  const opens = input.opensOn ? osloDateTimeToInstant(input.opensOn, "00:00") : null;
  const closes = input.closesOn ? osloDateTimeToInstant(input.closesOn, "23:59") : null;
  if (opens && closes && closes <= opens) throw new CohortError("closesOn", "registration.errors.closesBeforeOpens");
  return { registrationOpensAt: opens, registrationClosesAt: closes };
}

/**
 * Creates a cohort from the course template: the template's evenings (themes) at 17:00–20:00 Oslo time
 * on the dates given, the creator as organiser, and an audit entry.
 */
export function createCohortFromTemplate(input: CohortInput & { eveningDates: string[] }, actorUserId: number) {
  const db = getDb();
  const tpl = getTemplate();
  if (!tpl) throw new Error("No course template");
  const window = windowInstants(input);
  return db.transaction(
    (tx) => {
      if (tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.slug, input.slug)).get()) {
        throw new CohortError("slug", "registration.errors.slugTaken");
      }
      const cohort = tx
        .insert(cohorts)
        .values({
          templateId: tpl.template.id,
          siteId: input.siteId,
          slug: input.slug,
          title: input.title,
          description: input.description,
          venue: input.venue,
          capacityGp: input.capacityGp,
          capacityPhysio: input.capacityPhysio,
          capacityOther: input.capacityOther,
          status: input.status ?? "published",
          ...window,
        })
        .returning()
        .get();
      const ends = input.eveningDates.map((date) => osloDateTimeToInstant(date, "20:00").getTime());
      if (ends.length) tx.update(cohorts).set({ latestEveningEndsAt: new Date(Math.max(...ends)) }).where(eq(cohorts.id, cohort.id)).run();
      input.eveningDates.forEach((date, i) => {
        tx.insert(evenings)
          .values({
            cohortId: cohort.id,
            number: i + 1,
            startsAt: osloDateTimeToInstant(date, "17:00"),
            endsAt: osloDateTimeToInstant(date, "20:00"),
            venue: input.venue,
            theme: tpl.themes[i]?.theme ?? `${i + 1}`,
          })
          .run();
      });
      tx.insert(cohortOrganisers).values({ cohortId: cohort.id, userId: actorUserId }).onConflictDoNothing().run();
      writeAudit(tx, { actorUserId, cohortId: cohort.id, action: "cohort.created", entityType: "cohort", entityId: cohort.id, details: { slug: cohort.slug } });
      return cohort;
    },
    { behavior: "immediate" },
  );
}

export async function updateCohort(cohortId: number, input: CohortInput, actorUserId: number) {
  const db = getDb();
  const window = windowInstants(input);
  const before = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!before) throw new CohortError("", "registration.errors.cohortNotFound");
  db.transaction(
    (tx) => {
      const clash = tx.select({ id: cohorts.id }).from(cohorts).where(and(eq(cohorts.slug, input.slug), ne(cohorts.id, cohortId))).get();
      if (clash) throw new CohortError("slug", "registration.errors.slugTaken");
      const { opensOn: _opens, closesOn: _closes, ...fields } = input;
      tx.update(cohorts)
        .set({ ...fields, ...window, status: input.status ?? before.status, updatedAt: new Date() })
        .where(eq(cohorts.id, cohortId))
        .run();
      writeAudit(tx, { actorUserId, cohortId, action: "cohort.updated", entityType: "cohort", entityId: cohortId, details: { ...input } });
    },
    { behavior: "immediate" },
  );
  // More places than before: the waiting list gets them, in order.
  await fillAllFromWaitlist(cohortId, actorUserId);
  return db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get()!;
}

export type EveningInput = {
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  theme: string;
  content: string;
  selfStudyTask: string;
  materials: { title: string; url: string }[];
  learningGoalIds: number[];
  changeNote?: string | null;
};

async function notifyConfirmed(
  cohortId: number,
  kind: "eveningChanged" | "eveningCancelled",
  evening: typeof evenings.$inferSelect,
  extra: { note?: string; reason?: string },
) {
  const tr = await loadTranslators();
  const db = getDb();
  const cohort = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get()!;
  const people = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.status, "confirmed")))
    .all();
  for (const p of people) {
    const lng = p.locale === "en" ? "en" : "nb";
    const t = tr[lng];
    const vars = {
      name: p.name,
      title: cohort.title,
      n: evening.number,
      theme: evening.theme,
      when: formatEveningTime(evening.startsAt, evening.endsAt, lng),
      venue: evening.venue || cohort.venue,
      note: extra.note ?? "",
      reason: extra.reason ?? "",
      link: `${appUrl()}/cohorts/${cohort.slug}`,
    };
    queueEmail(
      {
        to: p.email,
        userId: p.id,
        kind: kind === "eveningChanged" ? "evening-changed" : "evening-cancelled",
        subject: t(`registration.email.${kind}.subject`, vars),
        text: `${t(`registration.email.${kind}.body`, vars)}\n\n${t("email.signature")}`,
        dedupeKey: `${kind}:${evening.id}:${evening.revision}:${p.id}`,
      },
      lng,
    );
  }
  return people.length;
}

/** Edits an evening: bumps its revision, audits, and tells confirmed participants when time or place changed. */
export async function updateEvening(eveningId: number, input: EveningInput, actorUserId: number) {
  const db = getDb();
  const startsAt = osloDateTimeToInstant(input.date, input.startTime);
  const endsAt = osloDateTimeToInstant(input.date, input.endTime);
  if (endsAt <= startsAt) throw new CohortError("endTime", "registration.errors.endBeforeStart");
  const before = db.select().from(evenings).where(eq(evenings.id, eveningId)).get();
  if (!before) throw new CohortError("", "registration.errors.cohortNotFound");
  const moved = before.startsAt.getTime() !== startsAt.getTime() || before.endsAt.getTime() !== endsAt.getTime() || before.venue !== input.venue;
  const after = db.transaction(
    (tx) => {
      const row = tx
        .update(evenings)
        .set({
          startsAt,
          endsAt,
          venue: input.venue,
          theme: input.theme,
          content: input.content,
          selfStudyTask: input.selfStudyTask,
          changeNote: input.changeNote?.trim() || before.changeNote,
          revision: sql`${evenings.revision} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(evenings.id, eveningId))
        .returning()
        .get();
      // Retention counts from the latest end the cohort's evenings ever had (privacy.server.ts): never lowered.
      const latest = Math.max(before.endsAt.getTime(), endsAt.getTime());
      tx.update(cohorts)
        .set({ latestEveningEndsAt: sql`max(coalesce(${cohorts.latestEveningEndsAt}, 0), ${latest})` })
        .where(eq(cohorts.id, before.cohortId))
        .run();
      tx.delete(eveningMaterials).where(eq(eveningMaterials.eveningId, eveningId)).run();
      input.materials.forEach((m, i) => tx.insert(eveningMaterials).values({ eveningId, position: i, title: m.title, url: m.url }).run());
      tx.delete(eveningLearningGoals).where(eq(eveningLearningGoals.eveningId, eveningId)).run();
      for (const goalId of input.learningGoalIds) tx.insert(eveningLearningGoals).values({ eveningId, learningGoalId: goalId }).onConflictDoNothing().run();
      writeAudit(tx, {
        actorUserId,
        cohortId: before.cohortId,
        action: moved ? "evening.rescheduled" : "evening.updated",
        entityType: "evening",
        entityId: eveningId,
        details: { number: before.number, from: { startsAt: before.startsAt, venue: before.venue }, to: { startsAt, venue: input.venue }, revision: row.revision },
      });
      return row;
    },
    { behavior: "immediate" },
  );
  if (moved && after.status === "scheduled") await notifyConfirmed(before.cohortId, "eveningChanged", after, { note: input.changeNote ?? "" });
  return after;
}

/** Cancels (or reinstates) an evening with a reason shown to participants; confirmed participants get an e-mail. */
export async function setEveningCancelled(eveningId: number, cancelled: boolean, reason: string | null, actorUserId: number) {
  const db = getDb();
  const before = db.select().from(evenings).where(eq(evenings.id, eveningId)).get();
  if (!before) throw new CohortError("", "registration.errors.cohortNotFound");
  const row = db.transaction(
    (tx) => {
      const r = tx
        .update(evenings)
        .set({ status: cancelled ? "cancelled" : "scheduled", cancelReason: cancelled ? reason : null, revision: sql`${evenings.revision} + 1`, updatedAt: new Date() })
        .where(eq(evenings.id, eveningId))
        .returning()
        .get();
      writeAudit(tx, {
        actorUserId,
        cohortId: before.cohortId,
        action: cancelled ? "evening.cancelled" : "evening.reinstated",
        entityType: "evening",
        entityId: eveningId,
        details: { number: before.number, reason, revision: r.revision },
      });
      return r;
    },
    { behavior: "immediate" },
  );
  if (cancelled) await notifyConfirmed(before.cohortId, "eveningCancelled", row, { reason: reason ?? "" });
  else await notifyConfirmed(before.cohortId, "eveningChanged", row, {});
  return row;
}

export function addOrganiser(cohortId: number, email: string, actorUserId: number) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user) throw new CohortError("email", "registration.errors.userUnknown");
  db.transaction(
    (tx) => {
      tx.insert(cohortOrganisers).values({ cohortId, userId: user.id }).onConflictDoNothing().run();
      writeAudit(tx, { actorUserId, cohortId, action: "organiser.added", entityType: "user", entityId: user.id });
    },
    { behavior: "immediate" },
  );
  return user;
}

export function removeOrganiser(cohortId: number, userId: number, actorUserId: number) {
  getDb().transaction(
    (tx) => {
      const count = tx.select({ n: sql<number>`count(*)` }).from(cohortOrganisers).where(eq(cohortOrganisers.cohortId, cohortId)).get()?.n ?? 0;
      if (count <= 1) throw new CohortError("", "registration.errors.lastOrganiser");
      tx.delete(cohortOrganisers).where(and(eq(cohortOrganisers.cohortId, cohortId), eq(cohortOrganisers.userId, userId))).run();
      writeAudit(tx, { actorUserId, cohortId, action: "organiser.removed", entityType: "user", entityId: userId });
    },
    { behavior: "immediate" },
  );
}
