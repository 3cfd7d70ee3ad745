/**
 * `npm run bench [-- --quick] [-- --no-build] [-- --only registration,checkin,browsing,phone,ratios]`
 *
 * Builds the app, copies the national-scale database (generated once into bench-results/), starts the
 * production server on 127.0.0.1 and runs the peak-load scenarios of docs/benchmark.md one after the
 * other: registration opens, evening check-in, browsing beside calendar polling, a phone's first visit.
 * Prints one line per budget (scenario, load, measured, budget, pass/fail), the log-in page ratios
 * for information, and writes everything to bench-results/latest.json.
 *
 * --quick: a tenth of every load and duration on the small database (about two minutes).
 * Other options: --reseed, --seed N, "--node-flags=--max-old-space-size=128".
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

// The bench serialises session cookies with the app's cookie helper: it needs the server's secret.
const SECRET = process.env.BENCH_SESSION_SECRET ?? "bench-" + crypto.randomBytes(16).toString("hex");
process.env.SESSION_SECRET = SECRET;

const { BUDGETS, check, formatTable, markdownTable, memoryVerdict, scaledLoads } = await import("./bench-lib");
const { build, gitCommit, resultsDir, startServer, workingDatabase } = await import("./bench/server");
const fixtures = await import("./bench/fixtures");
const { registrationOpens } = await import("./bench/registration");
const { eveningCheckin } = await import("./bench/checkin");
const { browsing, calendarPolling } = await import("./bench/browsing");
const { phoneFirstVisit } = await import("./bench/phone");
const { loginRatios } = await import("./bench/ratios");
const { BENCH_FIXTURES } = await import("../db/seed-national");
type Row = import("./bench-lib").Row;

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    reseed: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    only: { type: "string" },
    // The same heap limits as `npm start` (package.json), so the bench measures what production runs.
    "node-flags": { type: "string", default: "--max-old-space-size=192 --max-semi-space-size=16" },
  },
});
const quick = args.quick!;
const loads = scaledLoads(quick ? 0.1 : 1);
const scale = quick ? "small" : "national";
const runId = Date.now().toString(36);
const wanted = (name: string) => !args.only || args.only.split(",").some((s) => name.startsWith(s.trim()));
const log = (line = "") => process.stdout.write(line + "\n");
const fmt = (n: number | null | undefined) => (n === null || n === undefined ? "–" : n.toFixed(0));
const started = Date.now();
const commit = gitCommit();

if (!args["no-build"]) build(log);
const database = await workingDatabase(scale, Number(args.seed), args.reseed!, log);
log(
  `\nKnutepunkt benchmark${quick ? " (QUICK: a tenth of every load, small database – indicative only)" : ""}, commit ${commit ?? "?"}` +
    `\n  database ${scale}: ${["users", "cohorts", "registrations", "attendance", "survey_answers"].map((t) => `${t} ${(database.counts[t] ?? 0).toLocaleString("en-US")}`).join(", ")}`,
);

// ── fixtures, made before the server starts ──
const db = new Database(database.file);
db.pragma("busy_timeout = 10000");
const regCohorts = fixtures.registrationCohorts(db, loads.registration.cohorts, runId);
const checkinCohorts = await fixtures.checkinEvenings(db, loads.checkin.organisers, loads.checkin.people, runId);
const users = await fixtures.browsingUsers(db, loads.browsing.users);
const feeds = fixtures.feedPaths(db, loads.calendar.feeds, SECRET);
const participantId = (db.prepare("select id from users where email = ?").get(BENCH_FIXTURES.participantEmail) as { id: number }).id;
const [phoneCookie] = await fixtures.sessionsFor(db, [participantId]);
const partnership = db.prepare("select partnership_id as id from partnership_members where user_id = ? and left_at is null order by id limit 1").get(participantId) as { id: number } | undefined;

const server = await startServer(database.file, SECRET, args["node-flags"]!.split(/\s+/).filter(Boolean));
const rows: Row[] = [];
const report: Record<string, unknown> = {};
try {
  // Warm-up: every browsing path once, so the first scenario does not pay for cold code and caches.
  for (const u of users.slice(0, 20)) for (const p of u.paths) await fetch(server.base + p, { headers: { cookie: u.cookie } }).then((r) => r.arrayBuffer());
  // Memory growth is judged over the steady soak: from the end of browsing's measured minute (by then every
  // kind of request has run, the heap has grown to its working size and SQLite's page cache is full) to the
  // end. A leak keeps growing there; warm-up does not. Without the browsing scenario: from here.
  let steadyFrom = Date.now();
  log(`  server ${server.base}, ${server.rss.rounds.at(-1)?.procs.length ?? "?"} process(es); fixtures ready\n`);

  if (wanted("registration")) {
    const l = loads.registration;
    const load = `${l.people} people, ${l.cohorts} cohorts, ${l.seconds} s`;
    log(`Registration opens: ${load} (open loop, ≤ ${l.maxInFlight} in flight) …`);
    const r = await registrationOpens({ base: server.base, dbFile: database.file, cohorts: regCohorts, load: l, runId });
    report.registration = r;
    log(`  ${r.loop.started} started, ${r.loop.skipped} skipped; ${JSON.stringify(r.registrations)}; p50 ${fmt(r.requests.all.p50)} ms`);
    rows.push(
      check("registration opens", load, "errors", r.errors, 0, "", true),
      check("registration opens", load, "overbooked", r.overbooked, 0, "", true),
      check("registration opens", load, "not once", r.notExactlyOnce, 0, "", true),
      check("registration opens", load, "p95", r.p95, BUDGETS.registrationP95Ms, "ms"),
    );
  }

  if (wanted("checkin")) {
    const l = loads.checkin;
    const people = checkinCohorts.reduce((n, c) => n + c.participantIds.length, 0);
    const load = `${people} people, ${checkinCohorts.length} roll calls, ${l.seconds} s`;
    log(`Evening check-in: ${load} …`);
    const r = await eveningCheckin({ base: server.base, cohorts: checkinCohorts, seconds: l.seconds });
    report.checkin = r;
    log(`  ${r.requests.all.count} requests, ${r.errors} errors, p50 ${fmt(r.requests.all.p50)} ms`);
    rows.push(check("evening check-in", load, "p95", r.p95, BUDGETS.checkinP95Ms, "ms"), check("evening check-in", load, "errors", r.errors, 0, "", true));
  }

  if (wanted("browsing") || wanted("calendar")) {
    const b = loads.browsing;
    const c = loads.calendar;
    const bLoad = `${users.length} users, ${b.seconds} s`;
    const cLoad = `${feeds.length} feeds, ${c.seconds} s`;
    // The same mix first, not measured: a server at its peak has been serving for hours, with its code
    // compiled and its caches full. Without this the measured minute starts on cold code, and the 200 first
    // pages queue behind each other for seconds.
    log(`Browsing warm-up: ${users.length} users, ${b.warmUpSeconds} s, not measured …`);
    const warmUp = await browsing({ base: server.base, users, seconds: b.warmUpSeconds, measuredSeconds: 0, pauseMs: b.pauseMs });
    report.browsingWarmUp = warmUp.afterwards;
    log(`  ${warmUp.afterwards.all.count} pages, p95 ${fmt(warmUp.afterwards.all.p95)} ms`);
    log(`Browsing (${bLoad}) beside calendar polling (${cLoad}; browsing goes on for the whole polling) …`);
    steadyFrom = Date.now() + b.seconds * 1000;
    const [br, cal] = await Promise.all([
      browsing({ base: server.base, users, seconds: Math.max(b.seconds, c.seconds), measuredSeconds: b.seconds, pauseMs: b.pauseMs }),
      calendarPolling({ base: server.base, feeds, seconds: c.seconds, since: new Date() }),
    ]);
    report.browsing = br;
    report.calendar = cal;
    log(`  browsing: ${br.requests.all.count} requests, ${br.errors} errors; per page p95: ${Object.entries(br.requests.byKind).map(([k, s]) => `${k} ${fmt(s.p95)}`).join(", ")} ms`);
    log(`  calendar: ${cal.requests.all.count} requests (${cal.notModified} × 304), ${cal.errors} errors, p50 ${fmt(cal.requests.all.p50)} ms`);
    rows.push(
      check("browsing", bLoad, "p95", br.p95, BUDGETS.browsingP95Ms, "ms"),
      check("browsing", bLoad, "p99", br.p99, BUDGETS.browsingP99Ms, "ms"),
      check("browsing", bLoad, "errors", br.errors, 0, "", true),
      check("calendar polling", cLoad, "p95", cal.p95, BUDGETS.calendarP95Ms, "ms"),
      check("calendar polling", cLoad, "errors", cal.errors, 0, "", true),
    );
  }

  if (wanted("phone")) {
    const pages = [
      { name: "log-in", path: "/login", loggedIn: false },
      { name: "sign-up", path: "/signup", loggedIn: false },
      { name: "public cohort page", path: `/cohorts/${BENCH_FIXTURES.demoCohortSlug}`, loggedIn: false },
      { name: "dashboard", path: "/", loggedIn: true },
      { name: "courses", path: "/courses", loggedIn: true },
      { name: "partner finder", path: `/cohorts/${BENCH_FIXTURES.demoCohortSlug}/partners`, loggedIn: true },
      ...(partnership ? [{ name: "agreement", path: `/partnerships/${partnership.id}/agreement`, loggedIn: true }] : []),
      { name: "network search", path: "/network", loggedIn: true },
      { name: "check-in", path: "/checkin", loggedIn: true },
      { name: "calendar", path: "/calendar", loggedIn: true },
      { name: "profile", path: "/profile", loggedIn: true },
    ];
    const load = `${pages.length} pages, Slow 4G, 4× CPU`;
    log(`Phone, first visit: ${load} …`);
    const r = await phoneFirstVisit({ base: server.base, pages, cookie: phoneCookie! });
    report.phone = r;
    for (const p of r.pages) log(`  ${p.name.padEnd(20)} LCP ${fmt(p.lcpMs)} ms, JS ${p.jsKb.toFixed(1)} kB${p.status !== 200 ? ` (HTTP ${p.status} ${p.error ?? ""})` : ""}`);
    rows.push(
      check("phone, first visit", load, "worst LCP", r.worstLcpMs, BUDGETS.lcpMs, "ms"),
      check("phone, first visit", load, "most JS", r.worstJsKb, BUDGETS.jsKbGzip, "kB"),
      check("phone, first visit", load, "errors", r.errors, 0, "", true),
    );
  }

  if (wanted("ratios")) {
    log(`Log-in page ratios (information, not a budget) …`);
    const r = await loginRatios({ base: server.base, db, secret: SECRET, seconds: quick ? 1 : 3 });
    report.loginRatios = r;
    log(`  log-in page ${r.loginRps.toFixed(0)} req/s; ` + r.pages.map((p) => `${p.name} ${p.ratio.toFixed(2)}${p.errors ? ` (${p.errors} errors)` : ""}`).join(", "));
  }

  await server.stop();
  const memory = memoryVerdict(
    server.rss.rounds.map((r) => r.procs),
    server.rss.indexAt(steadyFrom),
  );
  report.memory = memory;
  const per = memory.perProcess.map((p) => `${p.start.toFixed(0)}/${p.peak.toFixed(0)}/${p.end.toFixed(0)}`).join(", ");
  log(`Memory (RSS start/peak/end MB per process): ${per}`);
  const mLoad = `whole run, ${memory.processes} process(es)`;
  rows.push(
    check("memory", mLoad, "peak RSS", memory.peakMb, BUDGETS.rssMb, "MB"),
    check("memory", mLoad, "growth in steady soak", memory.growthMb, BUDGETS.rssGrowthMb, "MB", true),
  );
} finally {
  await server.stop();
  db.close();
}

log(`\nResults${quick ? " (QUICK)" : ""}:\n`);
for (const line of formatTable(rows)) log(line);
const failed = rows.filter((r) => !r.pass);
log(`\n${rows.length - failed.length}/${rows.length} budgets pass. Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(
  path.join(resultsDir, "latest.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      commit,
      mode: quick ? "quick" : "full",
      command: `npm run bench${quick ? " -- --quick" : ""}`,
      database: { scale, counts: database.counts },
      loads,
      budgets: BUDGETS,
      rows,
      markdown: markdownTable(rows).join("\n"),
      pass: failed.length === 0,
      totalSeconds: (Date.now() - started) / 1000,
      ...report,
    },
    null,
    2,
  ),
);
log(`Written to bench-results/latest.json`);
if (failed.length) process.exitCode = 1;
