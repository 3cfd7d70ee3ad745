/**
 * Password-check throttling per account and per IP address, kept in SQLite so every server process
 * shares it and it survives restarts. Each check is counted BEFORE the password is verified, in one
 * immediate transaction with the test of the limit, so a parallel burst gets at most MAX checks per
 * account however many requests arrive at once. After MAX counted checks inside the window the key
 * is blocked for BLOCK_MS.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { loginAttempts } from "../../db/schema";

const WINDOW_MS = 15 * 60 * 1000;
const BLOCK_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

function keysFor(email: string, ip: string | null) {
  const keys = [{ key: `email:${email.trim().toLowerCase()}`, max: MAX_FAILURES_PER_ACCOUNT }];
  if (ip) keys.push({ key: `ip:${ip}`, max: MAX_FAILURES_PER_IP });
  return keys;
}

const minutesLeft = (until: number, now: number) => (until > now ? Math.ceil((until - now) / 60000) : 0);

/** Minutes left of a block, or 0 when a check may go ahead. */
export function loginBlockedMinutes(email: string, ip: string | null, now = Date.now()): number {
  const rows = getDb()
    .select()
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, keysFor(email, ip).map((k) => k.key)))
    .all();
  return minutesLeft(Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0)), now);
}

/**
 * Counts one password check for the account (and the address) unless one of them is blocked.
 * Returns 0 when the check may run, else the minutes left of the block.
 */
export function reservePasswordCheck(email: string, ip: string | null, now = Date.now()): number {
  const keys = keysFor(email, ip);
  return getDb().transaction(
    (tx) => {
      const rows = new Map(
        tx
          .select()
          .from(loginAttempts)
          .where(inArray(loginAttempts.key, keys.map((k) => k.key)))
          .all()
          .map((r) => [r.key, r]),
      );
      const blocked = minutesLeft(Math.max(0, ...[...rows.values()].map((r) => r.blockedUntil?.getTime() ?? 0)), now);
      if (blocked > 0) return blocked;
      for (const { key, max } of keys) {
        const row = rows.get(key);
        const fresh = !row || now - row.windowStartedAt.getTime() > WINDOW_MS;
        const failures = fresh ? 1 : row.failures + 1;
        const values = {
          key,
          failures,
          windowStartedAt: fresh ? new Date(now) : row.windowStartedAt,
          blockedUntil: failures >= max ? new Date(now + BLOCK_MS) : null,
        };
        tx.insert(loginAttempts).values(values).onConflictDoUpdate({ target: loginAttempts.key, set: values }).run();
      }
      return 0;
    },
    { behavior: "immediate" },
  );
}

/**
 * A right password takes back its own count (and the block that count may have started). It does not
 * clear the others: wrong guesses of the same burst still count, so a right password in a burst never
 * opens the way for more guesses.
 */
function takeBackPasswordCheck(email: string, ip: string | null) {
  getDb().transaction(
    (tx) => {
      for (const { key, max } of keysFor(email, ip)) {
        tx.update(loginAttempts)
          .set({
            failures: sql`max(${loginAttempts.failures} - 1, 0)`,
            blockedUntil: sql`case when ${loginAttempts.failures} - 1 < ${max} then null else ${loginAttempts.blockedUntil} end`,
          })
          .where(eq(loginAttempts.key, key))
          .run();
      }
    },
    { behavior: "immediate" },
  );
}

export type ThrottledCheck<T> =
  | { outcome: "ok"; value: T }
  | { outcome: "wrong"; blockedMinutes: number }
  | { outcome: "blocked"; blockedMinutes: number };

/**
 * Every password check of the app (log-in, password change, account deletion) goes through here:
 * counted first, run only when the account is not blocked. `check` returns null (or false) for a
 * wrong password.
 */
export async function throttledPasswordCheck<T>(
  email: string,
  ip: string | null,
  check: () => Promise<T | null | false>,
): Promise<ThrottledCheck<T>> {
  const blocked = reservePasswordCheck(email, ip);
  if (blocked > 0) return { outcome: "blocked", blockedMinutes: blocked };
  const value = await check();
  if (value === null || value === false) return { outcome: "wrong", blockedMinutes: loginBlockedMinutes(email, ip) };
  takeBackPasswordCheck(email, ip);
  return { outcome: "ok", value };
}

/** The client address as seen by the server (X-Forwarded-For only when TRUST_PROXY is set). */
export function clientIp(request: Request): string | null {
  if (process.env.TRUST_PROXY === "true") {
    const forwarded = request.headers.get("x-forwarded-for");
    if (forwarded) return forwarded.split(",")[0]!.trim();
  }
  return request.headers.get("x-remote-address");
}
