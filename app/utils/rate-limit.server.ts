/**
 * Log-in throttling per account and per IP address, kept in SQLite so it survives restarts.
 * After MAX failures inside the window the key is blocked for BLOCK_MS.
 */
import { eq, inArray } from "drizzle-orm";
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

/** Minutes left of a block, or 0 when the attempt may go ahead. */
export function loginBlockedMinutes(email: string, ip: string | null, now = Date.now()): number {
  const rows = getDb()
    .select()
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, keysFor(email, ip).map((k) => k.key)))
    .all();
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 60000) : 0;
}

export function recordLoginFailure(email: string, ip: string | null, now = Date.now()) {
  const db = getDb();
  db.transaction(
    (tx) => {
      for (const { key, max } of keysFor(email, ip)) {
        const row = tx.select().from(loginAttempts).where(eq(loginAttempts.key, key)).get();
        const fresh = !row || now - row.windowStartedAt.getTime() > WINDOW_MS;
        const failures = fresh ? 1 : row.failures + 1;
        const values = {
          key,
          failures,
          windowStartedAt: fresh ? new Date(now) : row.windowStartedAt,
          blockedUntil: failures >= max ? new Date(now + BLOCK_MS) : (row?.blockedUntil ?? null),
        };
        tx.insert(loginAttempts).values(values).onConflictDoUpdate({ target: loginAttempts.key, set: values }).run();
      }
    },
    { behavior: "immediate" },
  );
}

export function clearLoginFailures(email: string) {
  getDb()
    .delete(loginAttempts)
    .where(eq(loginAttempts.key, `email:${email.trim().toLowerCase()}`))
    .run();
}

/** The client address as seen by the server (X-Forwarded-For only when TRUST_PROXY is set). */
export function clientIp(request: Request): string | null {
  if (process.env.TRUST_PROXY === "true") {
    const forwarded = request.headers.get("x-forwarded-for");
    if (forwarded) return forwarded.split(",")[0]!.trim();
  }
  return request.headers.get("x-remote-address");
}
