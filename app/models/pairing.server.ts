/**
 * Partner finding: requests between confirmed participants of a cohort, partnerships (a GP with one or
 * more physiotherapists, or a practice with several GPs, is ONE partnership), leaving, the organiser's
 * direct pairing, and the suggestion ranking / "suggest all" assignment (pure functions).
 *
 * Invariants:
 * - A person is in at most one active partnership per cohort (unique partial index
 *   partnership_members_active_unique on (cohort_id, user_id) WHERE left_at IS NULL).
 * - Every write runs in one BEGIN IMMEDIATE transaction, so two people accepting each other's requests
 *   at the same moment are serialised and end in one partnership.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { pageWindow } from "../utils/pagination";
import { getDb } from "../../db/client";
import { cohorts, partnerRequests, partnershipMembers, partnerships, registrations, users, type Profession } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";
import { preparedQuery } from "../../db/prepared";
import { forbidden, isConfirmedParticipant as isConfirmedIn, isOrganiserOf, notFound, requireUser } from "../utils/permissions.server";

// ───────────────────────────── errors ─────────────────────────────

export const PAIRING_ERRORS = [
  "notParticipant",
  "samePerson",
  "alreadyRequested",
  "alreadyPartners",
  "notFound",
  "notPending",
  "notAllowed",
  "stale",
  "bothPartnered",
  "notInPartnership",
  "physioTaken",
] as const;
export type PairingErrorCode = (typeof PAIRING_ERRORS)[number];

/** A rule was broken; `code` is also the i18n key suffix `partners.errors.<code>`. Nothing was changed. */
export class PairingError extends Error {
  constructor(public code: PairingErrorCode) {
    super(`pairing: ${code}`);
    this.name = "PairingError";
  }
}

// ───────────────────────────── completeness ─────────────────────────────

/** A partnership counts as complete when it has at least one GP and at least one physiotherapist. */
export function isComplete(members: { profession: Profession }[]): boolean {
  return members.some((m) => m.profession === "gp") && members.some((m) => m.profession === "physio");
}

// ───────────────────────────── reads ─────────────────────────────

type Db = ReturnType<typeof getDb>;

export function isConfirmedParticipant(cohortId: number, userId: number, db: Db = getDb()): boolean {
  return !!db
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.userId, userId), eq(registrations.status, "confirmed")))
    .get();
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
        isNull(partnershipMembers.leftAt),
      ),
    )
    .prepare(),
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
    .prepare(),
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

export type PartnerCard = {
  userId: number;
  name: string;
  profession: Profession;
  practice: string | null;
  municipality: string | null;
  specialCompetence: string | null;
  about: string | null;
  partnershipId: number | null;
};

export type PartnerFilters = { profession?: Profession; municipality?: string; withoutPartner?: boolean };

export const PARTNER_PAGE_LIMIT = 200;
/** Cards per page of the partner finder (a phone shows one column: keep the page short). */
export const PARTNER_PAGE_SIZE = 24;

/**
 * The partner finder's candidates in a cohort: opted-in confirmed participants other than the viewer that
 * pass the profession and without-partner filters, in name order. The cohort's registrations drive the
 * query (registrations_queue_idx); a cohort's confirmed participants are bounded by its capacity.
 */
