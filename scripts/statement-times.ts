/**
 * `npx tsx scripts/statement-times.ts --db PATH --path /url [--as EMAIL] [--n 1000]`
 *
 * Times each SQL statement one page of the production build runs, inside the server process and between
 * the rest of each request's work (in-process, sequential), and prints them by time per request. A
 * statement costs 2–3 times here what it costs in a tight loop (the CPU caches are cold after the rest of
 * the request), so this is the figure to compare with a page's other costs. Needs `npm run build` and a
 * seeded database (e.g. a copy of bench-results/national.db after a bench run); sessions are added to it.
 */
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { inProcessServer, sessionCookieOf } from "./in-process";

const { values: args } = parseArgs({
  options: { db: { type: "string" }, path: { type: "string", default: "/" }, as: { type: "string" }, n: { type: "string", default: "1000" } },
});
if (!args.db) throw new Error("--db PATH is required");

// Every statement prepared from here on reports the time of each of its runs while `timing` is on.
const byStatement = new Map<string, { runs: number; ms: number }>();
let timing = false;
type Statement = Record<"all" | "get" | "run", (...params: unknown[]) => unknown>;
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  const statement = prepare.call(this, source) as unknown as Statement;
  for (const method of ["all", "get", "run"] as const) {
    const run = statement[method];
    statement[method] = function (this: unknown, ...params: unknown[]) {
      if (!timing) return run.apply(this, params);
      const started = performance.now();
      try {
        return run.apply(this, params);
      } finally {
        const seen = byStatement.get(source) ?? { runs: 0, ms: 0 };
        seen.runs++;
        seen.ms += performance.now() - started;
        byStatement.set(source, seen);
      }
    };
  }
  return statement as unknown as ReturnType<typeof prepare>;
} as typeof prepare;

const handle = await inProcessServer(args.db);
const cookie = args.as ? await sessionCookieOf(args.as) : undefined;
const load = async () => {
  const res = await handle(new Request(`http://localhost${args.path}`, { headers: cookie ? { cookie } : {} }));
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${args.path}: status ${res.status}`);
};
for (let i = 0; i < 300; i++) await load(); // warm-up: modules, statement caches, JIT
const n = Number(args.n);
timing = true;
for (let i = 0; i < n; i++) await load();
timing = false;
let total = 0;
for (const [source, { runs, ms }] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms)) {
  total += ms;
  console.log(`${((ms / n) * 1000).toFixed(1).padStart(7)} µs  ${(runs / n).toFixed(1)}×  ${source.replace(/\s+/g, " ").slice(0, 140)}`);
}
console.log(`${((total / n) * 1000).toFixed(1).padStart(7)} µs  in all, per request of ${args.path}`);
