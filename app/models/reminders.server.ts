/**
 * Scheduled notifications. `runDueNotifications(now)` finds every reminder that is due at `now` and queues it
 * in the e-mail outbox with a dedupe key, so each reminder is sent at most once, however often the job runs and
 * across restarts (the unique index on email_outbox.dedupe_key is the record).
 *
 * Built-in jobs:
 * - evening reminders: from 09:00 Oslo time the day before each scheduled evening until it starts, to every
 *   confirmed participant who has not turned them off (users.notifyEveningReminders);
 * - partner requests still pending after 3 days, to the person asked (users.notifyPartnerReminders);
 * - agreement versions not confirmed after 3 days, to each member who has not confirmed the latest version
 *   (users.notifyPartnerReminders).
 * Other capabilities add jobs with `registerNotificationJob(name, fn)` (e.g. survey reminders, which should check
 * users.notifySurveyReminders). A job returns how many e-mails it queued.
 */
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  agreementConfirmations,
  agreementVersions,
  emailOutbox,
  cohorts,
  evenings,
  partnerRequests,
  partnershipMembers,
  partnerships,
  registrations,
  users,
} from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { appUrl } from "../utils/env.server";
import { log } from "../utils/log.server";
import { formatEveningTime, instantToOslo, osloDateTimeToInstant } from "../utils/time";
import { queueEmail } from "./notifications.server";

export type NotificationJob = (now: Date) => number | Promise<number>;

const DAY = 24 * 60 * 60 * 1000;
/** Reminders about pending partner requests and unconfirmed agreements go out after this long. */
export const FOLLOW_UP_AFTER_MS = 3 * DAY;
/** Older items are not chased any more (keeps every query bounded). */
const FOLLOW_UP_WINDOW_MS = 30 * DAY;
/** Evening reminders go out from this Oslo wall-clock time on the day before. */
export const EVENING_REMINDER_TIME = "09:00";
const BATCH = 500;

const jobs = new Map<string, NotificationJob>();

/** Adds (or replaces) a job that `runDueNotifications` runs after the built-in ones. */
export function registerNotificationJob(name: string, fn: NotificationJob) {
  jobs.set(name, fn);
}

export function unregisterNotificationJob(name: string) {
  jobs.delete(name);
}

type Translator = Awaited<ReturnType<typeof getFixedT>>;
async function translators() {
  const cache = new Map<string, Translator>();
  return async (locale: string) => {
    const key = locale === "en" ? "en" : "nb";
    if (!cache.has(key)) cache.set(key, await getFixedT(key));
    return cache.get(key)!;
  };
}

const withFooter = (t: Translator, text: string) => `${text}\n\n${t("calendar.reminders.footer", { url: `${appUrl()}/profile` })}`;

/** The Oslo date before an Oslo date ("2027-03-01" → "2027-02-28"). */
function dayBefore(date: string) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** When the reminder for an evening starting at `startsAt` becomes due. */
export function eveningReminderDueAt(startsAt: Date): Date {
  return osloDateTimeToInstant(dayBefore(instantToOslo(startsAt).date), EVENING_REMINDER_TIME);
}

export async function queueEveningReminders(now: Date): Promise<number> {
  const db = getDb();
  const tFor = await translators();
  // Every evening whose reminder can be due: it starts within two days and has not started.
  const upcoming = db
    .select({ evening: evenings, cohort: cohorts })
    .from(evenings)
    .innerJoin(cohorts, eq(cohorts.id, evenings.cohortId))
    .where(
      and(
        gt(evenings.startsAt, now),
        lte(evenings.startsAt, new Date(now.getTime() + 2 * DAY)),
        eq(evenings.status, "scheduled"),
        ne(cohorts.status, "draft"),
        isNull(cohorts.personalDataDeletedAt),
      ),
    )
    .orderBy(asc(evenings.startsAt))
    .limit(BATCH)
    .all()
    .filter(({ evening }) => eveningReminderDueAt(evening.startsAt).getTime() <= now.getTime());
  let queued = 0;
  for (const { evening, cohort } of upcoming) {
    const total = db.select({ n: sql<number>`count(*)` }).from(evenings).where(eq(evenings.cohortId, cohort.id)).get()?.n ?? 0;
    const people = db
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(and(eq(registrations.cohortId, cohort.id), eq(registrations.status, "confirmed"), eq(users.notifyEveningReminders, true)))
      .orderBy(asc(users.id))
      .all();
    for (const person of people) {
      const t = await tFor(person.locale);
      const subject = t("calendar.reminders.eveningSubject", { number: evening.number, total, theme: evening.theme });
      const text = t("calendar.reminders.eveningBody", {
        name: person.name,
        cohort: cohort.title,
        when: formatEveningTime(evening.startsAt, evening.endsAt, person.locale),
        venue: evening.venue || cohort.venue,
        theme: evening.theme,
        task: evening.selfStudyTask || t("calendar.reminders.noTask"),
        url: `${appUrl()}/cohorts/${cohort.slug}`,
      });
      const ok = queueEmail(
        {
          to: person.email,
          userId: person.id,
          subject,
          text: withFooter(t, text),
          kind: "evening-reminder",
          dedupeKey: `evening-reminder:${evening.id}:${person.id}`,
        },
        person.locale,
      );
      if (ok) queued++;
    }
  }
  return queued;
}

