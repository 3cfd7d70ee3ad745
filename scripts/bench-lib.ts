/**
 * Pure parts of the benchmark (scripts/bench.ts, scripts/profile-server.ts): the measured server's
 * environment, budgets, judging a measured line, the JavaScript a page sends, and the result table. Unit-tested in tests/integration/bench-lib.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import type { BenchEndpoint } from "./bench-endpoints";

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

export const BUDGETS = {
  pageRatio: 0.6,
  feedRatio: 1.0,
  p99Ms: 100,
  errors: 0,
  rssMb: 300,
  jsKbGzip: 150,
  scaleP50Ratio: 1.5,
} as const;

export type Measurement = {
  name: string;
  kind: string;
  method: string;
  path: string;
  status: "ok" | "missing" | "failed";
  probeStatus?: number;
  rps?: number;
  p50?: number;
  p99?: number;
  errors?: number;
  requests?: number;
  statusCodes?: Record<string, number>;
  /** Highest VmRSS sampled while this endpoint was measured. */
  peakRssMb?: number;
  /**
   * The log-in page's req/s to compare this endpoint with: req/s ÷ the mean of its slices' ratios, each
   * slice against the log-in page measured right before and right after it (combineSlices). The speed of
   * this virtual machine drifts by ±15 % over a run, so the ratio compares with the reference of the moment.
   */
  adjacentRefRps?: number;
  note?: string;
};

/**
 * 404: no such route in this build. 405 on a POST: the path only matches a route without an action
 * (the catch-all), i.e. the action does not exist yet.
 */
export function isMissing(method: string, status: number) {
  return status === 404 || (method === "POST" && status === 405);
}

/**
 * One line from a page measured in equal slices, each between two measurements of the log-in page
 * (this machine's speed changes within seconds, so each slice is compared with the log-in page around it).
 * The ratio is the mean of the slices' ratios, kept as `adjacentRefRps` (rps ÷ ratio) for `judge`; req/s
 * is the mean, p50 the mean weighted by requests, p99 the highest slice's (never better than a slice),
 * errors, requests and status codes add up. Without references (one slice, --quick) the slice is returned.
 */
