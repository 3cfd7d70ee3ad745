/**
 * Personal calendar feed tokens and subscribe links. The URL token is `<id>.<hmac(sessionSecret,
 * "calendar-feed:" + id)>`; only the id is stored, so the database holds nothing secret. Regenerating
 * revokes the old row at once.
 */
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { calendarFeedTokens } from "../../db/schema";
import { constantTimeEqual, generateToken, hmac } from "../utils/crypto.server";
import { env } from "../utils/env.server";

const sign = (id: string, secret = env().sessionSecret) => hmac(secret, `calendar-feed:${id}`);
/** The secret part of a personal feed URL for a token row id (the bench and tests pass the server's secret). */
export const feedTokenFor = (id: string, secret?: string) => `${id}.${sign(id, secret)}`;

/** The user behind a personal feed token, or null for a malformed, forged or revoked token. */
export function resolveFeedToken(token: string): number | null {
  const match = /^([a-z0-9]{16,64})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!match) return null;
  const [, id, mac] = match;
  if (!constantTimeEqual(mac!, sign(id!))) return null;
  const row = getDb()
    .select({ userId: calendarFeedTokens.userId })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.id, id!), isNull(calendarFeedTokens.revokedAt)))
    .get();
  return row?.userId ?? null;
}

// The dashboard reads it on every request: built once (see db/prepared.ts).
const liveFeedTokenOf = preparedQuery((db) =>
  db
    .select({ id: calendarFeedTokens.id })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.userId, sql.placeholder("userId")), isNull(calendarFeedTokens.revokedAt)))
    .orderBy(desc(calendarFeedTokens.createdAt))
    .limit(1)
    .prepare(),
);

/** The user's current feed token, made on first use. */
export function getOrCreateFeedToken(userId: number): string {
  const db = getDb();
  const current = liveFeedTokenOf(db).get({ userId });
  if (current) return feedTokenFor(current.id);
  // First use: create under a write lock so two simultaneous page loads agree on one token.
  return db.transaction(
    (tx) => {
      const existing = tx
        .select({ id: calendarFeedTokens.id })
        .from(calendarFeedTokens)
        .where(and(eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
        .orderBy(desc(calendarFeedTokens.createdAt))
        .get();
      if (existing) return feedTokenFor(existing.id);
      const id = generateToken(15);
      tx.insert(calendarFeedTokens).values({ id, userId }).run();
      return feedTokenFor(id);
    },
    { behavior: "immediate" },
  );
}

/** Revokes every live token of the user and makes a new one: the old link stops working at once. */
export function regenerateFeedToken(userId: number): string {
  const db = getDb();
  return db.transaction(
    (tx) => {
      tx.update(calendarFeedTokens)
        .set({ revokedAt: new Date() })
        .where(and(eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
        .run();
      const id = generateToken(15);
      tx.insert(calendarFeedTokens).values({ id, userId }).run();
      return feedTokenFor(id);
    },
    { behavior: "immediate" },
  );
}

export type FeedLinks = { https: string; webcal: string; google: string; outlook: string };

/** The ways to subscribe to a feed at an absolute https(s) URL. */
export function subscribeLinks(httpsUrl: string): FeedLinks {
  const webcal = httpsUrl.replace(/^https?:\/\//, "webcal://");
  return {
    https: httpsUrl,
    webcal,
    google: `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(httpsUrl)}&name=Knutepunkt`,
  };
}

export function personalFeedLinks(userId: number, base: string): FeedLinks {
  return subscribeLinks(`${base}/calendar/${getOrCreateFeedToken(userId)}.ics`);
}

export function cohortFeedLinks(slug: string, base: string): FeedLinks {
  return subscribeLinks(`${base}/cohorts/${encodeURIComponent(slug)}/calendar.ics`);
}

