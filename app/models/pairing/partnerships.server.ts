/**
 * Partnerships and their members: a GP with one or more physiotherapists, or a practice with several
 * GPs, is ONE partnership. A person is in at most one active partnership per cohort (unique partial index
 * partnership_members_active_unique on (cohort_id, user_id) WHERE left_at IS NULL).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { cohorts, partnershipMembers, partnerships, users, type Profession } from "../../../db/schema";
import { preparedQuery } from "../../../db/prepared";

/** A partnership counts as complete when it has at least one GP and at least one physiotherapist. */
export function isComplete(members: { profession: Profession }[]): boolean {
  return members.some((m) => m.profession === "gp") && members.some((m) => m.profession === "physio");
}

// Every partner page and the dashboard read these (built once per connection, db/prepared.ts).
const activeMembershipOf = preparedQuery((db) =>
  db
    .select()
    .from(partnershipMembers)
    .where(
      and(
        eq(partnershipMembers.cohortId, sql.placeholder("cohortId")),
        eq(partnershipMembers.userId, sql.placeholder("userId")),
        isNull(partnershipMembers.leftAt)
      )
    )
    .prepare()
);

export function activeMembership(cohortId: number, userId: number, db: Db = getDb()) {
  return activeMembershipOf(db).get({ cohortId, userId });
}

export type MemberView = {
  userId: number;
  name: string;
  email: string;
  profession: Profession;
  practice: string | null;
  municipality: string | null;
  phone: string | null;
};

const activeMembersOf = preparedQuery((db) =>
  db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      profession: users.profession,
      practice: users.practice,
      municipality: users.municipality,
      phone: users.phone,
    })
    .from(partnershipMembers)
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(partnershipMembers.partnershipId, sql.placeholder("partnershipId")), isNull(partnershipMembers.leftAt)))
    .orderBy(asc(users.profession), asc(users.name))
    .prepare()
);

export function activeMembers(partnershipId: number, db: Db = getDb()): MemberView[] {
  return activeMembersOf(db).all({ partnershipId });
}

export function getPartnership(partnershipId: number, db: Db = getDb()) {
  return db.select().from(partnerships).where(eq(partnerships.id, partnershipId)).get();
}

/** The person's current partnership in the cohort with its members, or null. */
export function myPartnership(cohortId: number, userId: number) {
  const m = activeMembership(cohortId, userId);
  if (!m) return null;
  const members = activeMembers(m.partnershipId);
  return { id: m.partnershipId, members, complete: isComplete(members) };
}
// The partner page reads its cohort on every request (built once per connection, db/prepared.ts).
const partnerPageCohortOf = preparedQuery((db) =>
  db
    .select({ id: cohorts.id, slug: cohorts.slug, title: cohorts.title })
    .from(cohorts)
    // A network meeting has no partners: its partner page does not exist.
    .where(and(eq(cohorts.slug, sql.placeholder("slug")), eq(cohorts.kind, "course")))
    .prepare()
);

/** The cohort of a partner page by its slug, or undefined. */
export function partnerPageCohort(slug: string) {
  return partnerPageCohortOf().get({ slug });
}
