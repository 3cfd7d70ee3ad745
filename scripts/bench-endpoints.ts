/**
 * The key pages, each with how to build its request from the database and who is logged in. The
 * benchmark measures each page's requests/s against the log-in page's for information (not a budget);
 * scripts/js-sizes.ts uses the route ids. URLs point at the bench fixtures (db/seed-national.ts
 * BENCH_FIXTURES).
 */
import type Database from "better-sqlite3";
import { BENCH_FIXTURES } from "../db/seed-national";
import { feedTokenFor } from "../app/models/calendar.server";

export type BenchKind = "reference" | "page" | "feed" | "verify";

export type BenchRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
};

export type BenchContext = {
  db: Database.Database;
  /** Which database the server runs on. */
  scale: string;
  /** The SESSION_SECRET passed to the server. */
  secret: string;
  /** Cookie header of a session created directly in the database for the user with this e-mail. */
  cookieFor(email: string): string;
};

export type BenchEndpoint = {
  name: string;
  description: string;
  kind: BenchKind;
  /** Route id of the page (manifest key), for scripts/js-sizes.ts; omit for non-pages. */
  routeId?: string;
  /** A participant page (the phone scenario's JavaScript budget applies). */
  participantPage?: boolean;
  build(ctx: BenchContext): BenchRequest;
};

