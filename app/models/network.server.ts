/**
 * The network: an opt-in directory (users.directoryOptIn) of everyone who is or was a confirmed
 * participant of a course, across cohorts and sites, with their partnerships; and contact requests.
 * Who is listed is users.directoryListed, kept by the database's triggers (migration 0005).
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias, integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { preparedQuery } from "../../db/prepared";
import { pageWindow } from "../utils/pagination";
import { getDb } from "../../db/client";
import { cohorts, contactRequests, directoryMunicipalities, partnershipMembers, registrations, users, type Profession } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";
import { publishedOffer } from "./offers/offers.server";

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
  const parts = [...columnTerms("name", query.q), ...columnTerms("municipality", query.municipality), ...columnTerms("special_competence", query.competence)];
  return parts.length ? parts.join(" AND ") : null;
}

/** A search field's prefix terms limited to one column of a full-text index ("municipality : "trond"*"). */
function columnTerms(column: string, value: string | undefined): string[] {
  return searchTerms(value).map((t) => `${column} : ${t}`);
}

/**
 * The full-text index of migration 0001 (external content on users, kept in step by triggers). Declared
 * here, not in db/schema.ts, so drizzle-kit does not try to create it as a plain table.
 */
const usersFts = sqliteTable("users_fts", { rowid: integer("rowid").notNull() });

const directoryFields = {
  id: users.id,
  name: users.name,
  profession: users.profession,
  practice: users.practice,
  municipality: users.municipality,
  specialCompetence: users.specialCompetence,
};
/** The optional profession filter of the directory queries (`:profession` null: everyone). */
const professionFilter = sql`(${sql.placeholder("profession")} is null or ${users.profession} = ${sql.placeholder("profession")})`;
const byName = [asc(users.name), asc(users.id)];

const listed = alias(users, "listed");

/**
 * A text search: the full-text index drives it (cost grows with the number of matches, not with the
 * number of people; CROSS JOIN keeps the index as the outer loop whatever the planner statistics say).
 * The inner query sorts only names and ids and counts the matches before LIMIT/OFFSET (a window
 * count), so a page is one query; the page's people are then read by primary key, so the wide rows
 * of every match are not sorted.
 */
const directoryTextSearch = preparedQuery((db) => {
  const matches = db
    .select({ id: users.id, name: users.name, total: sql<number>`count(*) over ()`.as("total") })
    .from(usersFts)
    .crossJoin(users)
    .where(
      and(
        sql`${usersFts} match ${sql.placeholder("match")}`,
        eq(users.id, usersFts.rowid),
        eq(users.directoryListed, true),
        professionFilter
      )
    )
    .orderBy(...byName)
    .limit(NETWORK_PAGE_SIZE)
    .offset(sql.placeholder("offset"))
    .as("matches");
  return db
    .select({
      id: listed.id,
      name: listed.name,
      profession: listed.profession,
      practice: listed.practice,
      municipality: listed.municipality,
      specialCompetence: listed.specialCompetence,
      total: matches.total,
    })
    .from(matches)
    .crossJoin(listed)
    .where(eq(listed.id, matches.id))
    .orderBy(asc(matches.name), asc(matches.id))
    .prepare();
});

/**
 * Without a text filter users_directory_listed_name_idx reads listed people in name order, so the page
 * stops after its rows; the count is its own query on the same index (a window count would read every
 * row first).
 */
const directoryCount = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.directoryListed, true), professionFilter))
    .prepare()
);
const directoryPage = preparedQuery((db) =>
  db
    .select(directoryFields)
    .from(users)
    .where(and(eq(users.directoryListed, true), professionFilter))
    .orderBy(...byName)
    .limit(NETWORK_PAGE_SIZE)
    .offset(sql.placeholder("offset"))
    .prepare()
);

type DirectoryRow = { id: number; name: string; profession: Profession; practice: string | null; municipality: string | null; specialCompetence: string | null };

/** The full-text index of the listed people's municipality names (migration 0007, same tokenizer as users_fts). */
const municipalitiesFts = sqliteTable("directory_municipalities_fts", { rowid: integer("rowid").notNull() });

/**
 * The listed municipalities whose names match the typed words (every word starts a word of the name:
 * "trond" finds Trondheim, "fron" Nord-Fron), with their counts of listed people (kept by triggers,
 * migration 0007): the same rule as a search through users_fts, over a few hundred names.
 */
