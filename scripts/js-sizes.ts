/**
 * JavaScript per page, gzip, for every route of the last client build (budget: participant
 * pages at most 150 kB). Same measure as the benchmark (pageJsKb in scripts/bench-lib.ts).
 *
 *   npm run build && npx tsx scripts/js-sizes.ts [build/client]
 */
import fs from "node:fs";
import path from "node:path";
import { BUDGETS, pageJsKb } from "./bench-lib";
import { ENDPOINTS } from "./bench-endpoints";

const clientDir = path.resolve(process.argv[2] ?? "build/client");
const assets = path.join(clientDir, "assets");
const manifestFile = fs.existsSync(assets) ? fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f)) : undefined;
if (!manifestFile) {
  console.error(`No client route manifest in ${assets}: run \`npm run build\` first.`);
  process.exit(1);
}
const text = fs.readFileSync(path.join(assets, manifestFile), "utf8");
const routeIds = Object.keys((JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { routes: Record<string, unknown> }).routes);

const participant = new Map(ENDPOINTS.filter((e) => e.routeId && e.participantPage).map((e) => [e.routeId!, e.name]));
const rows = routeIds
  .filter((id) => id !== "root")
  .map((id) => ({ id, kb: pageJsKb(id, clientDir) }))
  .sort((a, b) => (b.kb ?? 0) - (a.kb ?? 0));

let over = 0;
const width = Math.max(...rows.map((r) => r.id.length));
for (const r of rows) {
  const name = participant.get(r.id);
  const flag = name ? (r.kb !== null && r.kb > BUDGETS.jsKbGzip ? "  OVER BUDGET" : "  ok") : "";
  if (flag === "  OVER BUDGET") over++;
  console.log(`${r.id.padEnd(width)}  ${r.kb === null ? "n/a" : r.kb.toFixed(1).padStart(6)} kB${name ? `  participant: ${name}` : ""}${flag}`);
}
console.log(`\nParticipant pages over ${BUDGETS.jsKbGzip} kB gzip: ${over}`);
process.exitCode = over ? 1 : 0;
