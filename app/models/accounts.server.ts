/** Accounts: creating people, their profile, and the forgotten-password flow. */
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailTokens, users, type Profession } from "../../db/schema";
import { generateToken, hashToken } from "../utils/crypto.server";
import { invalidateAllSessions, setPassword, verifyPassword } from "../utils/auth.server";
import { passwords } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";

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

function findValidResetToken(token: string) {
  return getDb()
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

/** Sets the new password, uses up the token and ends every session of the person. */
export async function resetPassword(token: string, password: string) {
  const row = findValidResetToken(token);
  if (!row) return null;
  const used = getDb()
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
    .run();
  if (used.changes === 0) return null; // a double submit already used it
  await setPassword(row.userId, password);
  invalidateAllSessions(row.userId);
  return row.userId;
}

export async function changePassword(userId: number, current: string, next: string) {
  const row = getDb().select().from(passwords).where(eq(passwords.userId, userId)).get();
  if (!row || !(await verifyPassword(row.hash, current))) return false;
  await setPassword(userId, next);
  invalidateAllSessions(userId);
  return true;
}
