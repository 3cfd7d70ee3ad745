/**
 * The network: an opt-in directory (users.directoryOptIn) of everyone who is or was a confirmed
 * participant of a course, across cohorts and sites, with their partnerships; and contact requests.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { pageWindow } from "../utils/pagination";
import { getDb } from "../../db/client";
import { cohorts, contactRequests, partnershipMembers, registrations, users, type Profession } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";

export const NETWORK_PAGE_SIZE = 20;

export type DirectoryQuery = { q?: string; municipality?: string; profession?: Profession; competence?: string; page?: number };

/**
 * The words of a search field as FTS5 prefix terms: split on anything that is not a letter or a digit
 * (as the unicode61 tokenizer does), at most 8 words, each quoted (so no FTS syntax gets through).
 */
export function searchTerms(value: string | undefined): string[] {
  return (value ?? "")
    .normalize("NFC")
    .toLocaleLowerCase("nb")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `"${word}"*`);
}

/**
 * The FTS5 MATCH expression for the text filters, or null when none has a word. Every word must start
 * a word of its column: "øde" finds "Åse Ødegård", "trond" finds "Trondheim" (users_fts, migration
 * 0001: case-folded for Æ/Ø/Å too, å stays distinct from a).
 */
export function directoryMatch(query: Pick<DirectoryQuery, "q" | "municipality" | "competence">): string | null {
  const parts = [
    ...searchTerms(query.q).map((t) => `name : ${t}`),
    ...searchTerms(query.municipality).map((t) => `municipality : ${t}`),
    ...searchTerms(query.competence).map((t) => `special_competence : ${t}`),
  ];
  return parts.length ? parts.join(" AND ") : null;
}

/**
 * The full-text index of migration 0001 (external content on users, kept in step by triggers). Declared
 * here, not in db/schema.ts, so drizzle-kit does not try to create it as a plain table.
 */
const usersFts = sqliteTable("users_fts", { rowid: integer("rowid").notNull() });

/** Has (or had) a confirmed registration in any cohort. */
const participated = sql`exists (select 1 from ${registrations} where ${registrations.userId} = ${users.id} and ${registrations.status} = 'confirmed')`;

/**
 * One page of the directory. With a text filter the full-text index drives the query (cost grows with
 * the number of matches, not with the number of people); without one, users_directory_name_idx reads
 * opted-in people in name order.
 */
export function searchDirectory(query: DirectoryQuery) {
  const db = getDb();
  const match = directoryMatch(query);
  const conditions: SQL[] = [eq(users.directoryOptIn, true), participated];
  // CROSS JOIN keeps the index as the outer loop whatever the planner statistics say.
  if (match) conditions.push(sql`${usersFts} match ${match}`, eq(users.id, usersFts.rowid));
  if (query.profession) conditions.push(eq(users.profession, query.profession));
  const where = and(...conditions);
  const count = { n: sql<number>`count(*)` };
  const total =
    (match
      ? db.select(count).from(usersFts).crossJoin(users).where(where).get()
      : db.select(count).from(users).where(where).get()
    )?.n ?? 0;
  const { page, pages, offset } = pageWindow(total, query.page, NETWORK_PAGE_SIZE);
  const fields = {
    id: users.id,
    name: users.name,
    profession: users.profession,
    practice: users.practice,
    municipality: users.municipality,
    specialCompetence: users.specialCompetence,
  };
  const order = [asc(users.name), asc(users.id)];
  const rows = match
    ? db.select(fields).from(usersFts).crossJoin(users).where(where).orderBy(...order).limit(NETWORK_PAGE_SIZE).offset(offset).all()
    : db.select(fields).from(users).where(where).orderBy(...order).limit(NETWORK_PAGE_SIZE).offset(offset).all();
  const partnerships = partnershipsOf(rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, partnerships: partnerships.get(r.id) ?? [] })), total, page, pages };
}

/** Current partnerships of the given people with cohort and co-members, in two queries. */
function partnershipsOf(userIds: number[]) {
  const out = new Map<number, { partnershipId: number; cohortTitle: string; partners: { name: string; profession: Profession }[] }[]>();
  if (userIds.length === 0) return out;
  const db = getDb();
  const mine = db
    .select({ userId: partnershipMembers.userId, partnershipId: partnershipMembers.partnershipId, cohortTitle: cohorts.title })
    .from(partnershipMembers)
    .innerJoin(cohorts, eq(cohorts.id, partnershipMembers.cohortId))
    .where(and(inArray(partnershipMembers.userId, userIds), isNull(partnershipMembers.leftAt)))
    .all();
  if (mine.length === 0) return out;
  const members = db
    .select({ partnershipId: partnershipMembers.partnershipId, userId: users.id, name: users.name, profession: users.profession })
    .from(partnershipMembers)
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(
      and(inArray(partnershipMembers.partnershipId, [...new Set(mine.map((m) => m.partnershipId))]), isNull(partnershipMembers.leftAt))
    )
    .orderBy(asc(users.name))
    .all();
  for (const m of mine) {
    const partners = members
      .filter((x) => x.partnershipId === m.partnershipId && x.userId !== m.userId)
      .map(({ name, profession }) => ({ name, profession }));
    out.set(m.userId, [...(out.get(m.userId) ?? []), { partnershipId: m.partnershipId, cohortTitle: m.cohortTitle, partners }]);
  }
  return out;
}

/** Whether the person is or was a confirmed participant of any cohort (may use the network's contact). */
export function isParticipant(userId: number) {
  return !!getDb()
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.userId, userId), eq(registrations.status, "confirmed")))
    .get();
}

export class NetworkError extends Error {
  constructor(public code: "notParticipant" | "notListed" | "samePerson" | "alreadySent") {
    super(`network: ${code}`);
    this.name = "NetworkError";
  }
}

/**
 * A participant asks someone listed in the directory to get in touch. The receiver gets an e-mail
 * with the sender's address to reply to; one pending request per pair.
 */
export async function sendContactRequest(input: { fromUserId: number; toUserId: number; message: string }) {
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  return getDb().transaction(
    (tx) => {
      if (input.fromUserId === input.toUserId) throw new NetworkError("samePerson");
      if (!isParticipant(input.fromUserId)) throw new NetworkError("notParticipant");
      const to = tx.select().from(users).where(eq(users.id, input.toUserId)).get();
      if (!to || !to.directoryOptIn || !isParticipant(to.id)) throw new NetworkError("notListed");
      const existing = tx
        .select({ id: contactRequests.id })
        .from(contactRequests)
        .where(
          and(
            eq(contactRequests.fromUserId, input.fromUserId),
            eq(contactRequests.toUserId, input.toUserId),
            eq(contactRequests.status, "pending")
          )
        )
        .get();
      if (existing) throw new NetworkError("alreadySent");
      const from = tx.select().from(users).where(eq(users.id, input.fromUserId)).get()!;
      const row = tx
        .insert(contactRequests)
        .values({ fromUserId: from.id, toUserId: to.id, message: input.message.trim().slice(0, 1000) })
        .returning()
        .get();
      const t = to.locale === "en" ? en : nb;
      queueEmail(
        {
          to: to.email,
          userId: to.id,
          subject: t("partners.email.contactRequest.subject", { from: from.name }),
          text: t("partners.email.contactRequest.body", {
            name: to.name,
            from: from.name,
            profession: t(`common.professions.${from.profession}`),
            municipality: from.municipality ?? "–",
            message: row.message,
            email: from.email,
          }),
          kind: "network.contactRequest",
          dedupeKey: `contact-request-${row.id}`,
        },
        to.locale
      );
      return row;
    },
    { behavior: "immediate" }
  );
}
