/**
 * Hostile input to every form: the test finds each page's POST forms (from the route manifest and the
 * rendered HTML), then posts random and hostile values (fast-check) for their fields as a role allowed to
 * use the form. No answer may be a 5xx; a refused submission (4xx) must leave the database unchanged; no
 * hostile markup may come back unescaped. Runs against its own server and database.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { createSessionCookie } from "../helpers/factories";
import { startAppServer } from "../setup/e2e-server";
import { ACCESS, allowedRoles, createAccessFixtures, type Fixtures, type Role } from "./access-rules";

const SCRIPT = "<script>alert('xss')</script>";
const hostile = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    SCRIPT,
    "<img src=x onerror=alert(1)>",
    "' OR 1=1 --",
    "Robert'); DROP TABLE users;--",
    "\u0000",
    "😀👩‍⚕️ æøå ÆØÅ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "9".repeat(40),
    "2027-02-30",
    "99:99",
    "javascript:alert(1)",
    "x".repeat(20_000),
  ),
  fc.string({ maxLength: 200 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
);

/** Tables whose content a refused submission must not change (log-in counters and sessions may). */
const VOLATILE = new Set(["login_attempts", "sessions", "__drizzle_migrations", "sqlite_sequence"]);
function fingerprint(db: Db) {
  const tables = (db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !VOLATILE.has(t))
    .sort();
  const hash = crypto.createHash("sha1");
  // WITHOUT ROWID tables (the FTS5 index's shadow tables users_fts_config/_idx) have no rowid: they are read in primary-key order.
  const withoutRowid = new Set((db.$client.prepare("select name from pragma_table_list where wr = 1").all() as { name: string }[]).map((r) => r.name));
  for (const t of tables) hash.update(t + JSON.stringify(db.$client.prepare(`select * from "${t}"${withoutRowid.has(t) ? "" : " order by rowid"}`).all()));
  return hash.digest("hex");
}

type Form = { action: string; fields: { name: string; value: string; hidden: boolean }[] };
function postForms(html: string, pageUrl: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = match[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/i.exec(attrs)?.[1]?.replace(/&amp;/g, "&") || pageUrl;
    const fields: Form["fields"] = [];
    for (const input of match[2]!.matchAll(/<(input|select|textarea|button)\b([^>]*)>/gi)) {
      const name = /\bname="([^"]+)"/.exec(input[2]!)?.[1];
      if (!name) continue;
      const value = /\bvalue="([^"]*)"/.exec(input[2]!)?.[1] ?? "";
      const hidden = /type="hidden"/.test(input[2]!) || input[1]!.toLowerCase() === "button";
      fields.push({ name, value, hidden });
    }
    if (fields.length) forms.push({ action, fields });
  }
  return forms;
}

const PREFERRED: Role[] = ["organiser", "participant", "admin", "anonymous"];

let server: Awaited<ReturnType<typeof startAppServer>>;
let db: Db;
let fixtures: Fixtures;
const cookie: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  server = await startAppServer();
  db = openDatabase(server.dbPath, { runMigrations: false });
  const setup = await createAccessFixtures(db);
  fixtures = setup.fixtures;
  for (const [role, id] of Object.entries(setup.sessionFor)) {
    if (id !== null) cookie[role as Role] = (await createSessionCookie(db, id)).header;
  }
});
afterAll(async () => {
  db?.$client.close();
  await server?.stop();
});

describe("hostile form input", () => {
  it("never crashes, never stores a refused submission, never echoes markup unescaped", async () => {
    const build = (await import(pathToFileURL(path.resolve("build/server/index.js")).href)) as ServerBuild;
    const problems: string[] = [];
    let posts = 0;
    let formsTried = 0;
    for (const route of Object.values(build.routes)) {
      if (!route) continue;
      const rule = ACCESS.rules[route.id];
      if (!rule || rule.skip || rule.noActionProbe || typeof route.module.action !== "function" || typeof route.module.default !== "function") continue;
      const allowed = allowedRoles(rule.access);
      const role = rule.access === "public" ? "anonymous" : PREFERRED.find((r) => allowed.includes(r))!;
      const headers: Record<string, string> = role === "anonymous" ? {} : { Cookie: cookie[role]! };
      const pageUrl = rule.url(fixtures);
      const page = await fetch(server.baseUrl + pageUrl, { headers });
      const forms = postForms(await page.text(), pageUrl).filter((f) => !f.action.startsWith("/logout") && !f.action.startsWith("/language"));
      for (const form of forms) {
        formsTried++;
        await fc.assert(
          fc.asyncProperty(fc.array(hostile, { minLength: form.fields.length, maxLength: form.fields.length }), fc.boolean(), async (values, duplicate) => {
            const body = new URLSearchParams();
            form.fields.forEach((f, i) => {
              // Keep the form's own intent/hidden values half the time so the real branches are reached.
              const value = f.hidden && i % 2 === 0 ? f.value : values[i]!;
              body.append(f.name, value);
              if (duplicate) body.append(f.name, values[(i + 1) % values.length]!);
            });
            const before = fingerprint(db);
            const res = await fetch(server.baseUrl + form.action, {
              method: "POST",
              headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
              body: body.toString(),
              redirect: "manual",
            });
            posts++;
            const text = await res.text();
            if (res.status >= 500) problems.push(`${form.action} as ${role}: ${res.status}`);
            if (text.includes(SCRIPT)) problems.push(`${form.action}: hostile markup echoed unescaped`);
            if (res.status >= 400 && res.status < 500 && fingerprint(db) !== before) {
              problems.push(`${form.action}: refused with ${res.status} but the database changed`);
            }
          }),
          { numRuns: 12, seed: 20271 },
        );
      }
    }
    console.info(`bad input: ${formsTried} forms, ${posts} hostile submissions`);
    expect(formsTried).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });
});
