/** Accounts: creating people, their profile, and the forgotten-password flow. */
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailTokens, passwords, sessions, users, type Profession } from "../../db/schema";
import { generateToken, hashToken } from "../utils/crypto.server";
import { hashPassword, setPassword, verifyPassword } from "../utils/auth.server";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";
import type { Tx } from "./registration.server";

export type NewUser = {
  email: string;
  name: string;
  profession: Profession;
  password: string;
  hprNumber?: string | null;
  practice?: string | null;
  municipality?: string | null;
  phone?: string | null;
  locale?: "nb" | "en";
  partnerProfileOptIn?: boolean;
  directoryOptIn?: boolean;
};

export function findUserByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function getUser(id: number) {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export class EmailTakenError extends Error {}

export async function createUser(input: NewUser) {
  const db = getDb();
  const email = input.email.trim().toLowerCase();
  let user;
  try {
    user = db
      .insert(users)
      .values({
        email,
        name: input.name,
        profession: input.profession,
        hprNumber: input.hprNumber || null,
        practice: input.practice || null,
        municipality: input.municipality || null,
        phone: input.phone || null,
        locale: input.locale ?? "nb",
        partnerProfileOptIn: input.partnerProfileOptIn,
        directoryOptIn: input.directoryOptIn,
      })
      .returning()
      .get();
  } catch (error) {
    if (String(error).includes("UNIQUE constraint failed: users.email")) throw new EmailTakenError(email);
    throw error;
  }
  await setPassword(user.id, input.password);
  return user;
}

export type ProfileUpdate = Partial<
  Pick<
    typeof users.$inferInsert,
    | "name"
    | "profession"
    | "hprNumber"
    | "practice"
    | "municipality"
    | "phone"
    | "specialCompetence"
    | "about"
    | "partnerProfileOptIn"
    | "directoryOptIn"
    | "locale"
    | "notifyEveningReminders"
    | "notifySurveyReminders"
    | "notifyPartnerReminders"
  >
>;

export function updateProfile(userId: number, update: ProfileUpdate) {
  return getDb()
    .update(users)
    .set({ ...update, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning()
    .get();
}

const RESET_LIFETIME_MS = 60 * 60 * 1000;

/** Queues a reset link when the address has an account; says nothing either way. */
export async function requestPasswordReset(email: string, baseUrl: string) {
  const user = findUserByEmail(email);
  if (!user) return;
  const token = generateToken();
  getDb()
    .insert(emailTokens)
    .values({ userId: user.id, purpose: "reset", tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_LIFETIME_MS) })
    .run();
  const t = await getFixedT(user.locale);
  const link = `${baseUrl}/reset-password/${token}`;
  queueEmail(
    {
      to: user.email,
      userId: user.id,
      kind: "password-reset",
      subject: t("auth.forgot.emailSubject"),
      text: `${t("auth.forgot.emailBody", { name: user.name, link })}\n\n${t("email.signature")}`,
    },
    user.locale,
  );
}

function findValidResetToken(token: string, db: Pick<Tx, "select"> = getDb()) {
  return db
    .select()
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, "reset"),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, new Date()),
      ),
    )
    .get();
}

export function isResetTokenValid(token: string) {
  return !!findValidResetToken(token);
}

/**
 * Inside the caller's transaction: the new password hash, a new session generation (which ends every
 * session made before, even one a log-in racing this change is about to create), the old sessions
 * deleted, and every reset link still outstanding used up. Returns the new generation, for the one
 * session the change itself opens.
 */
function replacePassword(tx: Tx, userId: number, passwordHash: string) {
  const now = new Date();
  tx.insert(passwords)
    .values({ userId, hash: passwordHash, updatedAt: now })
    .onConflictDoUpdate({ target: passwords.userId, set: { hash: passwordHash, updatedAt: now } })
    .run();
  const { sessionGeneration } = tx
    .update(users)
    .set({ sessionGeneration: sql`${users.sessionGeneration} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionGeneration: users.sessionGeneration })
    .get()!;
  tx.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.generation, sessionGeneration))).run();
  tx.update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "reset"), isNull(emailTokens.usedAt)))
    .run();
  return sessionGeneration;
}

/**
 * Sets the new password from a reset link and uses up the link (and every other one of the person).
 * Returns the user and the new session generation, or null when the link is not (or no longer) valid.
 */
export async function resetPassword(token: string, password: string) {
  if (!findValidResetToken(token)) return null;
  const passwordHash = await hashPassword(password);
  return getDb().transaction(
    (tx) => {
      // Checked again inside the transaction: a double submit or a password change may have used it up.
      const row = findValidResetToken(token, tx);
      if (!row) return null;
      return { userId: row.userId, sessionGeneration: replacePassword(tx, row.userId, passwordHash) };
    },
    { behavior: "immediate" },
  );
}

/**
 * Changes the password when the current one is right. Returns the new session generation, or null for a
 * wrong current password (or one changed by someone else while this one was being checked).
 */
export async function changePassword(userId: number, current: string, next: string) {
  const row = getDb().select().from(passwords).where(eq(passwords.userId, userId)).get();
  if (!row || !(await verifyPassword(row.hash, current))) return null;
  const passwordHash = await hashPassword(next);
  return getDb().transaction(
    (tx) => {
      const still = tx.select({ hash: passwords.hash }).from(passwords).where(eq(passwords.userId, userId)).get();
      if (still?.hash !== row.hash) return null;
      return replacePassword(tx, userId, passwordHash);
    },
    { behavior: "immediate" },
  );
}
