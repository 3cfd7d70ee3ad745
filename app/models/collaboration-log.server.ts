/**
 * The partnership's collaboration log ("samarbeidslogg"). Members record their contacts (day, form, minutes,
 * a topic from a fixed list; never free text, so nothing about a patient can be written) and compare them
 * with the meeting frequency of their agreement. Only the partnership's current members read and write it;
 * organisers see per-cohort figures over at least COLLABORATION_K partnerships, never a partnership's log.
 */
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { differenceInCalendarDays, format, parseISO, subMonths } from "date-fns";
import { getDb } from "../../db/client";
import {
  agreementVersions,
  cohorts,
  collaborationContacts,
  CONTACT_FORMS,
  partnershipMembers,
  partnerships,
} from "../../db/schema";
import { instantToOslo } from "../utils/time";
import { isActiveMember } from "./agreements.server";

import type { ContactForm, ContactTopic } from "../../db/enums";

export type { ContactForm, ContactTopic };

/** Organisers' figures show only when a cohort has at least this many partnerships. */
export const COLLABORATION_K = 5;
/** The organisers' "recent contact" window, in calendar months. */
export const RECENT_MONTHS = 3;
/** The log page lists this many contacts (newest first). */
export const LOG_PAGE_SIZE = 100;
/** A meeting is "overdue" only this many days after the agreed interval has passed: a gentle nudge, not a nag. */
export const OVERDUE_GRACE_DAYS = 7;
/** Forms that count as a meeting against the agreed frequency: a conversation, not a message. */
export const MEETING_FORMS: readonly ContactForm[] = ["meeting", "video", "phone"];

export class CollaborationLogError extends Error {
  constructor(public code: "notMember" | "notFound" | "future") {
    super(`collaboration log: ${code}`);
    this.name = "CollaborationLogError";
  }
}

export type ContactInput = { occurredOn: string; form: ContactForm; minutes: number; topic: ContactTopic };

