import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, sessions } from "../../db/schema";
import {
  changePassword,
  createUser,
  EmailTakenError,
  requestPasswordReset,
  resetPassword,
} from "../../app/models/accounts.server";
import {
  createSession,
  getSessionUser,
  hashPassword,
  invalidateSession,
  passwordHashingLoad,
  sessionCookie,
  validateSessionToken,
  verifyLogin,
  verifyPassword,
} from "../../app/utils/auth.server";
import { hashToken } from "../../app/utils/crypto.server";
import {
  loginBlockedMinutes,
  MAX_FAILURES_PER_ACCOUNT,
  recordLoginFailure,
  clearLoginFailures,
} from "../../app/utils/rate-limit.server";

const newUser = (email: string) => ({ email, name: "Åse Løvås", profession: "physio" as const, password: "et-godt-passord" });

describe("accounts and sessions", () => {
  it("stores only the hash of a session token, and a logged-out token stops working", async () => {
    const user = await createUser(newUser("ase@example.no"));
    const { token } = await createSession(user.id);
    const row = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).get()!;
    expect(row.id).toBe(hashToken(token));
    expect(row.id).not.toContain(token);
    expect(validateSessionToken(token)?.id).toBe(user.id);
    invalidateSession(token);
    expect(validateSessionToken(token)).toBeNull();
  });

  it("expires sessions and slides the expiry when half-used", async () => {
    const user = await createUser(newUser("slide@example.no"));
    const { token } = await createSession(user.id);
    const id = hashToken(token);
    getDb().update(sessions).set({ expiresAt: new Date(Date.now() + 60_000) }).where(eq(sessions.id, id)).run();
    expect(validateSessionToken(token)).not.toBeNull();
    const renewed = getDb().select().from(sessions).where(eq(sessions.id, id)).get()!;
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    getDb().update(sessions).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(sessions.id, id)).run();
    expect(validateSessionToken(token)).toBeNull();
  });

  it("refuses a second account with the same e-mail, whatever its case", async () => {
    await createUser(newUser("dup@example.no"));
    await expect(createUser(newUser("DUP@example.no"))).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("verifies passwords with argon2id", async () => {
    const user = await createUser(newUser("login@example.no"));
    expect((await verifyLogin("LOGIN@example.no", "et-godt-passord"))?.id).toBe(user.id);
    expect(await verifyLogin("login@example.no", "feil")).toBeNull();
    expect(await verifyLogin("ingen@example.no", "et-godt-passord")).toBeNull();
  });

  it("runs at most two argon2 hashes at once (19 MiB each) and lets the rest wait their turn", async () => {
    const hashes = Array.from({ length: 6 }, (_, i) => hashPassword(`passord-nummer-${i}`));
    await Promise.resolve(); // p-limit starts queued work on the next microtask
    expect(passwordHashingLoad()).toEqual({ running: 2, waiting: 4 });
    const done = await Promise.all(hashes);
    expect(passwordHashingLoad()).toEqual({ running: 0, waiting: 0 });
    expect(await verifyPassword(done[5]!, "passord-nummer-5")).toBe(true);
  });

  it("resets a forgotten password once through the e-mailed link and ends all sessions", async () => {
    const user = await createUser(newUser("reset@example.no"));
    const { token: sessionToken } = await createSession(user.id);
    await requestPasswordReset("reset@example.no", "http://localhost:3000");
    const mail = getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "reset@example.no")).orderBy(desc(emailOutbox.id)).get()!;
    expect(mail.subject).toBe("Nytt passord til Knutepunkt");
    expect(mail.htmlBody).toContain("<a href=");
    const link = mail.textBody.match(/http:\/\/localhost:3000\/reset-password\/(\S+)/)!;
    expect(link).not.toBeNull();
    expect(await resetPassword(link[1]!, "helt-nytt-passord")).toBe(user.id);
    expect(await resetPassword(link[1]!, "enda-et-passord")).toBeNull(); // used up
    expect(validateSessionToken(sessionToken)).toBeNull();
    expect(await verifyLogin("reset@example.no", "helt-nytt-passord")).not.toBeNull();
  });

  it("asks nothing of an unknown address and queues no mail for it", async () => {
    const before = getDb().select().from(emailOutbox).all().length;
    await requestPasswordReset("finnes-ikke@example.no", "http://x");
    expect(getDb().select().from(emailOutbox).all().length).toBe(before);
  });

  it("changing the password needs the current one and logs out every session", async () => {
    const user = await createUser(newUser("change@example.no"));
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    expect(await changePassword(user.id, "feil-passord", "nytt-passord-1")).toBe(false);
    expect(validateSessionToken(a.token)).not.toBeNull();
    expect(await changePassword(user.id, "et-godt-passord", "nytt-passord-1")).toBe(true);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(validateSessionToken(b.token)).toBeNull();
  });
});

describe("the session user of a request", () => {
  it("is read once per Request object, and again for the next request", async () => {
    const user = await createUser(newUser("loaders@example.no"));
    const other = await createUser(newUser("other@example.no"));
    const cookieOf = async (userId: number) => (await sessionCookie.serialize((await createSession(userId)).token)).split(";")[0]!;
    const [cookie, otherCookie] = [await cookieOf(user.id), await cookieOf(other.id)];
    const requestOf = (withCookie = cookie) => new Request("http://localhost/cohorts", { headers: { cookie: withCookie } });
    const request = requestOf();
    expect((await getSessionUser(request))?.id).toBe(user.id);
    getDb().delete(sessions).where(eq(sessions.userId, user.id)).run(); // logged out elsewhere, mid-request

    expect((await getSessionUser(request))?.id).toBe(user.id);
    expect(await getSessionUser(requestOf())).toBeNull();
    expect((await getSessionUser(requestOf(otherCookie)))?.id).toBe(other.id);
  });
});

describe("log-in rate limit", () => {
  it("blocks an account after five failures and tells how long", () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) recordLoginFailure("x@example.no", "10.0.0.1", now);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now)).toBe(0);
    recordLoginFailure("x@example.no", "10.0.0.1", now);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now)).toBe(15);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now + 16 * 60_000)).toBe(0);
    clearLoginFailures("x@example.no");
    expect(loginBlockedMinutes("x@example.no", null, now)).toBe(0);
  });

  it("blocks an IP address that tries many accounts", () => {
    const now = Date.now();
    for (let i = 0; i < 30; i++) recordLoginFailure(`user${i}@example.no`, "10.9.9.9", now);
    expect(loginBlockedMinutes("someone-else@example.no", "10.9.9.9", now)).toBeGreaterThan(0);
    expect(loginBlockedMinutes("someone-else@example.no", "10.9.9.8", now)).toBe(0);
  });
});
