/**
 * Pure parts of the benchmark (scripts/bench.ts and scripts/bench/*): the budgets, latency
 * percentiles, the open-loop arrival schedule, judging, the result table, the server's process tree,
 * the measured server's environment and the JavaScript a page sends. Tested in
 * tests/integration/bench-lib.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
// hdr-histogram-js: the same percentile arithmetic autocannon reports with.
import * as hdr from "hdr-histogram-js";

/**
 * Absolute budgets from the national peak load (docs/benchmark.md explains where each comes from).
 * Latencies in milliseconds, memory in MB, JavaScript in kB gzip.
 */
export const BUDGETS = {
  registrationP95Ms: 1000,
  checkinP95Ms: 200,
  browsingP95Ms: 300,
  browsingP99Ms: 1000,
  calendarP95Ms: 200,
  lcpMs: 1500,
  jsKbGzip: 150,
  rssMb: 300,
  /** "Flat": no process ends more than this above where it stood after warm-up. */
  rssGrowthMb: 50,
} as const;

/** The full loads; --quick runs `scale` (1/10) of each count and duration. */
export const LOADS = {
  registration: { people: 2000, cohorts: 10, seconds: 120, maxInFlight: 100, gpShare: 0.3 },
  checkin: { people: 300, organisers: 5, seconds: 180 },
  browsing: { users: 200, seconds: 60, pauseMs: 1000, warmUpSeconds: 20 },
  calendar: { feeds: 20_000, seconds: 600 },
} as const;

export type Loads = { [K in keyof typeof LOADS]: { -readonly [P in keyof (typeof LOADS)[K]]: number } };

/** Every count and duration scaled (at least 1), shares, pauses and in-flight limits unchanged. */
export function scaledLoads(scale: number): Loads {
  const keep = new Set(["gpShare", "pauseMs", "maxInFlight", "cohorts", "organisers"]);
  const out = {} as Record<string, Record<string, number>>;
  for (const [name, load] of Object.entries(LOADS)) {
    out[name] = Object.fromEntries(Object.entries(load).map(([k, v]) => [k, keep.has(k) ? v : Math.max(1, Math.round(v * scale))]));
  }
  return out as Loads;
}

/** Start offsets (ms from the start) of `count` arrivals at an even rate over `durationMs`. */
export function arrivalOffsets(count: number, durationMs: number): number[] {
  return Array.from({ length: count }, (_, i) => (i * durationMs) / count);
}

// ───────────────────────────── latencies ─────────────────────────────

/** Request latencies of one kind, recorded in microseconds; percentiles read in milliseconds. */
export class Latencies {
  private h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10 * 60 * 1e6, numberOfSignificantValueDigits: 3 });
  count = 0;
  record(ms: number) {
    this.h.recordValue(Math.max(1, Math.round(ms * 1000)));
    this.count++;
  }
  add(other: Latencies) {
    this.h.add(other.h);
    this.count += other.count;
  }
  /** The p-th percentile in ms; null without samples. */
  p(percentile: number): number | null {
    return this.count === 0 ? null : this.h.getValueAtPercentile(percentile) / 1000;
  }
  summary() {
    return { count: this.count, p50: this.p(50), p95: this.p(95), p99: this.p(99), max: this.count ? this.h.maxValue / 1000 : null };
  }
}

// ───────────────────────────── judging and the table ─────────────────────────────

export type Row = {
  scenario: string;
  load: string;
  /** What is measured, e.g. "p95" or "errors". */
  metric: string;
  measured: number | null;
  unit: string;
  /** "< 300 ms"-style limit: measured must be below `limit`, or at most `limit` with `atMost`. */
  limit: number;
  atMost?: boolean;
  pass: boolean;
};

/** One budget line; a missing measurement (null) fails. */
export function check(scenario: string, load: string, metric: string, measured: number | null, limit: number, unit: string, atMost = false): Row {
  const pass = measured !== null && Number.isFinite(measured) && (atMost ? measured <= limit : measured < limit);
  return { scenario, load, metric, measured, unit, limit, atMost, pass };
}

const num = (n: number, unit: string) => {
  const digits = unit === "ms" || unit === "MB" || unit === "" ? 0 : 1;
  return `${n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })}${unit ? ` ${unit}` : ""}`;
};

