/** Start-up: migrate the database, and seed demo data the first time it is empty. */
import { sql } from "drizzle-orm";
import { databasePath, openDatabase } from "./client";
import { seedDemo } from "./seed";

export async function prepareDatabase(file = databasePath()) {
  const db = openDatabase(file);
  try {
    const users = db.get<{ n: number }>(sql`select count(*) as n from users`)?.n ?? 0;
    if (users === 0 && process.env.SEED_ON_START !== "false") {
      await seedDemo(db);
      return { file, seeded: true };
    }
    return { file, seeded: false };
  } finally {
    db.$client.close();
  }
}
