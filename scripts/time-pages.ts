/**
 * `npx tsx scripts/time-pages.ts --db PATH [--n 200]`: times the model functions behind the network
 * search, the partner finder and the survey results (issue 7) against a generated database
 * (`npm run db:seed -- --scale national --db PATH`). Prints the median and p90 per call in ms.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { db: { type: "string" }, n: { type: "string", default: "200" } } });
if (!values.db) {
  console.error("Usage: npx tsx scripts/time-pages.ts --db PATH [--n 200]");
  process.exit(2);
}
process.env.DATABASE_URL = values.db;
const n = Number(values.n);

const { getDb } = await import("../db/client");
const network = await import("../app/models/network.server");
const pairing = await import("../app/models/pairing.server");
const surveys = await import("../app/models/surveys.server");
const { BENCH_FIXTURES } = await import("../db/seed-national");

const client = getDb().$client;
const one = <T>(sql: string, ...args: unknown[]) => client.prepare(sql).get(...args) as T;
const cohortId = one<{ id: number }>("select id from cohorts where slug = ?", BENCH_FIXTURES.largeCohortSlug).id;
const surveyId = one<{ id: number }>("select id from surveys where cohort_id = ? and title = ? order by id limit 1", cohortId, BENCH_FIXTURES.largeSurveyTitle).id;
const viewer = one<{ id: number; profession: "gp" | "physio"; municipality: string | null }>(
  "select id, profession, municipality from users where email = ?",
  "bench.physio.071@bench.knutepunkt.test",
);

function time(name: string, fn: () => unknown) {
  for (let i = 0; i < 5; i++) fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(2);
  console.log(`${name.padEnd(44)} p50 ${at(0.5).padStart(7)} ms  p90 ${at(0.9).padStart(7)} ms`);
}

const pc = pairing as Record<string, unknown>;
time("network: municipality=Trondheim", () => network.searchDirectory({ municipality: "Trondheim" }));
time("network: q=ol", () => network.searchDirectory({ q: "ol" }));
time("network: q=ol municipality=oslo profession=gp p2", () => network.searchDirectory({ q: "ol", municipality: "oslo", profession: "gp", page: 2 }));
time("network: no filter, page 50", () => network.searchDirectory({ page: 50 }));
if (typeof pc.partnerCardsPage === "function") {
  const f = pc.partnerCardsPage as (c: number, v: typeof viewer, f: object, p?: number) => unknown;
  time("partner finder: all (page 1)", () => f(cohortId, viewer, {}, 1));
  time("partner finder: gp + Trondheim", () => f(cohortId, viewer, { profession: "gp", municipality: "Trondheim" }, 1));
} else {
  time("partner finder: all", () => pairing.listPartnerCards(cohortId, viewer, {}));
  time("partner finder: gp + Trondheim", () => pairing.listPartnerCards(cohortId, viewer, { profession: "gp", municipality: "Trondheim" }));
}
time("survey results: getResults (large survey)", () => surveys.getResults(surveyId));
const sv = surveys as Record<string, unknown>;
if (typeof sv.TEXTS_SHOWN === "number") {
  const view = { respondentPage: 1, textsPerQuestion: sv.TEXTS_SHOWN };
  time("survey results: getResults with the page's view", () => surveys.getResults(surveyId, view));
  const p = surveys.getResults(surveyId, view)!;
  console.log(`  with view: ${p.respondents.length} respondents, ${p.results.reduce((s, q) => s + q.texts.length, 0)} free texts, JSON ${(JSON.stringify(p).length / 1024).toFixed(0)} kB`);
}
const r = surveys.getResults(surveyId)!;
console.log(
  `  survey ${surveyId}: ${r.responseCount} responses, ${r.respondents.length} respondents returned, ` +
    `${r.results.reduce((s, q) => s + q.texts.length, 0)} free texts returned, JSON ${(JSON.stringify(r).length / 1024).toFixed(0)} kB`,
);
