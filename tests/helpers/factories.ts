/**
 * Test data made directly in the database (no clicking through forms), as the Epic Stack does.
 * Works on any drizzle connection: the test file's own, or the e2e server's database file.
 */
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { cohortOrganisers, cohorts, courseTemplates, evenings, passwords, registrations, sessions, sites, users, type Profession } from "../../db/schema";
import { generateToken, hashToken } from "../../app/utils/crypto.server";
import { sessionCookie, SESSION_LIFETIME_MS } from "../../app/utils/auth.server";
import { osloDateTimeToInstant } from "../../app/utils/time";

export const TEST_PASSWORD = "riktig-passord-123";
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hash(TEST_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 }));

export function uniqueEmail(prefix = "test") {
  return `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@test.knutepunkt.test`;
}

export async function createUser(
  db: Db,
  overrides: Partial<typeof users.$inferInsert> & { profession?: Profession } = {},
) {
  const user = db
    .insert(users)
    .values({
      email: uniqueEmail(overrides.profession ?? "gp"),
      name: "Test Testesen",
      profession: "gp",
      municipality: "Trondheim",
      ...overrides,
    })
    .returning()
    .get();
  db.insert(passwords).values({ userId: user.id, hash: await passwordHash() }).run();
  return user;
}

/** A session row and the Cookie header value that carries it. */
export async function createSessionCookie(db: Db, userId: number) {
  const token = generateToken();
  db.insert(sessions)
    .values({ id: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) })
    .run();
  const setCookie = await sessionCookie.serialize(token);
  const value = setCookie.split(";")[0]!.split("=").slice(1).join("=");
  return { token, name: "kp_session", value, header: `kp_session=${value}` };
}

export function createCohort(
  db: Db,
  overrides: Partial<typeof cohorts.$inferInsert> & { eveningDates?: string[]; organiserIds?: number[] } = {},
) {
  const { eveningDates = ["2027-01-28", "2027-03-11", "2027-04-29", "2027-06-10", "2027-09-16"], organiserIds = [], ...values } = overrides;
  const template = db.select().from(courseTemplates).get() ?? db.insert(courseTemplates).values({ title: "Knutepunkt" }).returning().get();
  const site =
    db.select().from(sites).where(eq(sites.slug, "testby")).get() ??
    db.insert(sites).values({ name: "Testby", slug: "testby" }).returning().get();
  const slug = values.slug ?? `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
  const cohort = db
    .insert(cohorts)
    .values({
      templateId: template.id,
      siteId: site.id,
      title: `Kull ${slug}`,
      venue: "Testsalen",
      capacityGp: 2,
      capacityPhysio: 4,
      // Published, so tests of sign-up and the pages see it; lifecycle tests pass status: "draft".
      status: "published",
      latestEveningEndsAt: eveningDates.length
        ? new Date(Math.max(...eveningDates.map((d) => osloDateTimeToInstant(d, "20:00").getTime())))
        : null,
      ...values,
      slug,
    })
    .returning()
    .get();
  const eveningRows = eveningDates.map((date, i) =>
    db
      .insert(evenings)
      .values({
        cohortId: cohort.id,
        number: i + 1,
        startsAt: osloDateTimeToInstant(date, "17:00"),
        endsAt: osloDateTimeToInstant(date, "20:00"),
        theme: `Tema ${i + 1}`,
        venue: cohort.venue,
      })
      .returning()
      .get(),
  );
  for (const userId of organiserIds) db.insert(cohortOrganisers).values({ cohortId: cohort.id, userId }).run();
  return { cohort, evenings: eveningRows };
}

export function register(db: Db, cohortId: number, user: { id: number; profession: Profession }, status: "confirmed" | "waitlisted" = "confirmed") {
  const now = new Date();
  return db
    .insert(registrations)
    .values({ cohortId, userId: user.id, profession: user.profession, status, queuedAt: now, confirmedAt: status === "confirmed" ? now : null })
    .returning()
    .get();
}

// ── surveys helpers (appended; own import so the lines above stay untouched) ──
import * as surveySchema from "../../db/schema";

/** An active partnership in a cohort with the given members (surveys and pairing tests). */
export function createPartnership(db: Db, cohortId: number, memberIds: number[]) {
  const partnership = db.insert(surveySchema.partnerships).values({ cohortId, createdByUserId: memberIds[0] ?? null }).returning().get();
  for (const userId of memberIds) db.insert(surveySchema.partnershipMembers).values({ partnershipId: partnership.id, cohortId, userId }).run();
  return partnership;
}

/** Creates learning goals on the cohort's template and links them to an evening. */
export function linkLearningGoals(db: Db, eveningId: number, goalTexts: string[]) {
  const evening = db.select().from(surveySchema.evenings).where(eq(surveySchema.evenings.id, eveningId)).get()!;
  const cohort = db.select().from(surveySchema.cohorts).where(eq(surveySchema.cohorts.id, evening.cohortId)).get()!;
  return goalTexts.map((text) => {
    const position = db.select().from(surveySchema.learningGoals).where(eq(surveySchema.learningGoals.templateId, cohort.templateId)).all().length + 1;
    const goal = db.insert(surveySchema.learningGoals).values({ templateId: cohort.templateId, position, text }).returning().get();
    db.insert(surveySchema.eveningLearningGoals).values({ eveningId, learningGoalId: goal.id }).run();
    return goal;
  });
}