const partnerCandidates = preparedQuery((db) => {
  const p = sql.placeholder;
  return db
    .select({
      userId: users.id,
      name: users.name,
      profession: users.profession,
      practice: users.practice,
      municipality: users.municipality,
      specialCompetence: users.specialCompetence,
      about: users.about,
      partnershipId: partnershipMembers.partnershipId,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(
      partnershipMembers,
      and(eq(partnershipMembers.cohortId, p("cohortId")), eq(partnershipMembers.userId, users.id), isNull(partnershipMembers.leftAt))
    )
    .where(
      and(
        eq(registrations.cohortId, p("cohortId")),
        eq(registrations.status, "confirmed"),
        eq(users.partnerProfileOptIn, true),
        sql`${users.id} <> ${p("viewerId")}`,
        sql`(${p("profession")} is null or ${users.profession} = ${p("profession")})`,
        sql`(${p("withoutPartner")} = 0 or ${partnershipMembers.id} is null)`
      )
    )
    .orderBy(asc(users.name), asc(users.id))
    .prepare();
});

/** Case-insensitive key of a municipality (Æ, Ø and Å too, which SQLite's lower() leaves alone); none is "". */
const municipalityKey = (m: string | null | undefined) => (m ?? "").toLowerCase();

/**
 * The partner finder's matches in its order: the other profession first, then the viewer's municipality,
 * then by name. The municipality is compared in JS on the cohort's bounded list, for the Norwegian letters.
 */
function partnerMatches(
  cohortId: number,
  viewer: { id: number; profession: Profession; municipality: string | null },
  filters: PartnerFilters
): PartnerCard[] {
  const otherProfession = viewer.profession === "gp" ? "physio" : viewer.profession === "physio" ? "gp" : null;
  const home = municipalityKey(viewer.municipality);
  const wanted = filters.municipality === undefined ? undefined : municipalityKey(filters.municipality);
  const rank = (card: PartnerCard) => (card.profession === otherProfession ? 0 : 2) + (municipalityKey(card.municipality) === home ? 0 : 1);
  return partnerCandidates()
    .all({ cohortId, viewerId: viewer.id, profession: filters.profession ?? null, withoutPartner: filters.withoutPartner ? 1 : 0 })
    .filter((card) => wanted === undefined || municipalityKey(card.municipality) === wanted)
    .sort((a, b) => rank(a) - rank(b)); // stable: name order within a rank
}

/**
 * The opted-in confirmed participants of a cohort (not the viewer), the other profession first, then
 * the viewer's municipality, then name. Bounded to PARTNER_PAGE_LIMIT; the page uses partnerCardsPage.
 */
export function listPartnerCards(
  cohortId: number,
  viewer: { id: number; profession: Profession; municipality: string | null },
  filters: PartnerFilters = {},
  window: { limit: number; offset: number } = { limit: PARTNER_PAGE_LIMIT, offset: 0 }
): PartnerCard[] {
  const limit = Math.min(window.limit, PARTNER_PAGE_LIMIT);
  return partnerMatches(cohortId, viewer, filters).slice(window.offset, window.offset + limit);
}

/**
 * One page of the partner finder: PARTNER_PAGE_SIZE cards in the listPartnerCards order, with the total.
 * A page past the end (an old link) shows the last page.
 */
export function partnerCardsPage(
  cohortId: number,
  viewer: { id: number; profession: Profession; municipality: string | null },
  filters: PartnerFilters = {},
  requestedPage = 1
) {
  const matches = partnerMatches(cohortId, viewer, filters);
  const { page, pages, limit, offset } = pageWindow(matches.length, requestedPage, PARTNER_PAGE_SIZE);
  return { cards: matches.slice(offset, offset + limit), total: matches.length, page, pages };
}

const cohortMunicipalities = preparedQuery((db) =>
  db
    .selectDistinct({ m: users.municipality })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), eq(registrations.status, "confirmed")))
    .orderBy(asc(users.municipality))
    .prepare()
);