/** The result table: scenario, load, measured, budget, pass/fail; one string per line. */
export function formatTable(rows: Row[]): string[] {
  const header = ["scenario", "load", "measured", "budget", "result"];
  const cells = rows.map((r) => [
    r.scenario,
    r.load,
    `${r.metric} ${r.measured === null ? "–" : num(r.measured, r.unit)}`,
    `${r.atMost ? "≤" : "<"} ${num(r.limit, r.unit)}`,
    r.pass ? "pass" : "FAIL",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((s, i) => s.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)];
}

/** The same table in Markdown (the README's Performance section). */
export function markdownTable(rows: Row[]): string[] {
  return [
    "| scenario | load | measured | budget | result |",
    "|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.scenario} | ${r.load} | ${r.metric} ${r.measured === null ? "–" : num(r.measured, r.unit)} | ${r.atMost ? "≤" : "<"} ${num(r.limit, r.unit)} | ${r.pass ? "pass" : "**FAIL**"} |`),
  ];
}

// ───────────────────────────── memory ─────────────────────────────

/** pid and parent pid from the text of /proc/<pid>/stat (the command name may hold spaces and parentheses). */
export function parseStat(text: string): { pid: number; ppid: number } | null {
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const pid = Number(text.slice(0, text.indexOf(" ")));
  const ppid = Number(text.slice(close + 2).split(" ")[1]);
  return Number.isInteger(pid) && Number.isInteger(ppid) ? { pid, ppid } : null;
}

/** The root and all its descendants (cluster workers), given every process's parent. */
export function processTree(root: number, procs: { pid: number; ppid: number }[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** RSS of each process over the run: start (first sample after warm-up), peak, end, and whether it stayed flat. */
export function memoryVerdict(samples: { pid: number; mb: number }[][], warmupIndex: number) {
  const byPid = new Map<number, number[]>();
  for (const round of samples) for (const s of round) byPid.set(s.pid, [...(byPid.get(s.pid) ?? []), s.mb]);
  const perProcess = [...byPid].map(([pid, mbs]) => {
    const start = mbs[Math.min(warmupIndex, mbs.length - 1)]!;
    const end = mbs.at(-1)!;
    const peak = Math.max(...mbs);
    return { pid, start, peak, end, flat: end - start <= BUDGETS.rssGrowthMb };
  });
  return {
    processes: perProcess.length,
    perProcess,
    peakMb: perProcess.length ? Math.max(...perProcess.map((p) => p.peak)) : null,
    growthMb: perProcess.length ? Math.max(...perProcess.map((p) => p.end - p.start)) : null,
    flat: perProcess.every((p) => p.flat),
  };
}

// ───────────────────────────── server environment ─────────────────────────────

/**
 * The environment of a production server under measurement: 127.0.0.1 only, no scheduler or logging,
 * plain-HTTP cookies, and the given database used as it is (no demo seed on start).
 */
export function benchServerEnv(opts: { port: number; databaseFile: string; sessionSecret: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    DATABASE_URL: opts.databaseFile,
    DISABLE_SCHEDULER: "true",
    LOG_LEVEL: "silent",
    SESSION_SECRET: opts.sessionSecret,
    COOKIE_SECURE: "false",
    SEED_ON_START: "false",
    APP_URL: `http://127.0.0.1:${opts.port}`,
  };
}

// ───────────────────────────── JavaScript per page (scripts/js-sizes.ts) ─────────────────────────────

type ClientManifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function loadClientManifest(clientDir: string): { manifest: ClientManifest; manifestUrl: string } | null {
  const assets = path.join(clientDir, "assets");
  if (!fs.existsSync(assets)) return null;
  const files = fs
    .readdirSync(assets)
    .filter((f) => /^manifest-.*\.js$/.test(f))
    .map((f) => ({ f, t: fs.statSync(path.join(assets, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  if (!files[0]) return null;
  const text = fs.readFileSync(path.join(assets, files[0].f), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  return { manifest: JSON.parse(json) as ClientManifest, manifestUrl: `/assets/${files[0].f}` };
}

/**
 * The JavaScript a first visit to the page downloads, gzip, from the browser route manifest: the
 * manifest, the entry client, the root route and the page's route module with their imports.
 */
export function pageJsKb(routeId: string, clientDir: string): number | null {
  const loaded = loadClientManifest(clientDir);
  if (!loaded) return null;
  const { manifest, manifestUrl } = loaded;
  const route = manifest.routes[routeId];
  const rootRoute = manifest.routes.root;
  if (!route || !rootRoute) return null;
  const urls = new Set([manifestUrl, manifest.entry.module, ...manifest.entry.imports, rootRoute.module, ...(rootRoute.imports ?? []), route.module, ...(route.imports ?? [])]);
  let bytes = 0;
  for (const u of urls) bytes += zlib.gzipSync(fs.readFileSync(path.join(clientDir, u))).length;
  return bytes / 1024;
}
