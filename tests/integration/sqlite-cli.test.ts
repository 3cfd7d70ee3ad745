import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";

// The database must stay readable by standard tools: the sqlite3 CLI of Debian 12 (3.40) is the oldest one
// we promise. CI installs it (.ci/run); a missing CLI fails here rather than skipping the check.
const SQLITE3 = process.env.SQLITE3_CLI ?? "/usr/bin/sqlite3";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "knutepunkt-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(file: string, statement: string): string {
  if (!fs.existsSync(SQLITE3)) throw new Error(`The sqlite3 CLI is missing at ${SQLITE3}: install it (apt-get install sqlite3)`);
  return execFileSync(SQLITE3, [file, statement], { encoding: "utf8" }).trim();
}

describe("a database migrated by the app opens in the sqlite3 CLI", () => {
  it("passes the CLI's integrity check and answers a query", () => {
    const file = path.join(dir, "fresh.db");
    const db = openDatabase(file);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();

    expect(cli(file, "PRAGMA integrity_check;")).toBe("ok");
    expect(cli(file, "select count(*) from users;")).toBe("0");
  });
});
