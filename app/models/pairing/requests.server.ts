/**
 * Partner requests between confirmed participants, accepting them into a partnership, leaving, and the
 * organiser's direct pairing. Every write runs in one BEGIN IMMEDIATE transaction, so two people
 * accepting each other's requests at the same moment are serialised and end in one partnership.
 */
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { getDb, type Db } from "../../../db/client";
import { cohorts, partnerRequests, partnershipMembers, partnerships, users, type Profession } from "../../../db/schema";
import { getFixedT } from "../../i18next.server";
import { queueEmail } from "../notifications.server";
import { preparedQuery } from "../../../db/prepared";
import { PairingError, type PairingErrorCode } from "./errors";
import { activeMembers, activeMembership } from "./partnerships.server";
import { isConfirmedParticipant } from "../registration.server";

const pendingRequestFields = {
  id: partnerRequests.id,
  fromUserId: partnerRequests.fromUserId,
  toUserId: partnerRequests.toUserId,
  message: partnerRequests.message,
  name: users.name,
  profession: users.profession,
  municipality: users.municipality,
};

/** Pending requests to (`direction` "to") or from ("from") a person in a cohort, newest first, bounded. */
function pendingRequests(direction: "to" | "from") {
  const [mine, other] =
    direction === "to" ? [partnerRequests.toUserId, partnerRequests.fromUserId] : [partnerRequests.fromUserId, partnerRequests.toUserId];
  return preparedQuery((db) =>
    db
      .select(pendingRequestFields)
      .from(partnerRequests)
      .innerJoin(users, eq(users.id, other))
      .where(
        and(
          eq(partnerRequests.cohortId, sql.placeholder("cohortId")),
          eq(mine, sql.placeholder("userId")),
          eq(partnerRequests.status, "pending")
        )
      )
      .orderBy(desc(partnerRequests.id))
      .limit(100)
      .prepare()
  );
}
const requestsToMe = pendingRequests("to");
const requestsFromMe = pendingRequests("from");

/** Pending requests to and from the person in the cohort (bounded). */
export function myRequests(cohortId: number, userId: number) {
  return { incoming: requestsToMe().all({ cohortId, userId }), outgoing: requestsFromMe().all({ cohortId, userId }) };
}

// ───────────────────────────── e-mail ─────────────────────────────

type Translators = { nb: TFunction; en: TFunction };
async function translators(): Promise<Translators> {
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  return { nb: nb as TFunction, en: en as TFunction };
}

type Person = { id: number; email: string; name: string; locale: "nb" | "en"; profession: Profession };
function person(userId: number, db: Db): Person {
  const u = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, profession: users.profession })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!u) throw new PairingError("notFound");
  return u;
}

function mail(tr: Translators, to: Person, kind: string, vars: Record<string, string>, dedupeKey?: string) {
  const t = tr[to.locale];
  queueEmail(
    {
      to: to.email,
      userId: to.id,
      subject: t(`partners.email.${kind}.subject`, vars),
      text: t(`partners.email.${kind}.body`, { ...vars, name: to.name }),
      kind: `partners.${kind}`,
      dedupeKey,
    },
    to.locale
  );
}

// ───────────────────────────── writes ─────────────────────────────

function cohortSlug(cohortId: number, db: Db) {
  return db.select({ slug: cohorts.slug, title: cohorts.title }).from(cohorts).where(eq(cohorts.id, cohortId)).get()!;
}