export function combineSlices(slices: { page: Measurement; refBefore?: number; refAfter?: number }[]): Measurement {
  const ok = slices.filter((s) => s.page.status === "ok");
  if (ok.length === 0 || ok.length !== slices.length) return slices.find((s) => s.page.status !== "ok")?.page ?? slices[0]!.page;
  if (ok.length === 1 && (ok[0]!.refBefore === undefined || ok[0]!.refAfter === undefined)) return ok[0]!.page;
  const pages = ok.map((s) => s.page);
  const requests = pages.reduce((n, m) => n + m.requests!, 0);
  const rps = pages.reduce((n, m) => n + m.rps!, 0) / pages.length;
  const ratios = ok.map((s) => (s.refBefore && s.refAfter ? s.page.rps! / ((s.refBefore + s.refAfter) / 2) : undefined));
  const ratio = ratios.every((r) => r !== undefined) ? ratios.reduce((a, r) => a + r!, 0) / ratios.length : undefined;
  const statusCodes: Record<string, number> = {};
  for (const m of pages) for (const [code, n] of Object.entries(m.statusCodes ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  return {
    ...pages[0]!,
    rps,
    p50: requests ? pages.reduce((n, m) => n + m.p50! * m.requests!, 0) / requests : pages[0]!.p50,
    p99: Math.max(...pages.map((m) => m.p99!)),
    errors: pages.reduce((n, m) => n + m.errors!, 0),
    requests,
    statusCodes,
    peakRssMb: Math.max(...pages.map((m) => m.peakRssMb ?? 0)),
    adjacentRefRps: ratio ? rps / ratio : undefined,
  };
}

// ───────────────────────────── JavaScript per page ─────────────────────────────

type RemixManifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { module: string; imports?: string[] }>;
};

function loadClientManifest(clientDir: string): { manifest: RemixManifest; manifestUrl: string } | null {
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
  return { manifest: JSON.parse(json) as RemixManifest, manifestUrl: `/assets/${files[0].f}` };
}

const gzipCache = new Map<string, number>();
function gzipBytes(clientDir: string, url: string) {
  const file = path.join(clientDir, url);
  let n = gzipCache.get(file);
  if (n === undefined) {
    n = zlib.gzipSync(fs.readFileSync(file)).length;
    gzipCache.set(file, n);
  }
  return n;
}

/**
 * The JavaScript a first visit to the page downloads, gzip: Remix's client manifest, the entry
 * client and its imports, the root route and the page's route module with their imports (deduplicated).
 * Taken from the Remix browser manifest the server itself uses for modulepreload links.
 */
export function pageJsKb(routeId: string, clientDir: string): number | null {
  const loaded = loadClientManifest(clientDir);
  if (!loaded) return null;
  const { manifest, manifestUrl } = loaded;
  const route = manifest.routes[routeId];
  const rootRoute = manifest.routes.root;
  if (!route || !rootRoute) return null;
  const urls = new Set([
    manifestUrl,
    manifest.entry.module,
    ...manifest.entry.imports,
    rootRoute.module,
    ...(rootRoute.imports ?? []),
    route.module,
    ...(route.imports ?? []),
  ]);
  let bytes = 0;
  for (const u of urls) bytes += gzipBytes(clientDir, u);
  return bytes / 1024;
}

// ───────────────────────────── budgets and printing ─────────────────────────────

export type Line = Measurement & { ratio?: number; scaleRatio?: number; demoP50?: number; jsKb?: number | null; failures: string[] };

/** Applies the budgets of issue 7 to one measured line. */
export function judge(m: Measurement, ref: Measurement | undefined, demo: Measurement | undefined, endpoint: BenchEndpoint, clientDir: string): Line {
  const line: Line = { ...m, failures: [] };
  if (m.status !== "ok") return line;
  const refRps = m.adjacentRefRps ?? ref?.rps;
  if (refRps) line.ratio = m.rps! / refRps;
  const minRatio = endpoint.kind === "feed" || endpoint.kind === "verify" ? BUDGETS.feedRatio : BUDGETS.pageRatio;
  const speedBudgets = endpoint.kind !== "extra";
  if (speedBudgets && endpoint.kind !== "reference" && line.ratio !== undefined && line.ratio < minRatio) line.failures.push(`rps<${minRatio * 100}%`);
  if (speedBudgets && m.p99! >= BUDGETS.p99Ms) line.failures.push(`p99≥${BUDGETS.p99Ms}ms`);
  if (m.errors! > BUDGETS.errors) line.failures.push("errors");
  if (demo?.status === "ok" && demo.p50 !== undefined) {
    line.demoP50 = demo.p50;
    // p50 is in whole milliseconds below 1 ms resolution: compare with a floor of 1 ms.
    line.scaleRatio = Math.max(m.p50!, 1) / Math.max(demo.p50, 1);
    if (line.scaleRatio > BUDGETS.scaleP50Ratio) line.failures.push(`nat/demo>${BUDGETS.scaleP50Ratio}`);
  }
  if (endpoint.routeId) {
    line.jsKb = pageJsKb(endpoint.routeId, clientDir);
    if (endpoint.participantPage && line.jsKb !== null && line.jsKb > BUDGETS.jsKbGzip) line.failures.push(`JS>${BUDGETS.jsKbGzip}kB`);
  }
  return line;
}

const fmt = (n: number | undefined | null, digits = 1, unit = "") => (n === undefined || n === null ? "–" : `${n.toFixed(digits)}${unit}`);

/** The result table, one string per row. */
export function formatTable(lines: Line[]): string[] {
  const output: string[] = [];
  const header = ["endpoint", "req/s", "p50", "p99", "errors", "vs ref", "nat/demo", "JS gz", "RSS", "budget"];
  const rows = lines.map((l) => {
    if (l.status === "missing") return [l.name, "missing", "", "", "", "", "", "", "", `(${l.method} ${l.path} → ${l.probeStatus})`];
    if (l.status === "failed") return [l.name, "FAILED", "", "", "", "", "", "", "", l.note ?? ""];
    return [
      l.name,
      fmt(l.rps, 0),
      fmt(l.p50, 0, "ms"),
      fmt(l.p99, 0, "ms"),
      String(l.errors),
      l.kind === "reference" ? "1.00" : fmt(l.ratio, 2),
      fmt(l.scaleRatio, 2),
      l.jsKb === undefined ? "" : l.jsKb === null ? "n/a" : fmt(l.jsKb, 1, "kB"),
      fmt(l.peakRssMb, 0, "MB"),
      l.failures.length ? `FAIL ${l.failures.join(" ")}` : l.kind === "extra" ? "pass (errors, nat/demo only)" : "pass",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const out = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  output.push(out(header));
  output.push(widths.map((w) => "─".repeat(w)).join("  "));
  for (const r of rows) output.push(out(r));
  return output;
}
