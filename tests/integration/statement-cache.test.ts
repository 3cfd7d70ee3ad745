import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { cohorts, registrations } from "../../db/schema";
import { createCohort, createUser, register } from "../helpers/factories";

describe("compiled statements", () => {
  it("compiles a query once and reuses it with new parameters", () => {
    const sqlite = getDb().$client;
    const first = sqlite.prepare("select ? + 1 as n");
    const second = sqlite.prepare("select ? + 1 as n");
    expect(second).toBe(first);
    expect(second.get(1)).toEqual({ n: 2 });
    expect(first.get(41)).toEqual({ n: 42 });
  });

  it("starts every use in object mode even after drizzle ran the same text in raw mode", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const user = await createUser(db);
    register(db, cohort.id, user);
    const joined = db
      .select({ slug: cohorts.slug, status: registrations.status })
      .from(registrations)
      .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
      .where(eq(registrations.userId, user.id));
    expect(joined.all()).toEqual([{ slug: cohort.slug, status: "confirmed" }]); // drizzle: raw rows, mapped
    const { sql, params } = joined.toSQL();
    const rows = db.$client.prepare(sql).all(...params) as unknown[];
    expect(Array.isArray(rows[0])).toBe(false);
    expect(Object.values(rows[0] as object)).toEqual([cohort.slug, "confirmed"]);
  });

  it("gives a statement that is still iterating to nobody else", () => {
    const sqlite = getDb().$client;
    const text = "select value from json_each('[1,2,3]')";
    const outer = sqlite.prepare(text).pluck();
    const seen: number[] = [];
    for (const value of outer.iterate() as IterableIterator<number>) {
      const inner = sqlite.prepare(text);
      expect(inner).not.toBe(outer);
      seen.push(value, (inner.all() as unknown[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  });
});
