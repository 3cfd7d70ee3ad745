import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";

const TABLES_WITH_DATA = ["users", "passwords", "sites", "course_templates", "learning_goals", "cohorts", "evenings", "registrations", "credit_rules", "cohort_organisers"];

describe("migrations on a database from the first release", () => {
  it("apply every later migration without losing a row", () => {
    const file = path.join(os.tmpdir(), `kp-release0-${process.pid}-${Date.now()}.db`);
    const old = new Database(file);
    old.exec(fs.readFileSync("tests/fixtures/release-0000.sql", "utf8"));
    const before = Object.fromEntries(TABLES_WITH_DATA.map((t) => [t, (old.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]));
    const withdrawn = old.prepare("select user_id, withdrawal_reason from registrations where status = 'withdrawn'").all();
    old.close();
    expect(before.users).toBeGreaterThan(60);

    const db = openDatabase(file); // runs the committed migrations
    const client = db.$client;
    for (const table of TABLES_WITH_DATA) {
      expect((client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n, table).toBe(before[table]);
    }
    expect(client.prepare("select user_id, withdrawal_reason from registrations where status = 'withdrawn'").all()).toEqual(withdrawn);
    // Migration 0005 fills users.directory_listed from the opt-in and the confirmed registrations.
    const listed = "directory_opt_in and exists (select 1 from registrations r where r.user_id = users.id and r.status = 'confirmed')";
    expect(client.prepare(`select count(*) from users where ${listed}`).pluck().get()).toBeGreaterThan(0);
    expect(client.prepare(`select count(*) from users where directory_listed <> (${listed})`).pluck().get()).toBe(0);
    // Migration 0007 counts the listed people per municipality and profession.
    const perMunicipality = "select municipality, sum(profession = 'gp') as gp, sum(profession = 'physio') as physio from users where directory_listed and municipality is not null group by municipality order by municipality";
    expect(client.prepare(perMunicipality).all().length).toBeGreaterThan(0);
    expect(client.prepare("select municipality, gp, physio from directory_municipalities order by municipality").all()).toEqual(client.prepare(perMunicipality).all());
    expect(client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(client.pragma("foreign_key_check")).toEqual([]);
    const applied = (client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    const journal = JSON.parse(fs.readFileSync("migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    expect(applied).toBe(journal.entries.length);
    client.close();
    for (const s of ["", "-wal", "-shm"]) fs.rmSync(file + s, { force: true });
  });
});
