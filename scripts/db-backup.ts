/**
 * `npm run db:backup -- PATH`: an online, consistent copy of the live database (SQLite's backup API,
 * safe while the app is serving and writing). Restore: stop the app, copy PATH over DATABASE_URL
 * (and delete the old -wal/-shm files), start the app.
 */
import path from "node:path";
import { backupDatabase } from "../db/backup";
import { databasePath } from "../db/client";

const target = process.argv[2];
if (!target) {
  console.error("Usage: npm run db:backup -- PATH");
  process.exit(2);
}
const result = await backupDatabase(databasePath(), path.resolve(target));
console.log(`Backup of ${result.source} written to ${result.target} (${result.pages} pages, integrity ${result.integrity}).`);
