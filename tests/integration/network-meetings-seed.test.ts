import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { alumniEmail, ALUMNI, seedDemo } from "../../db/seed";
import { upcomingMeetingsFor } from "../../app/models/meetings/meetings.server";
import { openCohortsPageOf } from "../../app/models/cohorts/catalogue.server";

describe("demo data", () => {
  it("has an upcoming published fagdag for the demo site with a programme and alumni signed up", async () => {
    const db = getDb();
    await seedDemo(db);
    const alumnus = db.select().from(users).where(eq(users.email, alumniEmail(ALUMNI[0]![0]))).get()!;
    const [meeting] = upcomingMeetingsFor(alumnus.id);
    expect(meeting).toMatchObject({ title: expect.stringContaining("Fagdag"), myStatus: "confirmed", online: true });
    expect(meeting!.startsAt.getTime()).toBeGreaterThan(Date.now());
    // Not among the courses.
    expect(openCohortsPageOf({}).rows.map((r) => r.slug)).not.toContain(meeting!.slug);
  }, 60_000);
});