const matchingMunicipalityCounts = preparedQuery((db) =>
  db
    .select({ municipality: directoryMunicipalities.municipality, gp: directoryMunicipalities.gp, physio: directoryMunicipalities.physio })
    .from(municipalitiesFts)
    .crossJoin(directoryMunicipalities)
    .where(and(sql`${municipalitiesFts} match ${sql.placeholder("match")}`, sql`${directoryMunicipalities}.rowid = ${municipalitiesFts.rowid}`))
    .prepare()
);

function matchingMunicipalities(match: string, profession: Profession | null) {
  const places: string[] = [];
  let total = 0;
  for (const m of matchingMunicipalityCounts().all({ match })) {
    const count = profession === "gp" ? m.gp : profession === "physio" ? m.physio : m.gp + m.physio;
    if (count > 0) places.push(m.municipality);
    total += count;
  }
  return { places, total };
}

/** A page of one municipality's listed people, in name order straight from users_directory_listed_municipality_idx. */
const directoryPageInMunicipality = preparedQuery((db) =>
  db
    .select(directoryFields)
    .from(users)
    .where(and(eq(users.directoryListed, true), eq(users.municipality, sql.placeholder("municipality")), professionFilter))
    .orderBy(...byName)
    .limit(NETWORK_PAGE_SIZE)
    .offset(sql.placeholder("offset"))
    .prepare()
);
/** The same for several municipalities (a JSON array): their people are sorted together. */
const directoryPageInMunicipalities = preparedQuery((db) =>
  db
    .select(directoryFields)
    .from(users)
    .where(
      and(
        eq(users.directoryListed, true),
        sql`${users.municipality} in (select value from json_each(${sql.placeholder("municipalities")}))`,
        professionFilter
      )
    )
    .orderBy(...byName)
    .limit(NETWORK_PAGE_SIZE)
    .offset(sql.placeholder("offset"))
    .prepare()
);

/** One page of the directory, with the number of matches; a page past the end gives the last page. */
export function searchDirectory(query: DirectoryQuery) {
  const match = directoryMatch(query);
  const profession = query.profession ?? null;
  let rows: DirectoryRow[];
  let total: number;
  const municipalityTerms = columnTerms("municipality", query.municipality);
  if (municipalityTerms.length > 0 && directoryMatch({ q: query.q, competence: query.competence }) === null) {
    // Only a municipality: the names it matches come from the kept counts, and the page from the index
    // in name order, so a big municipality costs a page, not a lookup and sort of everyone in it.
    const { places, total: found } = matchingMunicipalities(municipalityTerms.join(" AND "), profession);
    total = found;
    const offset = pageWindow(total, query.page, NETWORK_PAGE_SIZE).offset;
    rows =
      places.length === 0
        ? []
        : places.length === 1
          ? directoryPageInMunicipality().all({ municipality: places[0], profession, offset })
          : directoryPageInMunicipalities().all({ municipalities: JSON.stringify(places), profession, offset });
  } else if (match) {
    const search = (offset: number) => {
      const found = directoryTextSearch().all({ match, profession, offset });
      return { total: found[0]?.total ?? 0, rows: found.map(({ total: _, ...row }) => row) };
    };
    const asked = pageWindow(Number.MAX_SAFE_INTEGER, query.page, NETWORK_PAGE_SIZE);
    ({ rows, total } = search(asked.offset));
    if (rows.length === 0 && asked.offset > 0) {
      total = search(0).total;
      if (total > 0) rows = search(pageWindow(total, query.page, NETWORK_PAGE_SIZE).offset).rows;
    }
  } else {
    total = directoryCount().get({ profession })?.n ?? 0;
    rows = directoryPage().all({ profession, offset: pageWindow(total, query.page, NETWORK_PAGE_SIZE).offset });
  }
  const { page, pages } = pageWindow(total, query.page, NETWORK_PAGE_SIZE);
  const partnerships = partnershipsOf(rows.map((r) => r.id));
  return { rows: rows.map((r) => ({ ...r, partnerships: partnerships.get(r.id) ?? [] })), total, page, pages };
}

/** A person's current partnerships as the cards show them: partnerships by id, co-members by name. */
type Partnerships = { partnershipId: number; cohortTitle: string; partners: { name: string; profession: Profession }[] }[];

const others = alias(partnershipMembers, "others");
const otherUsers = alias(users, "other_users");

/**
 * The current partnerships of a page's people (a JSON array of ids, so the query has one shape), each with
 * its cohort and co-members, by partnership, then co-member name and membership.
 */
