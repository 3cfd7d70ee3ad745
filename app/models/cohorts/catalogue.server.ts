/** Open courses for the front page, the dashboard and /courses: published cohorts still taking sign-ups. */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { encodedPlaceholder, preparedQuery } from "../../../db/prepared";
import { cohorts, evenings, registrations, sites } from "../../../db/schema";
import { pageWindow } from "../../utils/pagination";
import { formatDate } from "../../utils/time";

/** How many open courses the front page shows; the rest are on /courses. */
export const FRONT_PAGE_COURSES = 6;
/** The dashboard shows fewer: a participant's own courses come first there, the catalogue is one tap away. */
export const DASHBOARD_COURSES = 3;
/** Open courses per page on /courses. */
export const COURSES_PAGE_SIZE = 20;

/**
 * "Open": published, and registration not over (open now, or opening later). Sign-up is over at the
 * closing date, and at the latest when the first scheduled evening starts (the second, with late
 * registration: registration.server's signUpClosesAt), and a finished course is never open. A cohort
 * whose sign-up is over is not listed: the reader cannot sign up for it. `site` (a site's slug,
 * or null for every site) narrows it to one place.
 */
const signUpEveningStartsAt = sql`(case when ${cohorts.registrationUntilEvening} >= 2
  then (select e.starts_at from ${evenings} e where e.cohort_id = ${cohorts.id} and e.status = 'scheduled' order by e.starts_at limit 1 offset 1)
  else (select min(e.starts_at) from ${evenings} e where e.cohort_id = ${cohorts.id} and e.status = 'scheduled') end)`;
const openCohortWhere = () =>
  and(
    // Network meetings are listed on the network page and the dashboard, not among the courses.
    eq(cohorts.kind, "course"),
    eq(cohorts.status, "published"),
    sql`(${cohorts.registrationClosesAt} is null or ${cohorts.registrationClosesAt} > ${encodedPlaceholder(
      cohorts.registrationClosesAt,
      "now"
    )})`,
    sql`(${cohorts.latestEveningEndsAt} is null or ${cohorts.latestEveningEndsAt} > ${encodedPlaceholder(cohorts.latestEveningEndsAt, "now")})`,
    sql`coalesce(${signUpEveningStartsAt} > ${encodedPlaceholder(evenings.startsAt, "now")}, 1)`,
    sql`(${sql.placeholder("site")} is null or ${sites.slug} = ${sql.placeholder("site")})`,
    // On a dashboard, not the courses the reader is already in (their own list shows those).
    sql`(${sql.placeholder("user")} is null or not exists (select 1 from ${registrations} where ${registrations.cohortId} = ${cohorts.id} and ${registrations.userId} = ${sql.placeholder("user")} and ${registrations.status} in ('confirmed', 'waitlisted')))`
  );

/** The start of a cohort's first scheduled evening (as registration.server's courseStartsAt); null without evenings. */
const firstEveningStartsAt = (
  sql`(select min(${evenings.startsAt}) from ${evenings} where ${evenings.cohortId} = ${cohorts.id} and ${evenings.status} = 'scheduled')`.mapWith(
    evenings.startsAt
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
      asc(open.id)
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
    .prepare()
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
    .prepare()
);

export type OpenCohort = ReturnType<ReturnType<typeof openCohortsPage>["all"]>[number];

/**
 * "Courses you can sign up for" on the front page and the dashboard: the `limit` soonest open cohorts
 * (see `openCohortsPage` for the order) and how many there are in all, in one query. With `userId`, the
 * ones that person is confirmed or waitlisted in are left out.
 */
export function listPublishedCohorts(limit = FRONT_PAGE_COURSES, now = new Date(), userId: number | null = null) {
  const rows = openCohortsPage().all({ now, site: null, user: userId, limit, offset: 0 });
  return { rows, total: rows[0]?.total ?? 0 };
}

/**
 * One page of the open cohorts for /courses, soonest first, optionally at one site (by slug). A missing
 * or out-of-range `page` gives the nearest real page.
 */
export function openCohortsPageOf(query: { page?: number; site?: string | null }, now = new Date(), size = COURSES_PAGE_SIZE) {
  const site = query.site || null;
  const total = openCohortsCount().get({ now, site, user: null })?.n ?? 0;
  const { page, pages, limit, offset } = pageWindow(total, query.page, size);
  const rows = total === 0 ? [] : openCohortsPage().all({ now, site, user: null, limit, offset });
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
  return sitesWithOpenCohorts().all({ now, site: null, user: null });
}