/** The municipalities of a cohort's confirmed participants (opted in or not), for the finder's filter. */
export function municipalitiesOfCohort(cohortId: number): string[] {
  return cohortMunicipalities()
    .all({ cohortId })
    .map((r) => r.m)
    .filter((m): m is string => !!m);
}

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
        and(eq(partnerRequests.cohortId, sql.placeholder("cohortId")), eq(mine, sql.placeholder("userId")), eq(partnerRequests.status, "pending"))
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
        !isConfirmedParticipant(cohortId, fromUserId, tx as unknown as Db) ||
        !isConfirmedParticipant(cohortId, toUserId, tx as unknown as Db)
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
      if ((sender && receiver) || senderMovedOn || !isConfirmedParticipant(req.cohortId, req.fromUserId, tx)) {
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
}): Promise<PairOutcome[]> {
  const tr = await translators();
  return getDb().transaction(
    (tx0) => {
      const tx = tx0 as unknown as Db;
      const c = cohortSlug(input.cohortId, tx);
      const results: PairOutcome[] = [];
      for (const pair of input.pairs) {
        try {
          if (pair.gpId === pair.physioId) throw new PairingError("samePerson");
          if (!isConfirmedParticipant(input.cohortId, pair.gpId, tx) || !isConfirmedParticipant(input.cohortId, pair.physioId, tx))
            throw new PairingError("notParticipant");
          // The board only offers free physiotherapists; one paired meanwhile is skipped, never moved or merged.
          if (activeMembership(input.cohortId, pair.physioId, tx)) throw new PairingError("physioTaken");
          const { partnershipId } = joinTogether(tx, input.cohortId, pair.gpId, pair.physioId, input.organiserId);
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

// ───────────────────────────── matching board data ─────────────────────────────

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

// ───────────────────────────── suggestions (pure) ─────────────────────────────

/**
 * Neighbouring municipalities in Trøndelag (symmetric; lower-case keys). A municipality not in the map
 * has no neighbours, so its people rank on same municipality and load only.
 */
const NEIGHBOUR_PAIRS: [string, string][] = [
  ["trondheim", "malvik"],
  ["trondheim", "melhus"],
  ["trondheim", "klæbu"],
  ["trondheim", "skaun"],
  ["trondheim", "orkland"],
  ["trondheim", "indre fosen"],
  ["malvik", "stjørdal"],
  ["malvik", "selbu"],
  ["stjørdal", "levanger"],
  ["stjørdal", "meråker"],
  ["stjørdal", "frosta"],
  ["stjørdal", "selbu"],
  ["levanger", "verdal"],
  ["levanger", "frosta"],
  ["levanger", "inderøy"],
  ["verdal", "steinkjer"],
  ["verdal", "inderøy"],
  ["steinkjer", "inderøy"],
  ["steinkjer", "snåsa"],
  ["melhus", "skaun"],
  ["melhus", "midtre gauldal"],
  ["melhus", "orkland"],
  ["midtre gauldal", "holtålen"],
  ["midtre gauldal", "rennebu"],
  ["midtre gauldal", "selbu"],
  ["holtålen", "røros"],
  ["røros", "os"],
  ["orkland", "skaun"],
  ["orkland", "hitra"],
  ["orkland", "heim"],
  ["orkland", "rindal"],
  ["orkland", "meldal"],
  ["hitra", "frøya"],
  ["indre fosen", "ørland"],
  ["ørland", "åfjord"],
  ["namsos", "overhalla"],
  ["namsos", "steinkjer"],
];

export type NeighbourMap = ReadonlyMap<string, ReadonlySet<string>>;

export function buildNeighbourMap(pairs: [string, string][] = NEIGHBOUR_PAIRS): NeighbourMap {
  const map = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (!map.has(x)) map.set(x, new Set());
    if (!map.has(y)) map.set(y, new Set());
    map.get(x)!.add(y);
    map.get(y)!.add(x);
  }
  return map;
}

export const TRONDELAG_NEIGHBOURS = buildNeighbourMap();

const norm = (m: string | null | undefined) => (m ?? "").trim().toLowerCase();

/** 0 = same municipality, 1 = neighbouring municipality, 2 = neither (or unknown). */
export function proximityTier(
  a: string | null | undefined,
  b: string | null | undefined,
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): 0 | 1 | 2 {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return 2;
  if (x === y) return 0;
  return neighbours.get(x)?.has(y) ? 1 : 2;
}

export type Candidate = { id: number; name?: string; municipality: string | null; practice?: string | null; partnerCount: number };
export type RankedCandidate<C extends Candidate> = C & { tier: 0 | 1 | 2; samePractice: boolean };

/**
 * Ranks candidates for one person: same municipality first, then a neighbouring one, then the rest;
 * within a tier someone at the same practice first, then the fewest partners (so physiotherapists
 * spread across GPs), then name/id for a stable order.
 */
export function rankSuggestions<C extends Candidate>(
  person: { municipality: string | null; practice?: string | null },
  candidates: readonly C[],
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): RankedCandidate<C>[] {
  const practice = norm(person.practice);
  return candidates
    .map((c) => ({
      ...c,
      tier: proximityTier(person.municipality, c.municipality, neighbours),
      samePractice: !!practice && norm(c.practice) === practice,
    }))
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        Number(b.samePractice) - Number(a.samePractice) ||
        a.partnerCount - b.partnerCount ||
        (a.name ?? "").localeCompare(b.name ?? "", "nb") ||
        a.id - b.id
    );
}

export type GpSlot = { id: number; municipality: string | null; load: number; name?: string };
export type FreePhysio = { id: number; municipality: string | null; name?: string };
export type Proposal = { gpId: number; physioId: number; tier: 0 | 1 | 2 };

/**
 * "Suggest all": assigns every unpaired physiotherapist to a GP, balancing load. It works in rounds
 * by load: only GPs with the lowest current load receive a physiotherapist, so no GP gets a k+1-th
 * partner while another GP has fewer than k (every GP gets one before any gets a third). Within a
 * round, same-municipality matches are made first, then neighbouring, then any (taking from the
 * largest remaining pool). Buckets by municipality keep it near-linear: 200 GPs × 400 physios is
 * a few milliseconds.
 */
export function suggestAll(
  gps: readonly GpSlot[],
  physios: readonly FreePhysio[],
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): Proposal[] {
  if (gps.length === 0 || physios.length === 0) return [];
  const buckets = new Map<string, FreePhysio[]>();
  for (const p of [...physios].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "nb") || a.id - b.id)) {
    const key = norm(p.municipality);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key)!.push(p);
  }
  let remaining = physios.length;
  const load = new Map(gps.map((g) => [g.id, g.load]));
  const order = [...gps].sort((a, b) => a.load - b.load || (a.name ?? "").localeCompare(b.name ?? "", "nb") || a.id - b.id);
  const out: Proposal[] = [];
  const take = (key: string) => {
    const b = buckets.get(key);
    if (!b || b.length === 0) return undefined;
    const p = b.shift()!;
    remaining--;
    return p;
  };
  while (remaining > 0) {
    const minLoad = Math.min(...order.map((g) => load.get(g.id)!));
    const round = order.filter((g) => load.get(g.id) === minLoad);
    const waiting = new Set(round.map((g) => g.id));
    for (const tier of [0, 1, 2] as const) {
      for (const gp of round) {
        if (!waiting.has(gp.id) || remaining === 0) continue;
        const home = norm(gp.municipality);
        let p: FreePhysio | undefined;
        if (tier === 0) p = home ? take(home) : undefined;
        else if (tier === 1) {
          for (const n of neighbours.get(home) ?? []) if ((p = take(n))) break;
        } else {
          let best: string | undefined;
          let size = 0;
          for (const [k, b] of buckets) if (b.length > size) (best = k), (size = b.length);
          if (best !== undefined) p = take(best);
        }
        if (p) {
          out.push({ gpId: gp.id, physioId: p.id, tier });
          load.set(gp.id, minLoad + 1);
          waiting.delete(gp.id);
        }
      }
    }
  }
  return out;
}