const currentPartnerships = preparedQuery((db) =>
  db
    .select({
      userId: partnershipMembers.userId,
      partnershipId: partnershipMembers.partnershipId,
      cohortTitle: cohorts.title,
      name: otherUsers.name,
      profession: otherUsers.profession,
    })
    .from(partnershipMembers)
    .innerJoin(cohorts, eq(cohorts.id, partnershipMembers.cohortId))
    .leftJoin(
      others,
      and(eq(others.partnershipId, partnershipMembers.partnershipId), isNull(others.leftAt), sql`${others.userId} <> ${partnershipMembers.userId}`)
    )
    .leftJoin(otherUsers, eq(otherUsers.id, others.userId))
    .where(and(sql`${partnershipMembers.userId} in (select value from json_each(${sql.placeholder("userIds")}))`, isNull(partnershipMembers.leftAt)))
    .orderBy(asc(partnershipMembers.partnershipId), asc(otherUsers.name), asc(others.id))
    .prepare()
);

/** The current partnerships of the given people, in one query. */
function partnershipsOf(userIds: number[]) {
  const out = new Map<number, Partnerships>();
  if (userIds.length === 0) return out;
  for (const { userId, partnershipId, cohortTitle, name, profession } of currentPartnerships().all({ userIds: JSON.stringify(userIds) })) {
    const mine = out.get(userId) ?? [];
    let entry = mine.find((p) => p.partnershipId === partnershipId);
    if (!entry) {
      entry = { partnershipId, cohortTitle, partners: [] };
      mine.push(entry);
      out.set(userId, mine);
    }
    if (name !== null && profession !== null) entry.partners.push({ name, profession });
  }
  return out;
}

const confirmedRegistrationOf = preparedQuery((db) =>
  db
    .select({ id: registrations.id })
    .from(registrations)
    // Network membership is course-based: a place in a network meeting does not make a member.
    .innerJoin(cohorts, eq(cohorts.id, registrations.cohortId))
    .where(and(eq(registrations.userId, sql.placeholder("userId")), eq(registrations.status, "confirmed"), eq(cohorts.kind, "course")))
    .limit(1)
    .prepare()
);

/** Whether the person is or was a confirmed participant of some course (may use the network's contact). */
export function isParticipant(userId: number) {
  return !!confirmedRegistrationOf().get({ userId });
}

/**
 * isParticipant for the logged-in person, whose row the session already read: someone listed in the
 * directory is a confirmed participant by definition (users.directory_listed, kept by the triggers of
 * migration 0005), so only people not listed are looked up.
 */
export function mayContact(user: { id: number; directoryListed: boolean }) {
  return user.directoryListed || isParticipant(user.id);
}

export class NetworkError extends Error {
  constructor(public code: "notParticipant" | "notListed" | "samePerson" | "alreadySent" | "offerNotFound") {
    super(`network: ${code}`);
    this.name = "NetworkError";
  }
}

/**
 * A participant asks someone listed in the directory to get in touch. The receiver gets an e-mail
 * with the sender's address to reply to; one pending request per pair.
 *
 * With `offerId` the request is about a published offer in the network and goes to its owner, who
 * need not be listed in the directory (publishing the offer is their consent to be contacted about it).
 */
export async function sendContactRequest(input: { fromUserId: number; toUserId: number; message: string; offerId?: number }) {
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  return getDb().transaction(
    (tx) => {
      const offer = input.offerId === undefined ? null : publishedOffer(input.offerId);
      if (input.offerId !== undefined && offer?.userId !== input.toUserId) throw new NetworkError("offerNotFound");
      if (input.fromUserId === input.toUserId) throw new NetworkError("samePerson");
      if (!isParticipant(input.fromUserId)) throw new NetworkError("notParticipant");
      const to = tx.select().from(users).where(eq(users.id, input.toUserId)).get();
      if (!to || (!to.directoryListed && !offer)) throw new NetworkError("notListed");
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
          subject: t(offer ? "offers.email.contact.subject" : "partners.email.contactRequest.subject", { from: from.name }),
          text: t(offer ? "offers.email.contact.body" : "partners.email.contactRequest.body", {
            name: to.name,
            from: from.name,
            profession: t(`common.professions.${from.profession}`),
            municipality: from.municipality ?? "–",
            message: row.message,
            offerMunicipality: offer?.municipality,
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
