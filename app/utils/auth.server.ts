/**
 * Sessions the way the Lucia guide describes them: a random token in an http-only cookie, only its
 * SHA-256 hash in the database, 30-day sliding expiry, a new session at every log-in.
 */
import { redirect } from "react-router";
import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { passwords, sessions, users } from "../../db/schema";
import { createAppCookie } from "./cookies.server";
import { generateToken, hashToken } from "./crypto.server";

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;
const RENEW_WHEN_LEFT_MS = 15 * DAY;

export const sessionCookie = createAppCookie("kp_session", { maxAge: SESSION_LIFETIME_MS / 1000 });

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes).
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

// Each hash holds 19 MiB while it runs on libuv's pool (4 threads). With 2 cores, more than two at once
// only queue inside the pool, so they wait here instead, which keeps the memory of a sign-up burst down.
const hashingSlots = pLimit(2);

/** How many password hashes run and wait right now (for tests and diagnostics). */
export function passwordHashingLoad() {
  return { running: hashingSlots.activeCount, waiting: hashingSlots.pendingCount };
}

export function hashPassword(password: string) {
  return hashingSlots(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await hashingSlots(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/**
 * A new session for the user, carrying the session generation read together with the password that was
 * checked: if the password changed in between, the generation has moved on and the session is dead at birth.
 */
export async function createSession(userId: number, generation: number) {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  getDb().insert(sessions).values({ id: hashToken(token), userId, expiresAt, generation }).run();
  return { token, expiresAt };
}

// Every logged-in request runs this one.
const sessionWithUser = preparedQuery((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id")))
    .prepare(),
);

/** The user behind a session token, extending the session when it is past half its life. */
export function validateSessionToken(token: string) {
  const db = getDb();
  const id = hashToken(token);
  const row = sessionWithUser(db).get({ id });
  if (!row) return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now || row.session.generation !== row.user.sessionGeneration) {
    db.delete(sessions).where(eq(sessions.id, id)).run();
    return null;
  }
  if (row.session.expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS) {
    db.update(sessions)
      .set({ expiresAt: new Date(now + SESSION_LIFETIME_MS) })
      .where(eq(sessions.id, id))
      .run();
  }
  return row.user;
}

export function invalidateSession(token: string) {
  getDb().delete(sessions).where(eq(sessions.id, hashToken(token))).run();
}

export function deleteExpiredSessions() {
  getDb().delete(sessions).where(lt(sessions.expiresAt, new Date())).run();
}

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SessionUser = typeof users.$inferSelect;

const userByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/**
 * The logged-in user of a request, validated once per Request object: a loader's permission checks ask
 * several times. React Router gives each loader and the action a Request of its own, so each validates afresh.
 */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let found = userByRequest.get(request);
  if (!found) {
    found = readSessionToken(request).then((token) => (token ? validateSessionToken(token) : null));
    userByRequest.set(request, found);
  }
  return found;
}

/** Log in: a fresh session (never a reused one) and its cookie. */
export async function startSession(user: { id: number; sessionGeneration: number }, redirectTo: string) {
  const { token } = await createSession(user.id, user.sessionGeneration);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

export async function logout(request: Request, redirectTo = "/") {
  const token = await readSessionToken(request);
  if (token) invalidateSession(token);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

/** The first password of a new account (changes go through replacePassword in the accounts model). */
export async function setPassword(userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  getDb()
    .insert(passwords)
    .values({ userId, hash: passwordHash, updatedAt: new Date() })
    .onConflictDoUpdate({ target: passwords.userId, set: { hash: passwordHash, updatedAt: new Date() } })
    .run();
}

/**
 * Checks e-mail and password; returns the user or null. Always spends the hashing time. The user's
 * sessionGeneration is read in the same statement as the hash, for the session a log-in creates.
 */
export async function verifyLogin(email: string, password: string) {
  const row = getDb()
    .select({ user: users, hash: passwords.hash })
    .from(users)
    .leftJoin(passwords, eq(passwords.userId, users.id))
    .where(and(eq(users.email, email.trim().toLowerCase())))
    .get();
  if (!row?.hash) {
    await hashPassword(password); // same cost whether or not the account exists
    return null;
  }
  return (await verifyPassword(row.hash, password)) ? row.user : null;
}