/** Sends a partner request with a short message. Both people must be confirmed participants. */
export async function sendPartnerRequest(input: {
  cohortId: number;
  fromUserId: number;
  toUserId: number;
  message: string;
  baseUrl?: string;
}) {
  const tr = await translators();
  const db = getDb();
  return db.transaction(
    (tx) => {
      const { cohortId, fromUserId, toUserId } = input;
      if (fromUserId === toUserId) throw new PairingError("samePerson");
      if (
        !isConfirmedParticipant(fromUserId, cohortId, tx as unknown as Db) ||
        !isConfirmedParticipant(toUserId, cohortId, tx as unknown as Db)
      )
        throw new PairingError("notParticipant");
      const a = activeMembership(cohortId, fromUserId, tx as unknown as Db);
      const b = activeMembership(cohortId, toUserId, tx as unknown as Db);
      if (a && b && a.partnershipId === b.partnershipId) throw new PairingError("alreadyPartners");
      if (a && b) throw new PairingError("bothPartnered");
      const existing = tx
        .select({ id: partnerRequests.id })
        .from(partnerRequests)
        .where(
          and(
            eq(partnerRequests.cohortId, cohortId),
            eq(partnerRequests.status, "pending"),
            or(
              and(eq(partnerRequests.fromUserId, fromUserId), eq(partnerRequests.toUserId, toUserId)),
              and(eq(partnerRequests.fromUserId, toUserId), eq(partnerRequests.toUserId, fromUserId))
            )
          )
        )
        .get();
      if (existing) throw new PairingError("alreadyRequested");
      const row = tx
        .insert(partnerRequests)
        .values({ cohortId, fromUserId, toUserId, message: input.message.trim().slice(0, 500) })
        .returning()
        .get();
      const from = person(fromUserId, tx as unknown as Db);
      const to = person(toUserId, tx as unknown as Db);
      const c = cohortSlug(cohortId, tx as unknown as Db);
      mail(
        tr,
        to,
        "requestReceived",
        {
          from: from.name,
          message: row.message,
          cohort: c.title,
          url: `${input.baseUrl ?? ""}/cohorts/${c.slug}/partners`,
        },
        `partner-request-${row.id}-received`
      );
      return row;
    },
    { behavior: "immediate" }
  );
}

function loadPendingRequest(tx: Db, requestId: number) {
  const req = tx.select().from(partnerRequests).where(eq(partnerRequests.id, requestId)).get();
  if (!req) throw new PairingError("notFound");
  return req;
}

/**
 * Joins two people: both free → a new partnership; one already in a partnership → the other joins it.
 * Returns the partnership id. Throws when both are in (different) partnerships.
 */
function joinTogether(
  tx: Db,
  cohortId: number,
  aId: number,
  bId: number,
  createdBy: number | null
): { partnershipId: number; created: boolean } {
  const a = activeMembership(cohortId, aId, tx);
  const b = activeMembership(cohortId, bId, tx);
  if (a && b) {
    if (a.partnershipId === b.partnershipId) return { partnershipId: a.partnershipId, created: false };
    throw new PairingError("bothPartnered");
  }
  if (a || b) {
    const partnershipId = (a ?? b)!.partnershipId;
    const joiner = a ? bId : aId;
    tx.insert(partnershipMembers).values({ partnershipId, cohortId, userId: joiner }).run();
    return { partnershipId, created: false };
  }
  const p = tx.insert(partnerships).values({ cohortId, createdByUserId: createdBy }).returning().get();
  tx.insert(partnershipMembers)
    .values([
      { partnershipId: p.id, cohortId, userId: aId },
      { partnershipId: p.id, cohortId, userId: bId },
    ])
    .run();
  return { partnershipId: p.id, created: true };
}

/**
 * Test hook: KP_TEST_TX_HOLD_MS widens the window between reading and writing inside the accept
 * transaction, so the two-process race test really overlaps. Unset (0) everywhere else.
 */
function holdForRaceTest() {
  const ms = Number(process.env.KP_TEST_TX_HOLD_MS ?? 0);
  if (ms > 0) {
    const until = Date.now() + ms;
    while (Date.now() < until) {}
  }
}

export type AcceptResult = { partnershipId: number; alreadyTogether: boolean };

/**
 * The receiver accepts. A stale request (the sender joined another partnership after sending it, or
 * both are now in different partnerships) is marked stale and a PairingError("stale") is thrown; no
 * partnership changes. If both are already in the same partnership (they accepted each other's
 * requests at once), the request is simply marked accepted.
 */
