/** Online backup through better-sqlite3's wrapper of the SQLite backup API, checked after writing. */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export async function backupDatabase(source: string, target: string) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const { totalPages } = await db.backup(target);
    const copy = new Database(target, { readonly: true });
    const integrity = copy.pragma("integrity_check", { simple: true }) as string;
    copy.close();
    if (integrity !== "ok") throw new Error(`The backup failed its integrity check: ${integrity}`);
    return { source, target, pages: totalPages, integrity };
  } finally {
    db.close();
  }
}
