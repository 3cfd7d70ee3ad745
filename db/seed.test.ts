import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "./client";
import { cohorts, evenings, learningGoals, registrations, users } from "./schema";
import { seedDemo } from "./seed";
import { instantToOslo } from "../app/utils/time";

describe("demo seed", () => {
  it("creates trondheim-2027 with five 17–20 evenings in 2027, goals and 20 GPs + 40 physiotherapists", async () => {
    const db = getDb();
    await seedDemo(db);
    const cohort = db.select().from(cohorts).where(eq(cohorts.slug, "trondheim-2027")).get()!;
    const rows = db.select().from(evenings).where(eq(evenings.cohortId, cohort.id)).all();
    expect(rows).toHaveLength(5);
    for (const e of rows) {
      expect(instantToOslo(e.startsAt).time).toBe("17:00");
      expect(instantToOslo(e.endsAt).time).toBe("20:00");
      expect(instantToOslo(e.startsAt).date.startsWith("2027")).toBe(true);
    }
    expect(db.select().from(learningGoals).all()).toHaveLength(3);
    const count = (p: "gp" | "physio") => db.get<{ n: number }>(sql`select count(*) as n from users where profession = ${p}`)!.n;
    expect(count("gp")).toBe(21); // 20 participants + the demo organiser, who is a GP
    expect(count("physio")).toBe(40);
    const municipalities = new Set(db.select({ m: users.municipality }).from(users).all().map((r) => r.m));
    for (const m of ["Trondheim", "Malvik", "Stjørdal", "Levanger"]) expect(municipalities).toContain(m);
    expect(db.select().from(registrations).all().length).toBe(54);
  });
});