export async function acceptPartnerRequest(input: { requestId: number; userId: number; baseUrl?: string }): Promise<AcceptResult> {
  const tr = await translators();
  const db = getDb();
  const outcome = db.transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const req = loadPendingRequest(tx, input.requestId);
      if (req.toUserId !== input.userId) throw new PairingError("notAllowed");
      const now = new Date();
      const sender = activeMembership(req.cohortId, req.fromUserId, tx);
      const receiver = activeMembership(req.cohortId, req.toUserId, tx);
      holdForRaceTest();
      if (req.status !== "pending") {
        // Settled by the other person accepting the reverse request at the same moment: already together.
        if (req.status === "accepted" && sender && receiver && sender.partnershipId === receiver.partnershipId)
          return { kind: "ok" as const, partnershipId: sender.partnershipId, alreadyTogether: true };
        throw new PairingError("notPending");
      }
      if (sender && receiver && sender.partnershipId === receiver.partnershipId) {
        tx.update(partnerRequests).set({ status: "accepted", respondedAt: now }).where(eq(partnerRequests.id, req.id)).run();
        return { kind: "ok" as const, partnershipId: sender.partnershipId, alreadyTogether: true };
      }
      // Joined after sending (in the same millisecond the order is unknown: taken as joined first).
      const senderMovedOn = sender && sender.joinedAt.getTime() > req.createdAt.getTime();
      if ((sender && receiver) || senderMovedOn || !isConfirmedParticipant(req.fromUserId, req.cohortId, tx)) {
        tx.update(partnerRequests).set({ status: "stale", respondedAt: now }).where(eq(partnerRequests.id, req.id)).run();
        return { kind: "stale" as const };
      }
      const { partnershipId } = joinTogether(tx, req.cohortId, req.fromUserId, req.toUserId, req.toUserId);
      tx.update(partnerRequests).set({ status: "accepted", respondedAt: now }).where(eq(partnerRequests.id, req.id)).run();
      // The reverse request (if any) is settled too.
      tx.update(partnerRequests)
        .set({ status: "accepted", respondedAt: now })
        .where(
          and(
            eq(partnerRequests.cohortId, req.cohortId),
            eq(partnerRequests.fromUserId, req.toUserId),
            eq(partnerRequests.toUserId, req.fromUserId),
            eq(partnerRequests.status, "pending")
          )
        )
        .run();
      const from = person(req.fromUserId, tx);
      const to = person(req.toUserId, tx);
      const c = cohortSlug(req.cohortId, tx);
      const url = `${input.baseUrl ?? ""}/partnerships/${partnershipId}/agreement`;
      mail(tr, from, "requestAccepted", { other: to.name, cohort: c.title, url }, `partner-request-${req.id}-accepted-from`);
      mail(tr, to, "requestAccepted", { other: from.name, cohort: c.title, url }, `partner-request-${req.id}-accepted-to`);
      return { kind: "ok" as const, partnershipId, alreadyTogether: false };
    },
    { behavior: "immediate" }
  );
  if (outcome.kind === "stale") throw new PairingError("stale");
  return { partnershipId: outcome.partnershipId, alreadyTogether: outcome.alreadyTogether };
}

/** Closes a pending request: the receiver declines it or the sender withdraws it; the other side is told. */
async function closePartnerRequest(input: { requestId: number; userId: number }, by: "receiver" | "sender") {
  const tr = await translators();
  const status = by === "receiver" ? "declined" : "withdrawn";
  getDb().transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const req = loadPendingRequest(tx, input.requestId);
      const [actor, other] = by === "receiver" ? [req.toUserId, req.fromUserId] : [req.fromUserId, req.toUserId];
      if (actor !== input.userId) throw new PairingError("notAllowed");
      if (req.status !== "pending") throw new PairingError("notPending");
      tx.update(partnerRequests).set({ status, respondedAt: new Date() }).where(eq(partnerRequests.id, req.id)).run();
      const c = cohortSlug(req.cohortId, tx);
      mail(
        tr,
        person(other, tx),
        by === "receiver" ? "requestDeclined" : "requestWithdrawn",
        { other: person(actor, tx).name, cohort: c.title },
        `partner-request-${req.id}-${status}`
      );
    },
    { behavior: "immediate" }
  );
}

export function declinePartnerRequest(input: { requestId: number; userId: number }) {
  return closePartnerRequest(input, "receiver");
}

export function withdrawPartnerRequest(input: { requestId: number; userId: number }) {
  return closePartnerRequest(input, "sender");
}

/**
 * Leaves the current partnership, recorded with leftAt and a reason. When fewer than two members
 * remain, the partnership is dissolved (the last member's membership ends too).
 */
