/** `npm run db:reset`: delete the database file and rebuild it with migrations and demo data. */
import fs from "node:fs";
import { databasePath } from "../db/client";
import { prepareDatabase } from "../db/prepare";

const file = databasePath();
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
const result = await prepareDatabase(file);
console.log(`Database rebuilt at ${result.file} (demo data: ${result.seeded ? "yes" : "no"}).`);