/** The board's inputs for suggestAll from the cohort's participants: GPs with their load, free physios. */
export function suggestAllForCohort(participants: Participant[]) {
  const gps = participants
    .filter((p) => p.profession === "gp")
    .map((p) => ({ id: p.id, name: p.name, municipality: p.municipality, load: p.partnerCount }));
  const physios = participants
    .filter((p) => p.profession === "physio" && !p.partnershipId)
    .map((p) => ({ id: p.id, name: p.name, municipality: p.municipality }));
  return suggestAll(gps, physios);
}

// ───────────────────────────── access ─────────────────────────────

const partnerPageCohort = preparedQuery((db) =>
  db
    .select({ id: cohorts.id, slug: cohorts.slug, title: cohorts.title })
    .from(cohorts)
    .where(eq(cohorts.slug, sql.placeholder("slug")))
    .prepare()
);

/**
 * The partner page of a cohort: its confirmed participants and its organisers (and admins). Unknown
 * slug → 404, anyone else → 403, not logged in → the log-in page. Built on permissions.server.ts.
 */
export async function requirePartnerPageAccess(request: Request, slug: string) {
  const user = await requireUser(request);
  const cohort = partnerPageCohort().get({ slug });
  if (!cohort) notFound();
  const participant = isConfirmedIn(user.id, cohort.id);
  const organiser = isOrganiserOf(user, cohort.id);
  if (!participant && !organiser) forbidden();
  return { user, cohort, participant, organiser };
}
