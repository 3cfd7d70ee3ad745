/**
 * The one SQLite connection of a process: WAL, foreign keys, a busy timeout, and the committed
 * drizzle-kit migrations applied on first use.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return process.env.DATABASE_URL?.replace(/^file:/, "") || "data/knutepunkt.db";
}

function migrationsFolder(): string {
  // Works from the source tree (tsx, vitest) and from the Vite server build (build/server/index.js).
  const candidates = [
    process.env.MIGRATIONS_DIR,
    path.resolve(process.cwd(), "migrations"),
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations"),
  ].filter(Boolean) as string[];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "meta", "_journal.json")));
  if (!found) throw new Error(`No migrations folder found (looked in ${candidates.join(", ")})`);
  return found;
}

export function openDatabase(file = databasePath(), { runMigrations = true } = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Deleted rows are overwritten with zeros, so a copy of the files keeps no deleted person or sealed answer.
  sqlite.pragma("secure_delete = ON");
  // SQLite's default page cache (2 MB) does not hold the pages a network search of a big municipality
  // reads, so they came from the OS again on every request. 16 MB does; it only grows as pages are read.
  sqlite.pragma("cache_size = -16000");
  const db = drizzle(sqlite, { schema }) as Db;
  if (runMigrations) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

const globalForDb = globalThis as unknown as { __knutepunktDb?: { file: string; db: Db } };

/** The process-wide connection, opened (and migrated) lazily for the current DATABASE_URL. */
export function getDb(): Db {
  const file = databasePath();
  const cached = globalForDb.__knutepunktDb;
  if (cached && cached.file === file) return cached.db;
  if (cached) cached.db.$client.close();
  const db = openDatabase(file);
  globalForDb.__knutepunktDb = { file, db };
  return db;
}

export function closeDb() {
  globalForDb.__knutepunktDb?.db.$client.close();
  globalForDb.__knutepunktDb = undefined;
}

export { schema };
