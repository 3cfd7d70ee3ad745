/**
 * `npm run bench [-- --quick] [-- --no-build] [-- --soak [--soak-seconds N]]` (issue 7 and 8).
 *
 * Builds the app, generates (or reuses) a national-scale database and a demo-size one with the same
 * bench fixtures, starts the production server on each (127.0.0.1 only) and drives every endpoint of
 * scripts/bench-endpoints.ts with autocannon for a bounded time at 10 connections. Prints one line per
 * endpoint with requests/s, p50, p99, errors, the ratio to the log-in page measured in the same run,
 * the national/demo p50 ratio, the gzip JavaScript of the page, and the budgets; peak server RSS.
 * Results also go to bench-results/latest.json. How to read it: docs/benchmark.md.
 *
 * Options: --quick (1/5-scale DB, 2 s per endpoint, < 1 minute), --duration S, --connections N,
 * --reseed (regenerate the databases), --only NAME[,NAME], --seed N, --soak, --soak-seconds N,
 * "--node-flags=--max-old-space-size=128" (flags for the server's node process; with "=", as the value starts with a dash).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const resultsDir = path.join(root, "bench-results");
// The bench process serialises session cookies with the app's cookie helper: give it a secret so it
// never creates a .session-secret file of its own.
const SECRET = process.env.BENCH_SESSION_SECRET ?? "bench-" + crypto.randomBytes(16).toString("hex");
process.env.SESSION_SECRET = SECRET;

const { ENDPOINTS } = await import("./bench-endpoints");
const { seedDatabase } = await import("./seed");
const { sessionCookie, SESSION_LIFETIME_MS } = await import("../app/utils/auth.server");
const { generateToken, hashToken } = await import("../app/utils/crypto.server");
const { BENCH_FIXTURES } = await import("../db/seed-national");
type BenchContext = import("./bench-endpoints").BenchContext;
type BenchEndpoint = import("./bench-endpoints").BenchEndpoint;
type BenchRequest = import("./bench-endpoints").BenchRequest;
const { BUDGETS, benchServerEnv, combineSlices, formatTable, isMissing, judge } = await import("./bench-lib");
type Measurement = import("./bench-lib").Measurement;
type Line = import("./bench-lib").Line;
const clientDir = path.join(root, "build/client");


const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    soak: { type: "boolean", default: false },
    "soak-seconds": { type: "string", default: "300" },
    duration: { type: "string" },
    connections: { type: "string", default: "10" },
    reseed: { type: "boolean", default: false },
    only: { type: "string" },
    seed: { type: "string", default: "1" },
    /** Extra flags for the server's node, e.g. "--max-old-space-size=128" to try memory settings. */
    // The same heap limits as `npm start` (package.json), so the bench measures what production runs.
    "node-flags": { type: "string", default: "--max-old-space-size=192 --max-semi-space-size=16" },
  },
});
const quick = args.quick!;
const connections = Number(args.connections);
const duration = Number(args.duration ?? (quick ? 2 : 10));
const demoDuration = Number(args.duration ?? (quick ? 1 : 10));
/** How long the log-in page is measured again between endpoints (see runInterleaved); not in --quick (< 1 min). */
const referenceSeconds = (seconds: number) => Math.max(1, Math.round(seconds * 0.4));
const adjacentReference = !quick;
const seed = Number(args.seed);
const runId = Date.now().toString(36);

const log = (line = "") => process.stdout.write(line + "\n");

// ───────────────────────────── build and databases ─────────────────────────────

/** Newest modification time of the sources that go into the build. */
function newestSourceMtime() {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["app", "db", "server", "public", "vite.config.ts", "vite.server.config.ts", "package.json"]) if (fs.existsSync(path.join(root, p))) walk(path.join(root, p));
  return newest;
}