export async function queuePartnerRequestReminders(now: Date): Promise<number> {
  const db = getDb();
  const tFor = await translators();
  const due = db
    .select({ request: partnerRequests, cohort: cohorts })
    .from(partnerRequests)
    .innerJoin(cohorts, eq(cohorts.id, partnerRequests.cohortId))
    .where(
      and(
        eq(partnerRequests.status, "pending"),
        lte(partnerRequests.createdAt, new Date(now.getTime() - FOLLOW_UP_AFTER_MS)),
        gte(partnerRequests.createdAt, new Date(now.getTime() - FOLLOW_UP_WINDOW_MS)),
      ),
    )
    .orderBy(asc(partnerRequests.id))
    .limit(BATCH)
    .all();
  let queued = 0;
  for (const { request, cohort } of due) {
    const [to, from] = [request.toUserId, request.fromUserId].map((id) => db.select().from(users).where(eq(users.id, id)).get());
    if (!to || !from || !to.notifyPartnerReminders) continue;
    const t = await tFor(to.locale);
    const text = t("calendar.reminders.partnerBody", {
      name: to.name,
      from: from.name,
      cohort: cohort.title,
      url: `${appUrl()}/cohorts/${cohort.slug}/partners`,
    });
    const ok = queueEmail(
      {
        to: to.email,
        userId: to.id,
        subject: t("calendar.reminders.partnerSubject"),
        text: withFooter(t, text),
        kind: "partner-request-reminder",
        dedupeKey: `partner-request-reminder:${request.id}`,
      },
      to.locale,
    );
    if (ok) queued++;
  }
  return queued;
}

export async function queueAgreementReminders(now: Date): Promise<number> {
  const db = getDb();
  const tFor = await translators();
  const candidates = db
    .select({ version: agreementVersions })
    .from(agreementVersions)
    .innerJoin(partnerships, eq(partnerships.id, agreementVersions.partnershipId))
    .where(
      and(
        isNull(partnerships.dissolvedAt),
        lte(agreementVersions.createdAt, new Date(now.getTime() - FOLLOW_UP_AFTER_MS)),
        gte(agreementVersions.createdAt, new Date(now.getTime() - FOLLOW_UP_WINDOW_MS)),
      ),
    )
    .orderBy(asc(agreementVersions.id))
    .limit(BATCH)
    .all();
  let queued = 0;
  for (const { version } of candidates) {
    // Only the latest version of a partnership's agreement needs confirming.
    const latest = db
      .select({ id: agreementVersions.id })
      .from(agreementVersions)
      .where(eq(agreementVersions.partnershipId, version.partnershipId))
      .orderBy(desc(agreementVersions.version))
      .limit(1)
      .get();
    if (latest?.id !== version.id) continue;
    const members = db
      .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, notify: users.notifyPartnerReminders })
      .from(partnershipMembers)
      .innerJoin(users, eq(users.id, partnershipMembers.userId))
      .where(and(eq(partnershipMembers.partnershipId, version.partnershipId), isNull(partnershipMembers.leftAt)))
      .all();
    const confirmed = new Set(
      members.length
        ? db
            .select({ userId: agreementConfirmations.userId })
            .from(agreementConfirmations)
            .where(and(eq(agreementConfirmations.agreementVersionId, version.id), inArray(agreementConfirmations.userId, members.map((m) => m.id))))
            .all()
            .map((c) => c.userId)
        : [],
    );
    for (const m of members) {
      if (!m.notify || confirmed.has(m.id)) continue;
      const t = await tFor(m.locale);
      const text = t("calendar.reminders.agreementBody", { name: m.name, url: `${appUrl()}/partnerships/${version.partnershipId}/agreement` });
      const ok = queueEmail(
        {
          to: m.email,
          userId: m.id,
          subject: t("calendar.reminders.agreementSubject"),
          text: withFooter(t, text),
          kind: "agreement-reminder",
          dedupeKey: `agreement-reminder:${version.id}:${m.id}`,
        },
        m.locale,
      );
      if (ok) queued++;
    }
  }
  return queued;
}

const builtIn: [string, NotificationJob][] = [
  ["evening-reminders", queueEveningReminders],
  ["partner-request-reminders", queuePartnerRequestReminders],
  ["agreement-reminders", queueAgreementReminders],
];

/**
 * Runs every notification job once for `now` and returns how many e-mails each queued. A failing job is
 * logged and does not stop the others.
 */
export async function runDueNotifications(now = new Date()): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [name, job] of [...builtIn, ...jobs]) {
    try {
      result[name] = await job(now);
    } catch (error) {
      log.error("notification job failed", { job: name, error: String(error) });
      result[name] = 0;
    }
  }
  return result;
}

/** Admin: puts a failed e-mail back in the queue for a fresh round of attempts. */
export function retryOutboxEmail(id: number): boolean {
  const result = getDb()
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
    .run();
  return result.changes > 0;
}
