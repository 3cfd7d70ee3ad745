/**
 * The dashboard's partner box: per cohort I take part in, pending incoming requests and my partnership/agreement.
 * Three queries for all the cohorts together, built once (see db/prepared.ts).
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { preparedQuery } from "../../db/prepared";
import { partnerRequests, partnershipMembers, users, type Profession } from "../../db/schema";
import { myAgreementStatuses, type AgreementStatus } from "./agreements.server";
import { confirmedOnly, myActiveCohorts } from "./cohorts/pages.server";
import { isComplete } from "./pairing/partnerships.server";

/** How many pending requests the box names per cohort. */
const INCOMING_SHOWN = 5;

const pendingRequestsTo = preparedQuery((db) =>
  db
    .select({ cohortId: partnerRequests.cohortId, id: partnerRequests.id, name: users.name, profession: users.profession })
    .from(partnerRequests)
    .innerJoin(users, eq(users.id, partnerRequests.fromUserId))
    .where(and(eq(partnerRequests.toUserId, sql.placeholder("userId")), eq(partnerRequests.status, "pending")))
    .orderBy(desc(partnerRequests.id))
    .prepare(),
);

// The current members of each partnership I am a current member of (me included), as activeMembers orders them.
const mine = alias(partnershipMembers, "mine");
const membersOfMyPartnerships = preparedQuery((db) =>
  db
    .select({ cohortId: mine.cohortId, partnershipId: mine.partnershipId, userId: users.id, name: users.name, profession: users.profession })
    .from(mine)
    .innerJoin(partnershipMembers, and(eq(partnershipMembers.partnershipId, mine.partnershipId), isNull(partnershipMembers.leftAt)))
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(mine.userId, sql.placeholder("userId")), isNull(mine.leftAt)))
    .orderBy(asc(users.profession), asc(users.name))
    .prepare(),
);

type Incoming = { id: number; name: string; profession: Profession };
type Member = { userId: number; name: string; profession: Profession };

/** `confirmed`: the cohorts I am confirmed in, if the caller has read them already. */
export function partnerDashboard(
  userId: number,
  confirmed: { cohortId: number; slug: string; title: string }[] = confirmedOnly(myActiveCohorts(userId)),
) {
  if (confirmed.length === 0) return [];
  const incomingByCohort = new Map<number, Incoming[]>();
  for (const { cohortId, ...request } of pendingRequestsTo().all({ userId })) {
    const list = incomingByCohort.get(cohortId) ?? [];
    if (list.length < INCOMING_SHOWN) list.push(request);
    incomingByCohort.set(cohortId, list);
  }
  // A person is in at most one active partnership per cohort (partnership_members_active_unique).
  const partnershipByCohort = new Map<number, { id: number; members: Member[] }>();
  for (const { cohortId, partnershipId, ...member } of membersOfMyPartnerships().all({ userId })) {
    const p = partnershipByCohort.get(cohortId) ?? { id: partnershipId, members: [] };
    p.members.push(member);
    partnershipByCohort.set(cohortId, p);
  }
  const agreements = partnershipByCohort.size ? myAgreementStatuses(userId) : new Map<number, AgreementStatus>();
  return confirmed.map(({ cohortId, slug, title }) => {
    const partnership = partnershipByCohort.get(cohortId);
    return {
      cohortId,
      slug,
      title,
      incoming: incomingByCohort.get(cohortId) ?? [],
      partnership: partnership
        ? {
            id: partnership.id,
            complete: isComplete(partnership.members),
            partners: partnership.members.filter((m) => m.userId !== userId).map((m) => m.name),
          }
        : null,
      agreement: partnership ? agreements.get(partnership.id) ?? null : null,
    };
  });
}
export type PartnerDashboardData = ReturnType<typeof partnerDashboard>;
