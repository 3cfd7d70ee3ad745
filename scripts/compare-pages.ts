/**
 * `npx tsx scripts/compare-pages.ts --db PATH [--build FILE] [--rounds 30] PAGE...`
 *
 * Times several pages of a production server build in-process, interleaved: every round runs a batch of 20
 * requests of each page in turn, and each page's figure is its median batch. The first page is the
 * reference (usually `/login`), and each line shows the reference's time divided by the page's, the way
 * `npm run bench` reads requests/s. A PAGE is `/path` (logged out) or `email|/path` (a session of that
 * person is added to the database). Interleaving keeps this machine's drift out of the comparison; to
 * compare two builds, copy the first build's `build/server/index.js` aside (inside the project, e.g.
 * `node_modules/.cache/kp/before.js`, so its imports resolve), rebuild, and run the script on each build
 * alternately with `--build`. The sixth round of issue 7 measured its changes this way (docs/benchmark.md).
 * Needs `npm run build` and a seeded database (e.g. bench-results/national.db after a bench run).
 */
import { parseArgs } from "node:util";
import { inProcessServer, sessionCookieOf } from "./in-process";

const { values: args, positionals: pages } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string" },
    build: { type: "string", default: "build/server/index.js" },
    rounds: { type: "string", default: "30" },
  },
});
if (!args.db || pages.length === 0) {
  console.error("Usage: npx tsx scripts/compare-pages.ts --db PATH [--build FILE] [--rounds 30] /login 'email|/path' …");
  process.exit(2);
}
const handle = await inProcessServer(args.db, args.build);
const measured = await Promise.all(
  pages.map(async (page) => {
    const [email, url] = page.includes("|") ? page.split("|") : [undefined, page];
    return { url: url!, cookie: email ? await sessionCookieOf(email) : undefined, batches: [] as number[], bytes: 0 };
  }),
);

async function request(page: (typeof measured)[number]) {
  const res = await handle(new Request(`http://localhost${page.url}`, { headers: page.cookie ? { cookie: page.cookie } : {} }));
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${page.url}: status ${res.status}`);
  page.bytes = body.byteLength;
}

const BATCH = 20;
for (const page of measured) for (let i = 0; i < 50; i++) await request(page); // warm-up: modules, statement caches, JIT
for (let round = 0; round < Number(args.rounds); round++) {
  for (const page of measured) {
    const started = performance.now();
    for (let i = 0; i < BATCH; i++) await request(page);
    page.batches.push((performance.now() - started) / BATCH);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const reference = median(measured[0]!.batches);
for (const page of measured) {
  const ms = median(page.batches);
  console.log(`${ms.toFixed(2)} ms  ${(reference / ms).toFixed(2)} of the first  ${(page.bytes / 1024).toFixed(1)} kB  ${page.url}`);
}