function build() {
  if (args["no-build"]) return;
  const serverBuild = path.join(root, "build/express/index.js");
  // --quick must stay under a minute: it reuses a build that is newer than every source file.
  if (quick && fs.existsSync(serverBuild) && fs.statSync(serverBuild).mtimeMs > newestSourceMtime()) {
    log("Build is up to date (newer than app/, db/, server/, public/, the vite configs, package.json): not rebuilding");
    return;
  }
  log("Building (npm run build) …");
  const started = Date.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error("npm run build failed");
  }
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A fingerprint of everything the generated data depends on: reuse the DB only while it matches. */
function dataFingerprint(scale: string) {
  const h = crypto.createHash("sha256");
  h.update(`${scale}:${seed}`);
  for (const f of ["db/seed-national.ts", "db/seed.ts", "db/schema.ts", "scripts/seed.ts"]) h.update(fs.readFileSync(path.join(root, f)));
  for (const f of fs.readdirSync(path.join(root, "migrations")).sort()) if (f.endsWith(".sql")) h.update(f);
  return h.digest("hex").slice(0, 16);
}

/** The pristine generated database for a scale (generated once, reused), and a fresh working copy of it. */
async function databaseFor(name: string, scale: string) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const pristine = path.join(resultsDir, `${name}.db`);
  const metaFile = `${pristine}.json`;
  const fingerprint = dataFingerprint(scale);
  let meta: { fingerprint?: string; counts?: Record<string, number>; ms?: number } = {};
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  } catch {}
  if (args.reseed || meta.fingerprint !== fingerprint || !fs.existsSync(pristine)) {
    log(`Generating ${path.relative(root, pristine)} (scale ${scale}, seed ${seed}) …`);
    const result = await seedDatabase(pristine, scale, seed, () => {});
    meta = { fingerprint, counts: result.counts, ms: result.ms };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`  generated in ${(result.ms / 1000).toFixed(1)} s`);
  } else {
    log(`Reusing ${path.relative(root, pristine)} (scale ${scale}, seed ${seed})`);
  }
  const working = path.join(resultsDir, `${name}.run.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(working + suffix, { force: true });
  fs.copyFileSync(pristine, working);
  return { file: working, counts: meta.counts ?? {}, generatedMs: meta.ms };
}

// ───────────────────────────── server ─────────────────────────────

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Server = { proc: ChildProcess; port: number; base: string; rss: RssSampler; stop(): Promise<void> };

class RssSampler {
  samples: { t: number; mb: number }[] = [];
  peakMb = 0;
  private timer: NodeJS.Timeout;
  constructor(private pid: number, everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  private read() {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, "utf8");
      const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
      return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
    } catch {
      return null;
    }
  }
  sample() {
    const r = this.read();
    if (!r) return;
    this.samples.push({ t: Date.now(), mb: r.rss });
    this.peakMb = Math.max(this.peakMb, r.hwm, r.rss);
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
  }
}

async function startServer(dbFile: string): Promise<Server> {
  const port = await freePort();
  const nodeFlags = args["node-flags"]!.split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...nodeFlags, "build/express/index.js"], {
    cwd: root,
    env: benchServerEnv({ port, databaseFile: dbFile, sessionSecret: SECRET }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${stderr}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      proc.kill("SIGTERM");
      throw new Error(`server did not start in 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const rss = new RssSampler(proc.pid!);
  return {
    proc,
    port,
    base,
    rss,
    async stop() {
      rss.stop();
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      const timeout = setTimeout(() => proc.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

// ───────────────────────────── sessions and context ─────────────────────────────

function makeContext(db: Database.Database, scale: string): BenchContext {
  const insertSession = db.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)");
  const cookieHeader = (userIdValue: number) => {
    const token = generateToken();
    insertSession.run(hashToken(token), userIdValue, Date.now() + SESSION_LIFETIME_MS);
    // createCookie without secrets: the value is encoded synchronously inside serialize; the promise
    // is awaited by callers through prepareCookies below.
    return token;
  };
  const pendingTokens = new Map<string, string>();
  const byEmail = new Map<string, string>();
  return {
    db,
    scale,
    secret: SECRET,
    runId,
    cookieFor(email) {
      let cookie = byEmail.get(email);
      if (!cookie) {
        const row = db.prepare("select id from users where email = ?").get(email) as { id: number } | undefined;
        if (!row) throw new Error(`bench: no user ${email}`);
        const token = cookieHeader(row.id);
        cookie = `__token__${token}`;
        pendingTokens.set(cookie, token);
        byEmail.set(email, cookie);
      }
      return cookie;
    },
    freshUserCookies(n) {
      const insertUser = db.prepare(
        "insert into users (email, name, profession, municipality, directory_opt_in) values (?, ?, ?, 'Trondheim', 0)",
      );
      const cookies: string[] = [];
      db.transaction(() => {
        for (let i = 0; i < n; i++) {
          const profession = i % 3 === 0 ? "gp" : "physio";
          const id = Number(insertUser.run(`fresh.${scale}.${runId}.${i}@bench.knutepunkt.test`, `Ny Deltaker ${i}`, profession).lastInsertRowid);
          const token = cookieHeader(id);
          const cookie = `__token__${token}`;
          pendingTokens.set(cookie, token);
          cookies.push(cookie);
        }
      })();
      return cookies;
    },
  };
}

/** Replaces the token placeholders the context handed out by real `kp_session=...` Cookie headers. */
async function resolveCookies(req: BenchRequest): Promise<BenchRequest> {
  const real = async (v: string) => {
    if (!v.startsWith("__token__")) return v;
    const setCookie = await sessionCookie.serialize(v.slice("__token__".length));
    return setCookie.split(";")[0]!;
  };
  const headers = { ...(req.headers ?? {}) };
  if (headers.cookie) headers.cookie = await real(headers.cookie);
  const cookiePool = req.cookiePool ? await Promise.all(req.cookiePool.map(real)) : undefined;
  return { ...req, headers, cookiePool };
}

// ───────────────────────────── measuring ─────────────────────────────


function autocannonRequest(req: BenchRequest) {
  let n = 1; // request 0 was the probe
  const setup =
    req.cookiePool || req.bodyFor
      ? (r: autocannon.Request) => {
          const i = n++;
          const headers = { ...(r.headers ?? {}) } as Record<string, string>;
          if (req.cookiePool) headers.cookie = req.cookiePool[i % req.cookiePool.length]!;
          const body = req.bodyFor ? req.bodyFor(i) : r.body;
          return { ...r, headers, body } as autocannon.Request;
        }
      : undefined;
  return { method: req.method, path: req.path, headers: req.headers, body: req.body, ...(setup ? { setupRequest: setup } : {}) };
}


async function probe(base: string, req: BenchRequest) {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (req.cookiePool) headers.cookie = req.cookiePool[0]!;
  const res = await fetch(base + req.path, {
    method: req.method,
    headers,
    body: req.method === "POST" ? (req.bodyFor ? req.bodyFor(0) : req.body) : undefined,
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

async function measure(server: Server, endpoint: BenchEndpoint, ctx: BenchContext, seconds: number): Promise<Measurement> {
  let req: BenchRequest;
  try {
    req = await resolveCookies(endpoint.build(ctx));
  } catch (error) {
    return { name: endpoint.name, kind: endpoint.kind, method: "GET", path: "?", status: "failed", note: String(error) };
  }
  const base: Measurement = { name: endpoint.name, kind: endpoint.kind, method: req.method, path: req.path, status: "ok" };
  let status: number;
  try {
    status = await probe(server.base, req);
  } catch (error) {
    return { ...base, status: "failed", note: `probe: ${String(error)}` };
  }
  base.probeStatus = status;
  if (isMissing(req.method, status)) return { ...base, status: "missing" };
  if (req.method === "GET" && !req.cookiePool) {
    for (let i = 0; i < 10; i++) await probe(server.base, req); // warm-up
  }
  const rssBefore = server.rss.samples.length;
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    requests: [autocannonRequest(req)],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (s as { count?: number }).count ?? 0;
  const errors = result["4xx"] + result["5xx"] + result.errors + result.timeouts;
  return {
    ...base,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    requests: result.requests.total,
    statusCodes,
    peakRssMb: Math.max(0, ...server.rss.samples.slice(rssBefore).map((s) => s.mb)),
  };
}

// ───────────────────────────── runs ─────────────────────────────

function selectedEndpoints() {
  if (!args.only) return ENDPOINTS;
  const names = args.only.split(",").map((s) => s.trim().toLowerCase());
  return ENDPOINTS.filter((e) => e.kind === "reference" || names.some((n) => e.name.toLowerCase().includes(n)));
}

type Target = { label: string; file: string; seconds: number };

/**
 * Both servers run side by side and every endpoint is measured on the large database and then at
 * once on the demo-size one, so a change in machine load during the run hits both sides of the
 * nat/demo ratio alike. The servers are idle while the other one is measured.
 */
async function runInterleaved(endpoints: BenchEndpoint[], large: Target, small: Target) {
  const sides = [large, small].map((t) => {
    const db = new Database(t.file);
    db.pragma("busy_timeout = 5000");
    return { ...t, db, ctx: makeContext(db, t.label), results: [] as Measurement[] };
  });
  const servers = await Promise.all(sides.map((s) => startServer(s.file)));
  const reference = endpoints.find((e) => e.kind === "reference");
  const largeSide = sides[0]!;
  // Each read-only endpoint is measured in slices (two per side), with the log-in page again, briefly, after
  // each slice on the large database: each slice's ratio uses the reference right before and right after it
  // (this machine's speed changes within seconds; combineSlices). The reference line itself is the
  // first "before".
  const slices = adjacentReference ? 2 : 1;
  let refBefore: number | undefined;
  const measureReference = async () => {
    if (!reference || !adjacentReference) return undefined;
    const r = await measure(servers[0]!, reference, largeSide.ctx, referenceSeconds(largeSide.seconds / slices));
    return r.status === "ok" ? r.rps : undefined;
  };
  try {
    for (const endpoint of endpoints) {
      const parts = sides.map(() => [] as { page: Measurement; refBefore?: number; refAfter?: number }[]);
      // Writes (sign-up action, account sign-up) build fresh people and addresses for their requests once:
      // they are measured in one go, as the reference line is.
      const readOnly = endpoint.kind === "page" || endpoint.kind === "feed" || endpoint.kind === "verify";
      const sliceCount = readOnly ? slices : 1;
      let missing = false;
      for (let slice = 0; slice < sliceCount && !missing; slice++) {
        for (let i = 0; i < sides.length; i++) {
          const side = sides[i]!;
          const m = await measure(servers[i]!, endpoint, side.ctx, side.seconds / sliceCount);
          parts[i]!.push({ page: m, refBefore: i === 0 ? refBefore : undefined });
          if (i === 0 && endpoint === reference && m.status === "ok" && adjacentReference) refBefore = m.rps;
          if (m.status !== "ok") {
            missing = true; // missing on the large database: no need to try the small one
            break;
          }
        }
        if (!missing && endpoint !== reference) {
          const refAfter = await measureReference();
          parts[0]!.at(-1)!.refAfter = refAfter;
          refBefore = refAfter;
        }
      }
      parts.forEach((measured, i) => {
        if (measured.length === 0) return;
        const m = combineSlices(measured);
        sides[i]!.results.push(m);
        log(`  ${endpoint.name} on ${sides[i]!.label} … ${m.status === "ok" ? `${m.rps!.toFixed(0)} req/s, p50 ${m.p50!.toFixed(0)} ms` : `${m.status} (${m.probeStatus ?? m.note})`}`);
      });
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const s of sides) s.db.close();
  }
  return sides.map((s, i) => ({ results: s.results, peakRssMb: servers[i]!.rss.peakMb }));
}

function gitCommit() {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" });
  return r.stdout.trim() || null;
}

async function bench() {
  const started = Date.now();
  build();
  const nationalScale = quick ? "quick" : "national";
  const national = await databaseFor(nationalScale, nationalScale);
  const demo = await databaseFor("demo", "fixtures");
  const endpoints = selectedEndpoints();
  log(
    `\nKnutepunkt benchmark ${quick ? "(QUICK: 1/5-scale database, short runs – indicative only)" : ""}` +
      `\n  ${connections} connections, ${duration} s per endpoint (demo ${demoDuration} s), 127.0.0.1, commit ${gitCommit() ?? "?"}` +
      `\n  large DB (${nationalScale}): ${Object.entries(national.counts)
        .filter(([t]) => ["users", "cohorts", "registrations", "attendance", "survey_answers", "partnerships"].includes(t))
        .map(([t, n]) => `${t} ${n.toLocaleString("en-US")}`)
        .join(", ")}`,
  );
  log(`\nMeasuring each endpoint on the ${nationalScale} database, then on the demo-size one …`);
  const [nat, dem] = (await runInterleaved(
    endpoints,
    { label: nationalScale, file: national.file, seconds: duration },
    { label: "demo", file: demo.file, seconds: demoDuration },
  )) as [Awaited<ReturnType<typeof runInterleaved>>[number], Awaited<ReturnType<typeof runInterleaved>>[number]];

  const ref = nat.results.find((m) => m.kind === "reference");
  const lines = endpoints
    .map((e) => {
      const m = nat.results.find((r) => r.name === e.name);
      return m ? judge(m, ref, dem.results.find((r) => r.name === e.name), e, clientDir) : undefined;
    })
    .filter((l): l is Line => !!l);

  log(
    `\nResults (${nationalScale} database; vs ref = req/s ÷ the log-in page's req/s${adjacentReference ? " measured around each slice" : ""}; nat/demo = p50 ratio):\n`,
  );
  for (const row of formatTable(lines)) log(row);
  const rssOk = nat.peakRssMb < BUDGETS.rssMb;
  log(`\nPeak server RSS: ${nat.peakRssMb.toFixed(0)} MB on ${nationalScale} (budget < ${BUDGETS.rssMb} MB: ${rssOk ? "pass" : "FAIL"}), ${dem.peakRssMb.toFixed(0)} MB on demo`);
  const measured = lines.filter((l) => l.status === "ok");
  const failed = measured.filter((l) => l.failures.length > 0);
  const missingLines = lines.filter((l) => l.status !== "ok");
  log(
    `Budgets: ${measured.length - failed.length}/${measured.length} measured lines pass` +
      (missingLines.length ? `, ${missingLines.length} endpoint(s) missing or failed: ${missingLines.map((l) => l.name).join(", ")}` : "") +
      `. Total ${((Date.now() - started) / 1000).toFixed(0)} s.`,
  );
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    mode: quick ? "quick" : "full",
    command: `npm run bench${quick ? " -- --quick" : ""}`,
    connections,
    durationSeconds: duration,
    demoDurationSeconds: demoDuration,
    budgets: BUDGETS,
    database: { scale: nationalScale, seed, counts: national.counts, generatedMs: national.generatedMs },
    endpoints: lines,
    demo: dem.results,
    rss: { peakMb: nat.peakRssMb, demoPeakMb: dem.peakRssMb, pass: rssOk },
    pass: failed.length === 0 && missingLines.length === 0 && rssOk,
    totalSeconds: (Date.now() - started) / 1000,
  };
  fs.writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(report, null, 2));
  log(`Written to bench-results/latest.json`);
}

// ───────────────────────────── soak (issue 8) ─────────────────────────────

async function soak() {
  const seconds = Number(args["soak-seconds"]);
  build();
  const scale = quick ? "quick" : "national";
  const { file } = await databaseFor(scale, scale);
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  const ctx = makeContext(db, `soak`);
  const server = await startServer(file);
  log(`\nSoak: ${seconds} s of mixed reads and writes on the ${scale} database, ${connections} connections`);
  let totals = { requests: 0, errors: 0, statusCodes: {} as Record<string, number> };
  try {
    // Every endpoint that exists in this build, plus log-ins with the demo password.
    const requests: ReturnType<typeof autocannonRequest>[] = [];
    const names: string[] = [];
    for (const endpoint of ENDPOINTS) {
      const req = await resolveCookies(endpoint.build(ctx));
      const status = await probe(server.base, req);
      if (isMissing(req.method, status)) {
        log(`  (skipping ${endpoint.name}: ${status} in this build)`);
        continue;
      }
      requests.push(autocannonRequest(req));
      names.push(endpoint.name);
    }
    const { DEMO_PASSWORD } = await import("../db/seed");
    requests.push({
      method: "POST",
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: BENCH_FIXTURES.participantEmail, password: DEMO_PASSWORD, redirectTo: "/" }).toString(),
    });
    names.push("log-in");
    log(`  mix: ${names.join(", ")}`);
    const startedAt = Date.now();
    const instance = autocannon({ url: server.base, connections, duration: seconds, requests });
    const progress = setInterval(() => {
      const last = server.rss.samples.at(-1);
      log(`  … ${Math.round((Date.now() - startedAt) / 1000)} s, RSS ${last?.mb.toFixed(0) ?? "?"} MB`);
    }, 30_000);
    const result = await instance;
    clearInterval(progress);
    for (const [code, s] of Object.entries(result.statusCodeStats ?? {})) totals.statusCodes[code] = (s as { count?: number }).count ?? 0;
    totals = { ...totals, requests: result.requests.total, errors: result["4xx"] + result["5xx"] + result.errors + result.timeouts };
  } finally {
    await server.stop();
    db.close();
  }
  const samples = server.rss.samples;
  // The first 10 % is warm-up (JIT, caches): "first" is taken after it.
  const warm = samples[Math.floor(samples.length * 0.1)] ?? samples[0];
  const last = samples.at(-2) ?? samples.at(-1);
  const check = new Database(file, { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  const fk = check.pragma("foreign_key_check") as unknown[];
  check.close();
  const firstMb = warm?.mb ?? 0;
  const lastMb = last?.mb ?? 0;
  const stable = lastMb <= Math.max(firstMb * 1.25, firstMb + 40);
  log(`\nSoak results (${seconds} s):`);
  log(`  requests ${totals.requests}, errors ${totals.errors} (status codes ${JSON.stringify(totals.statusCodes)}): ${totals.errors === 0 ? "pass" : "FAIL"}`);
  log(`  RSS first (after warm-up) ${firstMb.toFixed(0)} MB, last ${lastMb.toFixed(0)} MB, peak ${server.rss.peakMb.toFixed(0)} MB: ${stable && server.rss.peakMb < BUDGETS.rssMb ? "stable, pass" : "FAIL"}`);
  log(`  PRAGMA integrity_check: ${integrity}, foreign_key_check: ${fk.length === 0 ? "ok" : `${fk.length} problems`}`);
  const pass = totals.errors === 0 && stable && server.rss.peakMb < BUDGETS.rssMb && integrity === "ok" && fk.length === 0;
  fs.writeFileSync(
    path.join(resultsDir, "soak.json"),
    JSON.stringify({ date: new Date().toISOString(), seconds, scale, ...totals, rss: { firstMb, lastMb, peakMb: server.rss.peakMb, samples: samples.filter((_, i) => i % 25 === 0) }, integrity, foreignKeyProblems: fk.length, pass }, null, 2),
  );
  log(pass ? "Soak: PASS" : "Soak: FAIL");
  if (!pass) process.exitCode = 1;
}

if (args.soak) await soak();
else await bench();
