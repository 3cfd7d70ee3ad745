import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../db/backup";
import { databasePath, getDb } from "../../db/client";
import { users } from "../../db/schema";

describe("online backup", () => {
  it("copies a consistent database while another process keeps writing, and the copy restores", async () => {
    const db = getDb();
    for (let i = 0; i < 200; i++) db.insert(users).values({ email: `b${i}@example.no`, name: `B ${i}`, profession: "gp" }).run();
    // A second process writes continuously during the backup.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const D=require(${JSON.stringify(require.resolve("better-sqlite3"))});const d=new D(${JSON.stringify(databasePath())});d.pragma("busy_timeout=5000");let i=0;const s=d.prepare("insert into users(email,name,profession) values (?,?,'physio')");const end=Date.now()+1500;while(Date.now()<end){s.run("w"+(i++)+"@example.no","W")}console.log(i)`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let written = "";
    writer.stdout.on("data", (d) => (written += d));
    await new Promise((r) => setTimeout(r, 200));
    const target = path.join(os.tmpdir(), `kp-backup-${process.pid}-${Date.now()}.db`);
    const result = await backupDatabase(databasePath(), target);
    await new Promise((r) => writer.once("exit", r));
    expect(Number(written)).toBeGreaterThan(0);
    expect(result.integrity).toBe("ok");

    // Restore = open the copy: every row that existed before the backup started is there.
    const restored = new Database(target, { readonly: true });
    const emails = new Set((restored.prepare("select email from users").all() as { email: string }[]).map((r) => r.email));
    for (let i = 0; i < 200; i++) expect(emails.has(`b${i}@example.no`)).toBe(true);
    expect(restored.pragma("foreign_key_check")).toEqual([]);
    restored.close();
    fs.rmSync(target, { force: true });
  });
});