/** Records a contact for a current member of the partnership. */
export function addContact(input: ContactInput & { partnershipId: number; userId: number }, now = new Date()) {
  const db = getDb();
  return db.transaction(
    (tx) => {
      if (!isActiveMember(input.partnershipId, input.userId)) throw new CollaborationLogError("notMember");
      if (input.occurredOn > instantToOslo(now).date) throw new CollaborationLogError("future");
      const partnership = tx.select({ cohortId: partnerships.cohortId }).from(partnerships).where(eq(partnerships.id, input.partnershipId)).get();
      if (!partnership) throw new CollaborationLogError("notFound");
      return tx
        .insert(collaborationContacts)
        .values({
          partnershipId: input.partnershipId,
          cohortId: partnership.cohortId,
          createdByUserId: input.userId,
          occurredOn: input.occurredOn,
          form: input.form,
          minutes: input.minutes,
          topic: input.topic,
        })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/** Deletes a contact the person recorded themselves in this partnership; anyone else's stays. */
export function deleteContact({ partnershipId, contactId, userId }: { partnershipId: number; contactId: number; userId: number }) {
  if (!isActiveMember(partnershipId, userId)) throw new CollaborationLogError("notMember");
  const deleted = getDb()
    .delete(collaborationContacts)
    .where(
      and(
        eq(collaborationContacts.id, contactId),
        eq(collaborationContacts.partnershipId, partnershipId),
        eq(collaborationContacts.createdByUserId, userId),
      ),
    )
    .run();
  if (deleted.changes === 0) throw new CollaborationLogError("notFound");
}

/** The newest contacts of a partnership (for its members only: the route checks membership first). */
export function listContacts(partnershipId: number, limit = LOG_PAGE_SIZE) {
  return getDb()
    .select({
      id: collaborationContacts.id,
      occurredOn: collaborationContacts.occurredOn,
      form: collaborationContacts.form,
      minutes: collaborationContacts.minutes,
      topic: collaborationContacts.topic,
      createdByUserId: collaborationContacts.createdByUserId,
    })
    .from(collaborationContacts)
    .where(eq(collaborationContacts.partnershipId, partnershipId))
    .orderBy(desc(collaborationContacts.occurredOn), desc(collaborationContacts.id))
    .limit(limit)
    .all();
}

const WORD_NUMBERS: Record<string, number> = { annen: 2, andre: 2, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, other: 2, two: 2, three: 3, four: 4, six: 6 };

/**
 * The agreed meeting interval in days, read from the agreement's free-text frequency ("månedlig", "hver
 * 14. dag", "annenhver uke", "hver 6. uke", "kvartalsvis", "monthly"). Null when the text names no
 * interval we can read: the page then shows the agreed text without counting.
 */
export function frequencyToDays(text: string): number | null {
  const s = text.toLowerCase().replace(/\s+/g, " ").trim();
  const n = (word: string | undefined) => (word ? (Number(word) || WORD_NUMBERS[word] || null) : 1);
  const every = s.match(/\b(?:hver|every|hvert)\s+(?:(\d+|annen|andre|to|tre|fire|fem|seks|other|two|three|four|six)\.?\s+)?(dag|day|uke|week|måned|mnd|month|år|year)/);
  const unitDays = (unit: string) =>
    unit.startsWith("dag") || unit.startsWith("day") ? 1 : unit.startsWith("uke") || unit.startsWith("week") ? 7 : unit.startsWith("år") || unit.startsWith("year") ? 365 : 30;
  if (every) {
    const count = n(every[1]);
    if (count) return Math.round(count * unitDays(every[2]!));
  }
  if (/annenhver\s*uke|biweekly|fortnight/.test(s)) return 14;
  if (/annenhver\s*måned|bimonthly/.test(s)) return 61;
  if (/ukentlig|weekly|per uke|i uka|i uken/.test(s)) return 7;
  if (/kvartal|quarter/.test(s)) return 91;
  if (/halvår|half[- ]?year|semiannual/.test(s)) return 182;
  if (/månedlig|monthly|per måned|i måneden|i mnd/.test(s)) return 30;
  if (/årlig|yearly|annual|per år|i året/.test(s)) return 365;
  return null;
}

export type CollaborationStatus = {
  agreedFrequency: string | null;
  intervalDays: number | null;
  lastMeetingOn: string | null;
  daysSinceLastMeeting: number | null;
  overdue: boolean;
};

/** The latest agreement version's frequency text of each partnership (one query for many). */
function agreedFrequencies(partnershipIds: number[]) {
  if (partnershipIds.length === 0) return new Map<number, { text: string; since: Date }>();
  const rows = getDb()
    .select({ partnershipId: agreementVersions.partnershipId, data: agreementVersions.data, createdAt: agreementVersions.createdAt })
    .from(agreementVersions)
    .where(
      and(
        inArray(agreementVersions.partnershipId, partnershipIds),
        sql`${agreementVersions.version} = (select max(v.version) from ${agreementVersions} v where v.partnership_id = ${agreementVersions.partnershipId})`,
      ),
    )
    .all();
  return new Map(
    rows.map((r) => [r.partnershipId, { text: String((r.data as { meetingFrequency?: unknown }).meetingFrequency ?? ""), since: r.createdAt }]),
  );
}

function lastMeetings(partnershipIds: number[]) {
  if (partnershipIds.length === 0) return new Map<number, string>();
  const rows = getDb()
    .select({ partnershipId: collaborationContacts.partnershipId, last: sql<string>`max(${collaborationContacts.occurredOn})` })
    .from(collaborationContacts)
    .where(and(inArray(collaborationContacts.partnershipId, partnershipIds), inArray(collaborationContacts.form, [...MEETING_FORMS])))
    .groupBy(collaborationContacts.partnershipId)
    .all();
  return new Map(rows.map((r) => [r.partnershipId, r.last]));
}

function statusOf(agreed: { text: string; since: Date } | undefined, lastMeetingOn: string | undefined, now: Date): CollaborationStatus {
  const today = parseISO(instantToOslo(now).date);
  const intervalDays = agreed ? frequencyToDays(agreed.text) : null;
  const daysSinceLastMeeting = lastMeetingOn ? differenceInCalendarDays(today, parseISO(lastMeetingOn)) : null;
  // Without any meeting yet, the clock starts when the agreement was written.
  const daysSinceReference =
    daysSinceLastMeeting ?? (agreed ? differenceInCalendarDays(today, parseISO(instantToOslo(agreed.since).date)) : null);
  return {
    agreedFrequency: agreed?.text || null,
    intervalDays,
    lastMeetingOn: lastMeetingOn ?? null,
    daysSinceLastMeeting,
    overdue: intervalDays !== null && daysSinceReference !== null && daysSinceReference > intervalDays + OVERDUE_GRACE_DAYS,
  };
}

/** "Agreed: monthly; last meeting 7 weeks ago", and whether a meeting is overdue. */
export function collaborationStatus(partnershipId: number, now = new Date()): CollaborationStatus {
  return statusOf(agreedFrequencies([partnershipId]).get(partnershipId), lastMeetings([partnershipId]).get(partnershipId), now);
}

/** Contacts per month for the last `months` months (oldest first), for the page's timeline. */
export function monthlyTimeline(partnershipId: number, now = new Date(), months = 12) {
  const [y, m] = instantToOslo(now).date.split("-").map(Number) as [number, number];
  const keys: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    keys.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  const rows = getDb()
    .select({
      month: sql<string>`substr(${collaborationContacts.occurredOn}, 1, 7)`,
      contacts: sql<number>`count(*)`,
      meetings: sql<number>`sum(case when ${collaborationContacts.form} in ('meeting', 'video', 'phone') then 1 else 0 end)`,
    })
    .from(collaborationContacts)
    .where(and(eq(collaborationContacts.partnershipId, partnershipId), gte(collaborationContacts.occurredOn, `${keys[0]}-01`)))
    .groupBy(sql`1`)
    .all();
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return keys.map((month) => ({ month, contacts: byMonth.get(month)?.contacts ?? 0, meetings: byMonth.get(month)?.meetings ?? 0 }));
}

/** The person's partnerships whose agreed meeting is overdue (the dashboard's gentle reminder). */
export function overdueCollaborations(userId: number, now = new Date()) {
  const mine = getDb()
    .select({ partnershipId: partnerships.id, cohortTitle: cohorts.title })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(cohorts, eq(cohorts.id, partnerships.cohortId))
    .where(and(eq(partnershipMembers.userId, userId), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt)))
    .limit(20)
    .all();
  const ids = mine.map((p) => p.partnershipId);
  const agreed = agreedFrequencies(ids);
  const last = lastMeetings(ids);
  return mine
    .map((p) => ({ ...p, status: statusOf(agreed.get(p.partnershipId), last.get(p.partnershipId), now) }))
    .filter((p) => p.status.overdue);
}

export type CohortCollaborationSummary =
  | { tooFew: true; partnerships: number }
  | {
      tooFew: false;
      partnerships: number;
      withRecentContact: number;
      recentShare: number;
      perForm: Record<ContactForm, number>;
    };

/**
 * The organisers' view of a cohort: how many active partnerships had a contact in the last three months
 * and how many contacts of each form were logged. Nothing per partnership, and nothing at all below
 * COLLABORATION_K partnerships, so no figure points at one pair.
 */
export function cohortCollaborationSummary(cohortId: number, now = new Date()): CohortCollaborationSummary {
  const db = getDb();
  const active = db
    .select({ n: sql<number>`count(*)` })
    .from(partnerships)
    .where(and(eq(partnerships.cohortId, cohortId), isNull(partnerships.dissolvedAt)))
    .get()!.n;
  if (active < COLLABORATION_K) return { tooFew: true, partnerships: active };
  const since = format(subMonths(parseISO(instantToOslo(now).date), RECENT_MONTHS), "yyyy-MM-dd");
  const withRecentContact = db
    .select({ n: sql<number>`count(distinct ${collaborationContacts.partnershipId})` })
    .from(collaborationContacts)
    .innerJoin(partnerships, eq(partnerships.id, collaborationContacts.partnershipId))
    .where(and(eq(collaborationContacts.cohortId, cohortId), gte(collaborationContacts.occurredOn, since), isNull(partnerships.dissolvedAt)))
    .get()!.n;
  const forms = db
    .select({ form: collaborationContacts.form, n: sql<number>`count(*)` })
    .from(collaborationContacts)
    .where(eq(collaborationContacts.cohortId, cohortId))
    .groupBy(collaborationContacts.form)
    .all();
  const perForm = Object.fromEntries(CONTACT_FORMS.map((f) => [f, forms.find((r) => r.form === f)?.n ?? 0])) as Record<ContactForm, number>;
  return { tooFew: false, partnerships: active, withRecentContact, recentShare: Math.round((withRecentContact / active) * 100), perForm };
}
