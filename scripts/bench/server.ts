/**
 * The measured server: build, the national-scale database (generated once, then copied per run), the
 * production server on 127.0.0.1, and the RSS of its whole process tree (the primary and its workers).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { benchServerEnv, parseStat, processTree } from "../bench-lib";
import { seedDatabase } from "../seed";

export const root = path.resolve(import.meta.dirname, "../..");
export const resultsDir = path.join(root, "bench-results");

export function build(log: (s: string) => void) {
  log("Building (npm run build) …");
  const started = Date.now();
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error("npm run build failed");
  }
  log(`  built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** A fingerprint of everything the generated data depends on: the database is reused while it matches. */
function dataFingerprint(scale: string, seed: number) {
  const h = crypto.createHash("sha256");
  h.update(`${scale}:${seed}`);
  for (const f of ["db/seed-national.ts", "db/seed.ts", "db/schema.ts", "scripts/seed.ts"]) h.update(fs.readFileSync(path.join(root, f)));
  for (const f of fs.readdirSync(path.join(root, "migrations")).sort()) if (f.endsWith(".sql")) h.update(f);
  return h.digest("hex").slice(0, 16);
}

/** A fresh working copy of the generated database of a scale (generated on first use). */
export async function workingDatabase(scale: string, seed: number, reseed: boolean, log: (s: string) => void) {
  fs.mkdirSync(resultsDir, { recursive: true });
  const pristine = path.join(resultsDir, `${scale}.db`);
  const metaFile = `${pristine}.json`;
  const fingerprint = dataFingerprint(scale, seed);
  let meta: { fingerprint?: string; counts?: Record<string, number> } = {};
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
  } catch {}
  if (reseed || meta.fingerprint !== fingerprint || !fs.existsSync(pristine)) {
    log(`Generating ${path.relative(root, pristine)} (scale ${scale}, seed ${seed}) …`);
    const result = await seedDatabase(pristine, scale, seed, () => {});
    meta = { fingerprint, counts: result.counts };
    fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
    log(`  generated in ${(result.ms / 1000).toFixed(0)} s`);
  }
  const working = path.join(resultsDir, `${scale}.run.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(working + suffix, { force: true });
  fs.copyFileSync(pristine, working);
  return { file: working, counts: meta.counts ?? {} };
}

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

/** RSS of every process in the server's tree, sampled every second. */
export class TreeRss {
  rounds: { t: number; procs: { pid: number; mb: number }[] }[] = [];
  private timer: NodeJS.Timeout;
  constructor(private rootPid: number) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }
  sample() {
    const all: { pid: number; ppid: number }[] = [];
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const s = parseStat(fs.readFileSync(`/proc/${d}/stat`, "utf8"));
        if (s) all.push(s);
      } catch {}
    }
    const procs: { pid: number; mb: number }[] = [];
    for (const pid of processTree(this.rootPid, all)) {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
        if (kb) procs.push({ pid, mb: kb / 1024 });
      } catch {}
    }
    this.rounds.push({ t: Date.now(), procs });
  }
  /** Index of the first round at or after a time (the end of warm-up). */
  indexAt(t: number) {
    const i = this.rounds.findIndex((r) => r.t >= t);
    return i < 0 ? this.rounds.length - 1 : i;
  }
  stop() {
    clearInterval(this.timer);
  }
}

export type Server = { proc: ChildProcess; base: string; rss: TreeRss; stop(): Promise<void> };

export async function startServer(dbFile: string, secret: string, nodeFlags: string[]): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...nodeFlags, "build/express/index.js"], {
    cwd: root,
    env: benchServerEnv({ port, databaseFile: dbFile, sessionSecret: secret }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      proc.kill("SIGTERM");
      throw new Error(`server did not start in 60 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const rss = new TreeRss(proc.pid!);
  return {
    proc,
    base,
    rss,
    async stop() {
      rss.sample();
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

export function gitCommit() {
  return spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
}
