/**
 * The benchmark's endpoint table (issue 7). One entry per measured page/endpoint: how to build its
 * request from the database, who is logged in, which Remix route module it is (for the JavaScript
 * size), and which budget applies. The merger can add or fix entries here without touching
 * scripts/bench.ts.
 *
 * URLs point at the bench fixtures (db/seed-national.ts BENCH_FIXTURES), which exist with the same
 * ids in the demo-size and the national database, so the national/demo p50 ratio compares the same
 * page on a small and a large database.
 */
import type Database from "better-sqlite3";
import { BENCH_FIXTURES } from "../db/seed-national";
import { feedTokenFor } from "../app/models/calendar.server";

/**
 * "extra": measured for information and for errors and scale growth, but outside issue 7's list and its
 * req/s and p99 budgets (account sign-up spends ~20 ms of CPU on argon2id by design).
 */
export type BenchKind = "reference" | "page" | "feed" | "verify" | "action" | "extra";

export type BenchRequest = {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** For actions that must not repeat (sign-up): a fresh Cookie header per request, e.g. distinct users. */
  cookiePool?: string[];
  /** For actions with a unique field per request (e.g. e-mail): builds the body for request number n. */
  bodyFor?: (n: number) => string;
};

export type BenchContext = {
  db: Database.Database;
  /** "national" or "demo": which database the server runs on. */
  scale: string;
  /** The SESSION_SECRET passed to the server. */
  secret: string;
  /** Cookie header of a session created directly in the database for the user with this e-mail. */
  cookieFor(email: string): string;
  /** n users made for this run (never registered anywhere), each with a session: their Cookie headers. */
  freshUserCookies(n: number): string[];
  /** A unique string for this run (e-mail addresses of sign-ups). */
  runId: string;
};

export type BenchEndpoint = {
  name: string;
  description: string;
  kind: BenchKind;
  /** Remix route id of the page (manifest key), for the gzip JavaScript budget; omit for non-pages. */
  routeId?: string;
  /** A participant page: the JS budget (≤ 150 kB gzip) applies. */
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

const FORM = { "content-type": "application/x-www-form-urlencoded" };

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
    description: "The log-in page, logged out: the cheapest server-rendered page; every ratio is relative to it.",
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
  {
    name: "sign-up action",
    description: "POST /cohorts/trondheim-2027/register, each request with the cookie of a different new user (fills, then waitlists).",
    kind: "action",
    build: (ctx) => ({
      method: "POST",
      path: `/cohorts/${BENCH_FIXTURES.demoCohortSlug}/register`,
      headers: { ...FORM },
      body: "intent=register",
      cookiePool: ctx.freshUserCookies(6000),
    }),
  },
  {
    name: "account sign-up",
    description: "POST /signup with a unique e-mail per request: password hashing (argon2id) sets its speed, so no req/s or p99 budget.",
    kind: "extra",
    build: (ctx) => ({
      method: "POST",
      path: "/signup",
      headers: { ...FORM },
      bodyFor: (n) =>
        new URLSearchParams({
          name: "Bench Testesen",
          email: `signup.${ctx.runId}.${n}@bench.knutepunkt.test`,
          profession: "physio",
          municipality: "Trondheim",
          password: "benchmark-passord-123",
          confirmPassword: "benchmark-passord-123",
        }).toString(),
    }),
  },
];
