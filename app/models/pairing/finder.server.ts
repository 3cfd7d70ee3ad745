/** The partner finder: the cohort's participants who show a partner profile, filtered and paged. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { pageWindow } from "../../utils/pagination";
import { partnershipMembers, registrations, users, type Profession } from "../../../db/schema";
import { preparedQuery } from "../../../db/prepared";

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
