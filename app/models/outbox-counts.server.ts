/** Counts for "say what goes out": who an action will e-mail, and how many mails it queued. */
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, registrations } from "../../db/schema";

/** Confirmed participants of the cohort: those an evening's change or cancellation is mailed to. */
export function confirmedCount(cohortId: number) {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(registrations)
      .where(and(eq(registrations.cohortId, cohortId), eq(registrations.status, "confirmed")))
      .get()?.n ?? 0
  );
}

/**
 * How many outbox mails carry a dedupe key starting with the prefix (one action's mails share one, e.g.
 * "eveningChanged:<evening>:<revision>:"). A range on the unique index, not LIKE, so it stays indexed.
 */
export function queuedWithKeyPrefix(prefix: string) {
  const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(emailOutbox)
      .where(and(gte(emailOutbox.dedupeKey, prefix), lt(emailOutbox.dedupeKey, end)))
      .get()?.n ?? 0
  );
}
