/**
 * `npx tsx scripts/profile-server.ts --db PATH --path /url [--as EMAIL] [--seconds 10] [--top 25]`
 *
 * What a page costs beyond the log-in page (issue 7's reference), per request: starts the production
 * server (`build/`, as `npm start` runs it) under `node --cpu-prof`, drives first `/login` and then the
 * page with autocannon (10 connections), each on a fresh server, and prints the CPU time per request of
 * each package and function, page minus log-in page, largest first. A cost every page shares (route
 * matching, the Express adapter) cancels out; what is left is what lowers the page's ratio in
 * `npm run bench`. Needs `npm run build` and a seeded database (e.g. bench-results/national.db after a
 * bench run); the database is migrated and used as is. Profiling adds overhead to small functions, so
 * compare the numbers with each other, not with the bench.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { DEMO_PASSWORD } from "../db/seed";
import { benchServerEnv } from "./bench-lib";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    path: { type: "string" },
    as: { type: "string" },
    seconds: { type: "string", default: "10" },
    top: { type: "string", default: "25" },
  },
});
if (!args.db || !args.path) {
  console.error("Usage: npx tsx scripts/profile-server.ts --db PATH --path /url [--as EMAIL] [--seconds 10] [--top 25]");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "..");

type CallFrame = { functionName: string; url: string; lineNumber: number };
type Profile = { nodes: { id: number; callFrame: CallFrame }[]; samples: number[]; timeDeltas: number[] };

/** Runs the server under the profiler while autocannon drives `url`; the profile and the requests served. */
async function profile(url: string, loginAs: string | undefined, port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-cpuprof-"));
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--max-old-space-size=192", "--max-semi-space-size=16", "--cpu-prof", `--cpu-prof-dir=${dir}`, "build/express/index.js"], {
    cwd: root,
    env: benchServerEnv({
      port,
      databaseFile: path.resolve(args.db!),
      sessionSecret: process.env.SESSION_SECRET ?? "profile-server-secret-0123456789abcdef",
    }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (server.exitCode !== null || tries > 300) throw new Error("the server did not start (see above)");
    await new Promise((r) => setTimeout(r, 200));
  }
  let cookie: string | undefined;
  if (loginAs) {
    const res = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      body: new URLSearchParams({ email: loginAs, password: DEMO_PASSWORD, redirectTo: "/" }),
    });
    cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    if (!cookie) throw new Error(`could not log in as ${loginAs} (demo password)`);
  }
  const result = await autocannon({ url: base + url, connections: 10, duration: Number(args.seconds), headers: cookie ? { cookie } : {} });
  if (result.non2xx) throw new Error(`${url}: ${result.non2xx} responses were not 2xx`);
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGINT"); // writes the profile on a clean exit
  await exited;
  const file = fs.readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no CPU profile was written");
  const cpu = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as Profile;
  fs.rmSync(dir, { recursive: true, force: true });
  return { cpu, requests: result.requests.total };
}

/** Self time per request (µs) by package and by function, idle time left out. */
function perRequest({ cpu, requests }: { cpu: Profile; requests: number }) {
  const frames = new Map(cpu.nodes.map((n) => [n.id, n.callFrame]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  cpu.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    if (frame.functionName === "(idle)") return;
    const us = (cpu.timeDeltas[i] ?? 0) / requests;
    const pkg = frame.url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ?? (frame.url.includes("build/server") ? "app (build/server)" : frame.url ? path.basename(frame.url) : frame.functionName);
    add(byPackage, pkg, us);
    add(byFunction, `${frame.functionName || "(anonymous)"} ${frame.url.replace(/.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${frame.lineNumber + 1}`, us);
  });
  return { byPackage, byFunction };
}

function printDifference(title: string, reference: Map<string, number>, page: Map<string, number>, top: number) {
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${title}: log-in page ${total(reference).toFixed(0)} µs/request, page ${total(page).toFixed(0)} µs/request`);
  const keys = [...new Set([...reference.keys(), ...page.keys()])];
  const rows = keys.map((k) => ({ k, ref: reference.get(k) ?? 0, page: page.get(k) ?? 0 })).sort((a, b) => b.page - b.ref - (a.page - a.ref));
  for (const r of rows.slice(0, top)) console.log(`${(r.page - r.ref).toFixed(0).padStart(7)} µs  (log-in ${r.ref.toFixed(0).padStart(5)}, page ${r.page.toFixed(0).padStart(5)})  ${r.k}`);
}

const reference = perRequest(await profile("/login", undefined, 4790));
const page = perRequest(await profile(args.path, args.as, 4791));
const top = Number(args.top);
printDifference("By package, page minus log-in page", reference.byPackage, page.byPackage, top);
printDifference("By function, page minus log-in page", reference.byFunction, page.byFunction, top);
