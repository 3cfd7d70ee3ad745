import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "./client";
import { isFinished } from "../app/models/cohorts/lifecycle.server";
import { cohorts, collaborationContacts, evenings, learningGoals, partnerships, registrations, surveys, users } from "./schema";
import { ALUMNI, alumniEmail, seedDemo } from "./seed";
import { cohortCollaborationSummary } from "../app/models/collaboration-log.server";
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
    expect(count("gp")).toBe(27); // 20 participants + the demo organiser, who is a GP + 6 in the finished cohort
    expect(count("physio")).toBe(46);
    const municipalities = new Set(db.select({ m: users.municipality }).from(users).all().map((r) => r.m));
    for (const m of ["Trondheim", "Malvik", "Stjørdal", "Levanger"]) expect(municipalities).toContain(m);
    expect(db.select().from(registrations).all().length).toBe(54 + 12 + 4); // two courses and the fagdag's four alumni
  });

  it("has a finished cohort with six partnerships, a collaboration log and the follow-up beside the final evaluation", async () => {
    const db = getDb();
    const finished = db.select().from(cohorts).where(eq(cohorts.slug, "trondheim-2026")).get()!;
    expect(finished.status).toBe("published");
    expect(isFinished(finished, new Date("2026-12-07T12:00:00Z"))).toBe(true);
    expect(db.select().from(partnerships).where(eq(partnerships.cohortId, finished.id)).all()).toHaveLength(6);
    const first = db.select().from(users).where(eq(users.email, alumniEmail(ALUMNI[0][0]))).get()!;
    const log = db.select().from(collaborationContacts).where(eq(collaborationContacts.createdByUserId, first.id)).all();
    expect(log.length).toBeGreaterThan(0);
    const kinds = db.select({ kind: surveys.kind }).from(surveys).where(eq(surveys.cohortId, finished.id)).all().map((s) => s.kind);
    expect(kinds.sort()).toEqual(["final", "followup"]);
    expect(cohortCollaborationSummary(finished.id, new Date("2026-12-07T12:00:00Z"))).toMatchObject({ tooFew: false, partnerships: 6 });
  });
});
