import { describe, expect, it } from "vitest";
import { and, eq, gt, sql } from "drizzle-orm";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb, openDatabase } from "../../db/client";
import { encodedPlaceholder, preparedQuery } from "../../db/prepared";
import { sessions, users } from "../../db/schema";
import { createUser } from "../helpers/factories";

const sessionsOfUserAfter = preparedQuery((db) =>
  db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, sql.placeholder("userId")), gt(sessions.expiresAt, encodedPlaceholder(sessions.expiresAt, "after"))))
    .prepare(),
);

describe("preparedQuery", () => {
  it("builds a query once per connection and runs it with new values each time", async () => {
    const db = getDb();
    const first = await createUser(db);
    const second = await createUser(db);
    expect(sessionsOfUserAfter(db)).toBe(sessionsOfUserAfter(db));
    const nameOf = preparedQuery((conn) =>
      conn.select({ name: users.name }).from(users).where(eq(users.id, sql.placeholder("id"))).prepare(),
    );
    expect(nameOf(db).get({ id: first.id })?.name).toBe(first.name);
    expect(nameOf(db).get({ id: second.id })?.name).toBe(second.name);
    expect(nameOf(db).get({ id: -1 })).toBeUndefined();
  });

  it("encodes placeholder values with the column's encoder (a Date for a timestamp column)", async () => {
    const db = getDb();
    const user = await createUser(db);
    const now = Date.now();
    db.insert(sessions)
      .values([
        { id: `old-${user.id}`, userId: user.id, expiresAt: new Date(now - 60_000) },
        { id: `new-${user.id}`, userId: user.id, expiresAt: new Date(now + 60_000) },
      ])
      .run();
    const ids = sessionsOfUserAfter(db)
      .all({ userId: user.id, after: new Date(now) })
      .map((r) => r.id);
    expect(ids).toEqual([`new-${user.id}`]);
    // Why encodedPlaceholder exists: a bare placeholder reaches SQLite unencoded.
    const bare = db.select({ id: sessions.id }).from(sessions).where(gt(sessions.expiresAt, sql.placeholder("after"))).prepare();
    expect(() => bare.all({ after: new Date(now) })).toThrow(/can only bind/);
  });

  it("keeps a separate query for another connection, so closing one leaves the other working", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-prepared-"));
    const other = openDatabase(path.join(dir, "other.db"));
    const main = getDb();
    expect(sessionsOfUserAfter(other)).not.toBe(sessionsOfUserAfter(main));
    expect(sessionsOfUserAfter(other).all({ userId: 1, after: new Date() })).toEqual([]);
    other.$client.close();
    const user = await createUser(main);
    expect(sessionsOfUserAfter(main).all({ userId: user.id, after: new Date(0) })).toEqual([]);
  });
});