const one = <T>(db: Database.Database, sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T | undefined;

function cohortId(db: Database.Database, slug: string) {
  const row = one<{ id: number }>(db, "select id from cohorts where slug = ?", slug);
  if (!row) throw new Error(`bench: cohort ${slug} not found (seed with npm run db:seed -- --scale ...)`);
  return row.id;
}

function userId(db: Database.Database, email: string) {
  const row = one<{ id: number }>(db, "select id from users where email = ?", email);
  if (!row) throw new Error(`bench: user ${email} not found`);
  return row.id;
}

/** The municipality with most opted-in directory members: the heaviest realistic network search. */
function busiestMunicipality(db: Database.Database) {
  return (
    one<{ municipality: string }>(
      db,
      "select municipality from users where directory_opt_in = 1 and municipality = 'Trondheim' limit 1",
    )?.municipality ?? "Trondheim"
  );
}

/** The results page of bench-stor-2026's large final survey. */
function largeSurveyResultsPath(ctx: BenchContext) {
  const survey = one<{ id: number }>(
    ctx.db,
    "select id from surveys where cohort_id = ? and title = ? order by id limit 1",
    cohortId(ctx.db, BENCH_FIXTURES.largeCohortSlug),
    BENCH_FIXTURES.largeSurveyTitle,
  );
  return `/cohorts/${BENCH_FIXTURES.largeCohortSlug}/surveys/${survey?.id ?? 0}/results`;
}

export const ENDPOINTS: BenchEndpoint[] = [
  {
    name: "login (reference)",
    description: "The log-in page, logged out: the cheapest server-rendered page; the pages are compared with it.",
    kind: "reference",
    routeId: "routes/login",
    participantPage: true,
    build: () => ({ method: "GET", path: "/login" }),
  },
  {
    name: "dashboard",
    description: "Participant dashboard `/` of a GP confirmed in trondheim-2027 and bench-60-2026.",
    kind: "page",
    routeId: "routes/_index",
    participantPage: true,
    build: (ctx) => ({ method: "GET", path: "/", headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.participantEmail) } }),
  },
  {
    name: "public cohort page",
    description: "Public page of trondheim-2027, logged out.",
    kind: "page",
    routeId: "routes/cohorts.$slug._index",
    participantPage: true,
    build: () => ({ method: "GET", path: `/cohorts/${BENCH_FIXTURES.demoCohortSlug}` }),
  },
  {
    name: "partner finder",
    description: "Partner finder of the 200-participant cohort, filtered on profession and municipality, as a participant.",
    kind: "page",
    routeId: "routes/cohorts.$slug.partners",
    participantPage: true,
    build: (ctx) => ({
      method: "GET",
      path: `/cohorts/${BENCH_FIXTURES.largeCohortSlug}/partners?profession=gp&municipality=Trondheim`,
      headers: { cookie: ctx.cookieFor("bench.physio.071@bench.knutepunkt.test") },
    }),
  },
  {
    name: "network search",
    description: "Cross-cohort directory `/network` filtered on a big municipality (grows with Norway: must paginate).",
    kind: "page",
    routeId: "routes/network",
    participantPage: true,
    build: (ctx) => ({
      method: "GET",
      path: `/network?municipality=${encodeURIComponent(busiestMunicipality(ctx.db))}`,
      headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.participantEmail) },
    }),
  },
  {
    name: "participant list",
    description: "Organiser's participant list of bench-60-2026 (60 confirmed).",
    kind: "page",
    routeId: "routes/cohorts.$slug.participants",
    build: (ctx) => ({
      method: "GET",
      path: `/cohorts/${BENCH_FIXTURES.smallCohortSlug}/participants`,
      headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.organiserEmail) },
    }),
  },
  {
    name: "roll call",
    description: "Roll call of evening 1 of bench-60-2026 (60 attendance rows), as the organiser.",
    kind: "page",
    routeId: "routes/cohorts.$slug.evenings.$n.attendance",
    build: (ctx) => ({
      method: "GET",
      path: `/cohorts/${BENCH_FIXTURES.smallCohortSlug}/evenings/1/attendance`,
      headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.organiserEmail) },
    }),
  },
  {
    name: "survey results",
    description: "Results of the final survey of bench-stor-2026 (12 questions, > 2,000 answers), as the organiser.",
    kind: "page",
    routeId: "routes/cohorts.$slug.surveys.$id.results",
    build: (ctx) => ({ method: "GET", path: largeSurveyResultsPath(ctx), headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.organiserEmail) } }),
  },
  {
    name: "survey respondents",
    description: "Who answered what in the same survey (named): its first page of 25 respondents, as the organiser.",
    kind: "page",
    routeId: "routes/cohorts.$slug.surveys.$id.results_.respondents",
    build: (ctx) => ({ method: "GET", path: `${largeSurveyResultsPath(ctx)}/respondents`, headers: { cookie: ctx.cookieFor(BENCH_FIXTURES.organiserEmail) } }),
  },
  {
    name: "cohort feed",
    description: "Public iCalendar feed of trondheim-2027.",
    kind: "feed",
    build: () => ({ method: "GET", path: `/cohorts/${BENCH_FIXTURES.demoCohortSlug}/calendar.ics` }),
  },
  {
    name: "personal feed",
    description: "Personal iCalendar feed `/calendar/<id>.<hmac>.ics` of the participant (token row made by the bench).",
    kind: "feed",
    build: (ctx) => {
      const id = `benchfeed${ctx.scale}`.padEnd(16, "0"); // feed ids are 16–64 of [a-z0-9]
      ctx.db
        .prepare("insert or ignore into calendar_feed_tokens (id, user_id) values (?, ?)")
        .run(id, userId(ctx.db, BENCH_FIXTURES.participantEmail));
      return { method: "GET", path: `/calendar/${feedTokenFor(id, ctx.secret)}.ics` };
    },
  },
  {
    name: "certificate verify",
    description: "Public verification page of the participant's certificate from bench-60-2026.",
    kind: "verify",
    routeId: "routes/verify.$code",
    build: (ctx) => {
      const cert = one<{ code: string }>(
        ctx.db,
        "select verification_code as code from certificates where user_id = ? and revoked_at is null order by id limit 1",
        userId(ctx.db, BENCH_FIXTURES.participantEmail),
      );
      return { method: "GET", path: `/verify/${cert?.code ?? "UNKNOWN"}` };
    },
  },
];
