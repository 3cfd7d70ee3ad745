/**
 * `npm run db:seed -- --scale national|quick|small|fixtures|demo --db PATH [--seed N]`
 *
 * Fills a FRESH database (the file is deleted first) migrated through openDatabase. `demo` runs the
 * normal demo seed (db/seed.ts); the other scales run db/seed-national.ts (demo + bench fixtures +
 * a share of the national bulk: national = 1, quick = 1/5, small = 1/50, fixtures = 0).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { seedDemo } from "../db/seed";
import { SCALES, seedNational } from "../db/seed-national";

export async function seedDatabase(file: string, scaleName: string, seed = 1, log: (line: string) => void = console.log) {
  if (scaleName !== "demo" && !(scaleName in SCALES)) {
    throw new Error(`Unknown --scale ${scaleName} (use demo, ${Object.keys(SCALES).join(", ")})`);
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const started = Date.now();
  const db = openDatabase(file);
  db.$client.pragma("journal_mode = WAL");
  db.$client.pragma("synchronous = OFF");
  db.$client.pragma("cache_size = -200000");
  let counts: Record<string, number>;
  try {
    if (scaleName === "demo") {
      await seedDemo(db);
      counts = {};
      const tables = db.$client
        .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
        .all() as { name: string }[];
      for (const { name } of tables) counts[name] = (db.$client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
    } else {
      counts = await seedNational(db, { scale: SCALES[scaleName]!, seed, log });
    }
    db.$client.pragma("synchronous = NORMAL");
    // No ANALYZE: a production database has no planner statistics unless someone runs it, and the
    // benchmark should see the plans production sees. (tests/integration/query-plans.test.ts checks both.)
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.$client.close();
  }
  return { file, scale: scaleName, seed, ms: Date.now() - started, counts };
}

const isMain = process.argv[1]?.replace(/\\/g, "/").endsWith("scripts/seed.ts");
if (isMain) {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "demo" },
      db: { type: "string" },
      seed: { type: "string", default: "1" },
    },
  });
  // The file is deleted first, so it is never guessed: --db is required.
  if (!values.db) {
    console.error("Usage: npm run db:seed -- --scale demo|fixtures|small|quick|national --db PATH [--seed N]");
    process.exit(2);
  }
  const file = values.db;
  const result = await seedDatabase(file, values.scale!, Number(values.seed));
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [table, n] of Object.entries(result.counts)) console.log(`${table.padEnd(width)}  ${n.toLocaleString("en-US").padStart(9)}`);
  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  console.log(`Seeded ${result.file} (scale ${result.scale}, seed ${result.seed}): ${rows.toLocaleString("en-US")} rows in ${(result.ms / 1000).toFixed(1)} s`);
}
