/** The dashboard's partner box: per cohort I take part in, pending incoming requests and my partnership/agreement. */
import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { cohorts, partnerRequests, registrations, users } from "../../db/schema";
import { agreementStatusFor } from "./agreements.server";
import { myPartnership } from "./pairing.server";

export function partnerDashboard(userId: number) {
  const db = getDb();
  const mine = db
    .select({ cohortId: cohorts.id, slug: cohorts.slug, title: cohorts.title })
    .from(registrations)
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    .where(and(eq(registrations.userId, userId), eq(registrations.status, "confirmed")))
    .orderBy(asc(cohorts.id))
    .limit(20)
    .all();
  return mine.map((c) => {
    const incoming = db
      .select({ id: partnerRequests.id, name: users.name, profession: users.profession })
      .from(partnerRequests)
      .innerJoin(users, eq(users.id, partnerRequests.fromUserId))
      .where(and(eq(partnerRequests.cohortId, c.cohortId), eq(partnerRequests.toUserId, userId), eq(partnerRequests.status, "pending")))
      .orderBy(desc(partnerRequests.id))
      .limit(5)
      .all();
    const partnership = myPartnership(c.cohortId, userId);
    const agreement = partnership ? agreementStatusFor([partnership.id], userId).get(partnership.id) ?? null : null;
    return {
      ...c,
      incoming,
      partnership: partnership
        ? {
            id: partnership.id,
            complete: partnership.complete,
            partners: partnership.members.filter((m) => m.userId !== userId).map((m) => m.name),
          }
        : null,
      agreement,
    };
  });
}
export type PartnerDashboardData = ReturnType<typeof partnerDashboard>;
