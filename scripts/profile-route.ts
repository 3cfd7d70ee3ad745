/**
 * `npx tsx scripts/profile-route.ts --db PATH --path /url [--as EMAIL] [--n 300]`
 *
 * Times one page of the production build in-process (no HTTP, no load generator), sequentially: the
 * whole document, and the loader data alone (`.data`, single fetch), so the difference is the render.
 * `cpu` is the process's CPU time per request: compare that when other work shares the machine.
 * For finding what a page costs before and after a change; the budgets are judged by `npm run bench`.
 * Add `node --cpu-prof` through NODE_OPTIONS to profile. Needs `npm run build` and a seeded database
 * (e.g. `npm run db:seed -- --scale national --db /tmp/nat.db`). The database is used as is: sessions
 * are added to it. `--alloc` also prints what the document allocates per request (V8's sampling heap
 * profiler, collected objects included), by package and by function: allocation drives GC pauses.
 * `--dump FILE` writes the document once to FILE and prints its size, to see what a page sends.
 */
import inspector from "node:inspector/promises";
import { parseArgs } from "node:util";
import { inProcessServer, sessionCookieOf } from "./in-process";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    path: { type: "string", default: "/" },
    as: { type: "string" },
    n: { type: "string", default: "300" },
    alloc: { type: "boolean", default: false },
    dump: { type: "string" },
  },
});
if (!args.db) throw new Error("--db PATH is required");
const handle = await inProcessServer(args.db);
const cookie = args.as ? await sessionCookieOf(args.as) : undefined;

async function time(url: string, n: number) {
  const ms: number[] = [];
  let status = 0;
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const res = await handle(new Request(`http://localhost${url}`, { headers: cookie ? { cookie } : {} }));
    await res.arrayBuffer();
    status = res.status;
    ms.push(performance.now() - started);
  }
  const cpu = process.cpuUsage(cpuBefore);
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(2);
  // CPU time per request moves far less than wall time when other work shares the machine.
  const cpuMs = ((cpu.user + cpu.system) / 1000 / n).toFixed(2);
  return `status ${status}, cpu ${cpuMs} ms/req, p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms (${n} sequential)`;
}

const n = Number(args.n);
// Single fetch: the data URL puts ".data" after the path, before the query string.
const [pathname, search = ""] = args.path!.split(/(?=\?)/);
const dataUrl = `${pathname === "/" ? "/_root" : pathname!.replace(/\/$/, "")}.data${search}`;
if (args.dump) {
  const html = await (await handle(new Request(`http://localhost${args.path}`, { headers: cookie ? { cookie } : {} }))).text();
  (await import("node:fs")).writeFileSync(args.dump, html);
  console.log(`wrote ${args.dump}: ${(Buffer.byteLength(html) / 1024).toFixed(1)} kB, ${html.split("<").length - 1} tags`);
}
await time(args.path!, 30); // warm-up: module loading, statement caches, JIT
console.log(`document ${args.path}: ${await time(args.path!, n)}`);
await time(dataUrl, 30);
console.log(`data     ${dataUrl}: ${await time(dataUrl, n)}`);

if (args.alloc) await printAllocations(args.path!, n);

/** Sampled allocations of n document requests, per request: by package and by allocating function. */
async function printAllocations(url: string, n: number) {
  type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
  const session = new inspector.Session();
  session.connect();
  await session.post("HeapProfiler.enable");
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as inspector.HeapProfiler.StartSamplingParameterType);
  await time(url, n);
  const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: { head: Node } };
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, size: number) => map.set(key, (map.get(key) ?? 0) + size);
  const walk = (node: Node) => {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const pkg = file.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1] ?? (file.includes("build/server") ? "app (build/server)" : file || "(native)");
    total += node.selfSize;
    add(byPackage, pkg, node.selfSize);
    add(byFunction, `${functionName || "(anonymous)"} ${file.replace(/.*node_modules\//, "")}:${lineNumber}`, node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const kb = (bytes: number) => `${(bytes / n / 1024).toFixed(1).padStart(7)} kB`;
  const top = (map: Map<string, number>, k: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, size]) => `${kb(size)}  ${key}`).join("\n");
  console.log(`allocated per document request: ${kb(total).trim()} (sampled)`);
  console.log(`by package:\n${top(byPackage, 15)}\nby function:\n${top(byFunction, 25)}`);
}
