/**
 * Offers in the network ("Tilbud i nettverket"): what a network member's practice offers, searched by
 * every member by treatment form, municipality (and its neighbours) and "takes new patients". An offer
 * is shown only while its owner has published it; one not confirmed for 90 days is marked as possibly
 * out of date and its owner reminded once. Offers describe a practice, never a patient.
 */
import { and, asc, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { networkOfferForms, networkOffers, treatmentForms, users, type Locale, type OfferContactChannel, type Profession } from "../../../db/schema";
import { getFixedT } from "../../i18next.server";
import { appUrl } from "../../utils/env.server";
import { pageWindow } from "../../utils/pagination";
import { formatDate } from "../../utils/time";
import { queueEmail } from "../notifications.server";
import { municipalityKey, municipalityName, regionMunicipalityKeys, searchKeys } from "./municipalities";
import { OFFER_STALE_AFTER_MS, type OfferInput } from "./rules";

export const OFFERS_PAGE_SIZE = 20;
/** Each run of the reminder job handles at most this many offers (the next run takes the rest). */
const REMINDER_BATCH = 500;

export class OfferError extends Error {
  constructor(public code: "notFound" | "unknownForm") {
    super(`offers: ${code}`);
    this.name = "OfferError";
  }
}

export type TreatmentForm = { id: number; slug: string; name: string };

/** The treatment forms in list order, named in the reader's language. */
export function listTreatmentForms(locale: Locale | string = "nb"): TreatmentForm[] {
  return getDb()
    .select()
    .from(treatmentForms)
    .orderBy(asc(treatmentForms.position), asc(treatmentForms.id))
    .all()
    .map((f) => ({ id: f.id, slug: f.slug, name: locale === "en" ? f.nameEn : f.nameNb }));
}

/** Whether an offer confirmed at `lastConfirmedAt` may be out of date at `now`. */
export function isStale(lastConfirmedAt: Date, now = new Date()) {
  return now.getTime() - lastConfirmedAt.getTime() >= OFFER_STALE_AFTER_MS;
}

function offerValues(input: OfferInput, now: Date) {
  return {
    description: input.description,
    municipality: input.municipality.trim().replace(/\s+/g, " "),
    municipalityKey: municipalityKey(input.municipality),
    address: input.address ?? "",
    takesNewPatients: input.takesNewPatients === "yes",
    waitingWeeks: input.waitingWeeks ?? null,
    contactChannel: input.contactChannel,
    contactDetail: input.contactDetail ?? "",
    published: input.published ?? false,
    // Saving the offer is confirming it.
    lastConfirmedAt: now,
    staleReminderSentAt: null,
  };
}

function checkForms(tx: Pick<ReturnType<typeof getDb>, "select">, formIds: number[]) {
  const ids = [...new Set(formIds)];
  const known = tx.select({ id: treatmentForms.id }).from(treatmentForms).where(inArray(treatmentForms.id, ids)).all();
  if (known.length !== ids.length) throw new OfferError("unknownForm");
  return ids;
}

/** A member adds an offer of their practice. Membership is checked by the caller (requireNetworkMember). */
export function createOffer(userId: number, input: OfferInput, now = new Date()) {
  return getDb().transaction(
    (tx) => {
      const formIds = checkForms(tx, input.formIds);
      const offer = tx.insert(networkOffers).values({ userId, ...offerValues(input, now) }).returning().get();
      tx.insert(networkOfferForms).values(formIds.map((formId) => ({ offerId: offer.id, formId }))).run();
      return offer;
    },
    { behavior: "immediate" }
  );
}

/** The owner changes an offer (and so confirms it); anyone else gets notFound. */
export function updateOffer(userId: number, offerId: number, input: OfferInput, now = new Date()) {
  return getDb().transaction(
    (tx) => {
      const formIds = checkForms(tx, input.formIds);
      const offer = tx
        .update(networkOffers)
        .set({ ...offerValues(input, now), updatedAt: now })
        .where(and(eq(networkOffers.id, offerId), eq(networkOffers.userId, userId)))
        .returning()
        .get();
      if (!offer) throw new OfferError("notFound");
      tx.delete(networkOfferForms).where(eq(networkOfferForms.offerId, offerId)).run();
      tx.insert(networkOfferForms).values(formIds.map((formId) => ({ offerId, formId }))).run();
      return offer;
    },
    { behavior: "immediate" }
  );
}

/** "Still correct": the owner confirms an offer as it is, which clears the out-of-date mark and reminder. */
export function confirmOffer(userId: number, offerId: number, now = new Date()) {
  const done = getDb()
    .update(networkOffers)
    .set({ lastConfirmedAt: now, staleReminderSentAt: null })
    .where(and(eq(networkOffers.id, offerId), eq(networkOffers.userId, userId)))
    .run();
  if (done.changes === 0) throw new OfferError("notFound");
}

export function deleteOffer(userId: number, offerId: number) {
  const done = getDb()
    .delete(networkOffers)
    .where(and(eq(networkOffers.id, offerId), eq(networkOffers.userId, userId)))
    .run();
  if (done.changes === 0) throw new OfferError("notFound");
}

/** The forms of some offers, by offer, in list order (one query). */
function formsOf(offerIds: number[], locale: string) {
  const out = new Map<number, TreatmentForm[]>();
  if (offerIds.length === 0) return out;
  const rows = getDb()
    .select({ offerId: networkOfferForms.offerId, id: treatmentForms.id, slug: treatmentForms.slug, nameNb: treatmentForms.nameNb, nameEn: treatmentForms.nameEn })
    .from(networkOfferForms)
    .innerJoin(treatmentForms, eq(treatmentForms.id, networkOfferForms.formId))
    .where(inArray(networkOfferForms.offerId, offerIds))
    .orderBy(asc(treatmentForms.position), asc(treatmentForms.id))
    .all();
  for (const r of rows) {
    const list = out.get(r.offerId) ?? [];
    list.push({ id: r.id, slug: r.slug, name: locale === "en" ? r.nameEn : r.nameNb });
    out.set(r.offerId, list);
  }
  return out;
}

/** An owner's own offers (published or not), for editing; bounded, a member lists a few. */
export function myOffers(userId: number, locale = "nb", now = new Date()) {
  const rows = getDb()
    .select()
    .from(networkOffers)
    .where(eq(networkOffers.userId, userId))
    .orderBy(desc(networkOffers.createdAt), desc(networkOffers.id))
    .limit(100)
    .all();
  const forms = formsOf(
    rows.map((r) => r.id),
    locale
  );
  return rows.map((r) => ({ ...r, forms: forms.get(r.id) ?? [], stale: isStale(r.lastConfirmedAt, now), confirmedOn: formatDate(r.lastConfirmedAt, locale) }));
}

/** One of the owner's offers, for its edit form. */
export function getOwnOffer(userId: number, offerId: number) {
  const offer = getDb()
    .select()
    .from(networkOffers)
    .where(and(eq(networkOffers.id, offerId), eq(networkOffers.userId, userId)))
    .get();
  if (!offer) return null;
  const formIds = getDb()
    .select({ formId: networkOfferForms.formId })
    .from(networkOfferForms)
    .where(eq(networkOfferForms.offerId, offerId))
    .all()
    .map((r) => r.formId);
  return { ...offer, formIds };
}

export type OfferQuery = {
  formId?: number;
  municipality?: string;
  /** Also the municipalities next to `municipality` (the demo region's map). */
  neighbours?: boolean;
  /** Only offers that take new patients. */
  takesNew?: boolean;
  page?: number;
  /** Municipality given as the start of a name ("trond"), as the directory's filter: every listed match. */
  municipalityPrefix?: string;
};

/** The keys of municipalities that have a published offer and start with the typed text (a few hundred at most). */
function publishedKeysStartingWith(prefix: string) {
  const key = municipalityKey(prefix);
  if (!key) return [];
  return getDb()
    .selectDistinct({ key: networkOffers.municipalityKey })
    .from(networkOffers)
    .where(and(eq(networkOffers.published, true), sql`substr(${networkOffers.municipalityKey}, 1, length(${key})) = ${key}`))
    .limit(500)
    .all()
    .map((r) => r.key);
}

/**
 * A page of published offers matching the filters, most recently confirmed first, with the owner's name,
 * profession and practice and the offer's treatment forms; `stale` marks those not confirmed for 90 days.
 */
export function searchOffers(query: OfferQuery, locale = "nb", now = new Date()) {
  let keys: string[] | null = null;
  if (query.municipality) keys = searchKeys(query.municipality, !!query.neighbours);
  else if (query.municipalityPrefix) keys = publishedKeysStartingWith(query.municipalityPrefix);
  const empty = { rows: [] as OfferCard[], total: 0, page: 1, pages: 1, municipalities: keys ?? [] };
  if (keys && keys.length === 0) return empty;
  const where = and(
    eq(networkOffers.published, true),
    keys ? inArray(networkOffers.municipalityKey, keys) : undefined,
    query.takesNew ? eq(networkOffers.takesNewPatients, true) : undefined,
    query.formId
      ? sql`exists (select 1 from ${networkOfferForms} where ${networkOfferForms.offerId} = ${networkOffers.id} and ${networkOfferForms.formId} = ${query.formId})`
      : undefined
  );
  const db = getDb();
  const total = db.select({ n: sql<number>`count(*)` }).from(networkOffers).where(where).get()?.n ?? 0;
  const { page, pages, offset } = pageWindow(total, query.page, OFFERS_PAGE_SIZE);
  const rows = db
    .select({
      id: networkOffers.id,
      userId: networkOffers.userId,
      ownerName: users.name,
      ownerProfession: users.profession,
      practice: users.practice,
      description: networkOffers.description,
      municipality: networkOffers.municipality,
      address: networkOffers.address,
      takesNewPatients: networkOffers.takesNewPatients,
      waitingWeeks: networkOffers.waitingWeeks,
      contactChannel: networkOffers.contactChannel,
      contactDetail: networkOffers.contactDetail,
      lastConfirmedAt: networkOffers.lastConfirmedAt,
    })
    .from(networkOffers)
    .innerJoin(users, eq(users.id, networkOffers.userId))
    .where(where)
    .orderBy(desc(networkOffers.lastConfirmedAt), desc(networkOffers.id))
    .limit(OFFERS_PAGE_SIZE)
    .offset(offset)
    .all();
  const forms = formsOf(
    rows.map((r) => r.id),
    locale
  );
  return {
    rows: rows.map((r): OfferCard => ({ ...r, forms: forms.get(r.id) ?? [], stale: isStale(r.lastConfirmedAt, now), confirmedOn: formatDate(r.lastConfirmedAt, locale) })),
    total,
    page,
    pages,
    municipalities: keys ?? [],
  };
}

export type OfferCard = {
  id: number;
  userId: number;
  ownerName: string;
  ownerProfession: Profession;
  practice: string | null;
  description: string;
  municipality: string;
  address: string;
  takesNewPatients: boolean;
  waitingWeeks: number | null;
  contactChannel: OfferContactChannel;
  contactDetail: string;
  lastConfirmedAt: Date;
  forms: TreatmentForm[];
  stale: boolean;
  /** lastConfirmedAt as the reader's date. */
  confirmedOn: string;
};

/** The municipalities to choose from in the search: the demo region's and those with a published offer, by name. */
export function offerMunicipalityChoices() {
  const listed = getDb()
    .selectDistinct({ key: networkOffers.municipalityKey, name: networkOffers.municipality })
    .from(networkOffers)
    .where(eq(networkOffers.published, true))
    .limit(500)
    .all();
  const byKey = new Map<string, string>(regionMunicipalityKeys().map((k) => [k, municipalityName(k)]));
  for (const l of listed) if (!byKey.has(l.key)) byKey.set(l.key, l.name);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b, "nb"));
}