export async function leavePartnership(input: { cohortId: number; userId: number; reason: string }) {
  const tr = await translators();
  getDb().transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const m = activeMembership(input.cohortId, input.userId, tx);
      if (!m) throw new PairingError("notInPartnership");
      const now = new Date();
      tx.update(partnershipMembers)
        .set({ leftAt: now, leftReason: input.reason.trim().slice(0, 300) || null })
        .where(eq(partnershipMembers.id, m.id))
        .run();
      const rest = activeMembers(m.partnershipId, tx);
      const leaver = person(input.userId, tx);
      const c = cohortSlug(input.cohortId, tx);
      for (const r of rest)
        mail(
          tr,
          person(r.userId, tx),
          "memberLeft",
          { other: leaver.name, cohort: c.title },
          `partnership-${m.partnershipId}-left-${m.id}-to-${r.userId}`
        );
      if (rest.length < 2) {
        tx.update(partnershipMembers)
          .set({ leftAt: now, leftReason: "dissolved" })
          .where(and(eq(partnershipMembers.partnershipId, m.partnershipId), isNull(partnershipMembers.leftAt)))
          .run();
        tx.update(partnerships).set({ dissolvedAt: now }).where(eq(partnerships.id, m.partnershipId)).run();
      }
    },
    { behavior: "immediate" }
  );
}

export type PairOutcome =
  | { gpId: number; physioId: number; partnershipId: number }
  | { gpId: number; physioId: number; error: PairingErrorCode };

/**
 * The organiser pairs people directly (one click or a reviewed "suggest all" proposal). Each pair: both
 * must be confirmed participants; the physiotherapist joins the GP's partnership, or a new one is made.
 * All pairs in one transaction; a pair that breaks a rule is skipped and reported.
 */
export async function pairByOrganiser(input: {
  cohortId: number;
  organiserId: number;
  pairs: { gpId: number; physioId: number }[];
  baseUrl?: string;
  /**
   * Adding to an existing partnership changes its agreement, so it is allowed only when the organiser
   * named that partnership and confirmed; without it only new partnerships are made (and grown within
   * this same call).
   */
  joinPartnershipId?: number;
}): Promise<PairOutcome[]> {
  const tr = await translators();
  return getDb().transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const c = cohortSlug(input.cohortId, tx);
      const results: PairOutcome[] = [];
      const madeNow = new Set<number>();
      for (const pair of input.pairs) {
        try {
          if (pair.gpId === pair.physioId) throw new PairingError("samePerson");
          if (!isConfirmedParticipant(pair.gpId, input.cohortId, tx) || !isConfirmedParticipant(pair.physioId, input.cohortId, tx))
            throw new PairingError("notParticipant");
          // The board only offers free physiotherapists; one paired meanwhile is skipped, never moved or merged.
          if (activeMembership(input.cohortId, pair.physioId, tx)) throw new PairingError("physioTaken");
          const gpPartnership = activeMembership(input.cohortId, pair.gpId, tx)?.partnershipId;
          if (input.joinPartnershipId !== undefined) {
            if (gpPartnership !== input.joinPartnershipId) throw new PairingError("partnershipChanged");
          } else if (gpPartnership !== undefined && !madeNow.has(gpPartnership)) throw new PairingError("gpTaken");
          const { partnershipId, created } = joinTogether(tx, input.cohortId, pair.gpId, pair.physioId, input.organiserId);
          if (created) madeNow.add(partnershipId);
          const gp = person(pair.gpId, tx);
          const physio = person(pair.physioId, tx);
          const url = `${input.baseUrl ?? ""}/partnerships/${partnershipId}/agreement`;
          mail(tr, gp, "paired", { other: physio.name, cohort: c.title, url }, `paired-${partnershipId}-${gp.id}-${physio.id}-gp`);
          mail(tr, physio, "paired", { other: gp.name, cohort: c.title, url }, `paired-${partnershipId}-${gp.id}-${physio.id}-physio`);
          results.push({ ...pair, partnershipId });
        } catch (error) {
          if (!(error instanceof PairingError)) throw error;
          results.push({ ...pair, error: error.code });
        }
      }
      return results;
    },
    { behavior: "immediate" }
  );
}
