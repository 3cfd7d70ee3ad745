/** The organiser's matching board: every confirmed participant with partnership and load. */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { partnershipMembers, partnerships, registrations, users, type Profession } from "../../../db/schema";
import { agreementStatusFor } from "../agreements.server";
import { activeMembers, activeMembership, isComplete } from "./partnerships.server";
import { suggestAll } from "./suggestions";

export type Participant = {
  id: number;
  name: string;
  profession: Profession;
  municipality: string | null;
  practice: string | null;
  partnershipId: number | null;
  /** For a GP: physiotherapists in the GP's partnership. For a physio: GPs in theirs. */
  partnerCount: number;
};

/** Every confirmed participant of the cohort with partnership and load, in two queries. */
export function cohortParticipants(cohortId: number): Participant[] {
  const db = getDb();
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      profession: users.profession,
      municipality: users.municipality,
      practice: users.practice,
      partnershipId: partnershipMembers.partnershipId,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(
      partnershipMembers,
      and(eq(partnershipMembers.cohortId, cohortId), eq(partnershipMembers.userId, users.id), isNull(partnershipMembers.leftAt))
    )
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.status, "confirmed")))
    .orderBy(asc(users.name))
    .all();
  const byPartnership = new Map<number, { gp: number; physio: number }>();
  for (const r of rows) {
    if (!r.partnershipId) continue;
    const c = byPartnership.get(r.partnershipId) ?? { gp: 0, physio: 0 };
    if (r.profession === "gp") c.gp++;
    if (r.profession === "physio") c.physio++;
    byPartnership.set(r.partnershipId, c);
  }
  return rows.map((r) => {
    const c = r.partnershipId ? byPartnership.get(r.partnershipId)! : { gp: 0, physio: 0 };
    return { ...r, partnerCount: r.profession === "gp" ? c.physio : r.profession === "physio" ? c.gp : 0 };
  });
}

export function matchingCounts(participants: Participant[]) {
  const groups = new Map<number, Participant[]>();
  for (const p of participants) if (p.partnershipId) groups.set(p.partnershipId, [...(groups.get(p.partnershipId) ?? []), p]);
  const incomplete = [...groups.values()].filter((g) => !isComplete(g)).length;
  const paired = participants.filter((p) => p.partnershipId).length;
  return { paired, unpaired: participants.length - paired, partnerships: groups.size, incomplete };
}

/** Ids of the cohort's partnerships in which the user is a member now (for quick permission checks). */
export function partnershipIdsOf(userId: number): number[] {
  return getDb()
    .select({ id: partnershipMembers.partnershipId })
    .from(partnershipMembers)
    .where(and(eq(partnershipMembers.userId, userId), isNull(partnershipMembers.leftAt)))
    .all()
    .map((r) => r.id);
}

export function partnershipsByIds(ids: number[]) {
  if (ids.length === 0) return [];
  return getDb().select().from(partnerships).where(inArray(partnerships.id, ids)).all();
}

/**
 * The board's inputs for suggestAll: only people without a partnership, so saving a proposal never
 * changes an existing partnership (or its agreement). Growing one is the separate joinPreview step.
 */
export function suggestAllForCohort(participants: Participant[]) {
  const gps = participants
    .filter((p) => p.profession === "gp" && !p.partnershipId)
    .map((p) => ({ id: p.id, name: p.name, municipality: p.municipality, load: p.partnerCount }));
  const physios = participants
    .filter((p) => p.profession === "physio" && !p.partnershipId)
    .map((p) => ({ id: p.id, name: p.name, municipality: p.municipality }));
  return suggestAll(gps, physios);
}

/**
 * What adding a free physiotherapist to a GP's existing partnership would change, for the organiser's
 * confirmation: the partnership, its members and whether its agreement is in force now (it stops being so
 * until everyone confirms again). Null when the GP has no partnership or the physiotherapist is not free.
 */
export function joinPreview(cohortId: number, gpId: number, physioId: number) {
  const participants = cohortParticipants(cohortId);
  const gp = participants.find((p) => p.id === gpId && p.profession === "gp");
  const physio = participants.find((p) => p.id === physioId && p.profession === "physio");
  if (!gp?.partnershipId || !physio || physio.partnershipId) return null;
  const membership = activeMembership(cohortId, gpId);
  if (!membership) return null;
  const status = agreementStatusFor([membership.partnershipId], 0).get(membership.partnershipId);
  return {
    partnershipId: membership.partnershipId,
    members: activeMembers(membership.partnershipId).map((m) => m.name),
    gp: { id: gp.id, name: gp.name },
    physio: { id: physio.id, name: physio.name },
    agreementInForce: status?.inForce ?? false,
    hasAgreement: status?.version != null,
  };
}