/** The published offer a contact request is about, with its owner, or null. */
export function publishedOffer(offerId: number) {
  return (
    getDb()
      .select({ id: networkOffers.id, userId: networkOffers.userId, municipality: networkOffers.municipality })
      .from(networkOffers)
      .where(and(eq(networkOffers.id, offerId), eq(networkOffers.published, true)))
      .get() ?? null
  );
}

/**
 * For the scheduler: tells the owner of every published offer not confirmed for 90 days, once (until
 * they confirm it again). Claiming the offer and queueing the e-mail happen together, and the e-mail's
 * dedupe key names the confirmation it is about, so overlapping runs send one reminder.
 */
export async function remindStaleOffers(now = new Date(), baseUrl = appUrl()): Promise<number> {
  const db = getDb();
  const due = db
    .select({ id: networkOffers.id, lastConfirmedAt: networkOffers.lastConfirmedAt, municipality: networkOffers.municipality, userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(networkOffers)
    .innerJoin(users, eq(users.id, networkOffers.userId))
    .where(and(isNull(networkOffers.staleReminderSentAt), lte(networkOffers.lastConfirmedAt, new Date(now.getTime() - OFFER_STALE_AFTER_MS)), eq(networkOffers.published, true)))
    .orderBy(asc(networkOffers.lastConfirmedAt))
    .limit(REMINDER_BATCH)
    .all();
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  const url = `${baseUrl.replace(/\/$/, "")}/network/offers/mine`;
  let queued = 0;
  for (const offer of due) {
    const t = offer.locale === "en" ? en : nb;
    const sent = db.transaction(
      (tx) => {
        const claimed = tx
          .update(networkOffers)
          .set({ staleReminderSentAt: now })
          .where(and(eq(networkOffers.id, offer.id), isNull(networkOffers.staleReminderSentAt)))
          .run();
        if (claimed.changes === 0) return false;
        return queueEmail(
          {
            to: offer.email,
            userId: offer.userId,
            subject: t("offers.email.stale.subject"),
            text: t("offers.email.stale.body", { name: offer.name, municipality: offer.municipality, days: OFFER_STALE_AFTER_MS / (24 * 60 * 60 * 1000), url }),
            kind: "network.offerStale",
            dedupeKey: `offer-stale:${offer.id}:${offer.lastConfirmedAt.getTime()}`,
          },
          offer.locale
        );
      },
      { behavior: "immediate" }
    );
    if (sent) queued++;
  }
  return queued;
}
