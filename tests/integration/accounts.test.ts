import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, sessions } from "../../db/schema";
import {
  changePassword,
  createUser,
  EmailTakenError,
  isResetTokenValid,
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
  startSession,
  validateSessionToken,
  verifyLogin,
  verifyPassword,
} from "../../app/utils/auth.server";
import { hashToken } from "../../app/utils/crypto.server";
import {
  loginBlockedMinutes,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  reservePasswordCheck,
  throttledPasswordCheck,
} from "../../app/utils/rate-limit.server";

const newUser = (email: string) => ({ email, name: "Åse Løvås", profession: "physio" as const, password: "et-godt-passord" });

describe("accounts and sessions", () => {
  it("stores only the hash of a session token, and a logged-out token stops working", async () => {
    const user = await createUser(newUser("ase@example.no"));
    const { token } = await createSession(user.id, user.sessionGeneration);
    const row = getDb().select().from(sessions).where(eq(sessions.userId, user.id)).get()!;
    expect(row.id).toBe(hashToken(token));
    expect(row.id).not.toContain(token);
    expect(validateSessionToken(token)?.id).toBe(user.id);
    invalidateSession(token);
    expect(validateSessionToken(token)).toBeNull();
  });

  it("expires sessions and slides the expiry when half-used", async () => {
    const user = await createUser(newUser("slide@example.no"));
    const { token } = await createSession(user.id, user.sessionGeneration);
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
    const { token: sessionToken } = await createSession(user.id, user.sessionGeneration);
    await requestPasswordReset("reset@example.no", "http://localhost:3000");
    const mail = getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "reset@example.no")).orderBy(desc(emailOutbox.id)).get()!;
    expect(mail.subject).toBe("Nytt passord til Knutepunkt");
    expect(mail.htmlBody).toContain("<a href=");
    const link = mail.textBody.match(/http:\/\/localhost:3000\/reset-password\/(\S+)/)!;
    expect(link).not.toBeNull();
    expect((await resetPassword(link[1]!, "helt-nytt-passord"))?.userId).toBe(user.id);
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
    const a = await createSession(user.id, user.sessionGeneration);
    const b = await createSession(user.id, user.sessionGeneration);
    expect(await changePassword(user.id, "feil-passord", "nytt-passord-1")).toBeNull();
    expect(validateSessionToken(a.token)).not.toBeNull();
    const generation = await changePassword(user.id, "et-godt-passord", "nytt-passord-1");
    expect(generation).toBe(user.sessionGeneration + 1);
    expect(validateSessionToken(a.token)).toBeNull();
    expect(validateSessionToken(b.token)).toBeNull();
    // The session the change opens for this device (of the new generation) works.
    const fresh = await createSession(user.id, generation!);
    expect(validateSessionToken(fresh.token)?.id).toBe(user.id);
  });

  it("a log-in racing a password change (old password read before, session made after) does not survive", async () => {
    const user = await createUser(newUser("race@example.no"));
    // The log-in has read and verified the old password...
    const racer = (await verifyLogin("race@example.no", "et-godt-passord"))!;
    // ...the change completes while it is still busy...
    expect(await changePassword(user.id, "et-godt-passord", "nytt-passord-1")).not.toBeNull();
    // ...and only then does the log-in create its session.
    const response = await startSession(racer, "/");
    const token = await sessionCookie.parse(response.headers.get("Set-Cookie"));
    expect(typeof token).toBe("string");
    expect(validateSessionToken(token)).toBeNull();
    // The same holds for a reset racing a log-in.
    const racer2 = (await verifyLogin("race@example.no", "nytt-passord-1"))!;
    await requestPasswordReset("race@example.no", "http://localhost:3000");
    const link = getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "race@example.no")).orderBy(desc(emailOutbox.id)).get()!;
    expect(await resetPassword(link.textBody.match(/reset-password\/(\S+)/)![1]!, "tredje-passord-1")).not.toBeNull();
    const { token: late } = await createSession(racer2.id, racer2.sessionGeneration);
    expect(validateSessionToken(late)).toBeNull();
  });
});

describe("reset links", () => {
  const linksTo = (address: string) =>
    getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, address))
      .orderBy(emailOutbox.id)
      .all()
      .map((m) => m.textBody.match(/reset-password\/(\S+)/)![1]!);

  it("using one link ends every other outstanding link of the person", async () => {
    await createUser(newUser("two-links@example.no"));
    await requestPasswordReset("two-links@example.no", "http://localhost:3000");
    await requestPasswordReset("two-links@example.no", "http://localhost:3000");
    const [first, second] = linksTo("two-links@example.no");
    expect(isResetTokenValid(first!)).toBe(true);
    expect(isResetTokenValid(second!)).toBe(true);
    expect(await resetPassword(second!, "helt-nytt-passord")).not.toBeNull();
    expect(isResetTokenValid(first!)).toBe(false);
    expect(await resetPassword(first!, "angriperens-passord")).toBeNull();
    expect(await verifyLogin("two-links@example.no", "helt-nytt-passord")).not.toBeNull();
  });

  it("a password change ends every outstanding link", async () => {
    const user = await createUser(newUser("change-link@example.no"));
    await requestPasswordReset("change-link@example.no", "http://localhost:3000");
    const [link] = linksTo("change-link@example.no");
    expect(await changePassword(user.id, "et-godt-passord", "nytt-passord-1")).toBeTruthy();
    expect(isResetTokenValid(link!)).toBe(false);
    expect(await resetPassword(link!, "angriperens-passord")).toBeNull();
    expect(await verifyLogin("change-link@example.no", "nytt-passord-1")).not.toBeNull();
  });
});

describe("the session user of a request", () => {
  it("is read once per Request object, and again for the next request", async () => {
    const user = await createUser(newUser("loaders@example.no"));
    const other = await createUser(newUser("other@example.no"));
    const cookieOf = async (userId: number) => (await sessionCookie.serialize((await createSession(userId, 0)).token)).split(";")[0]!;
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

describe("password-check rate limit", () => {
  it("blocks an account after five counted checks and tells how long", () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) expect(reservePasswordCheck("x@example.no", "10.0.0.1", now)).toBe(0);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now)).toBe(0);
    expect(reservePasswordCheck("x@example.no", "10.0.0.1", now)).toBe(0);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now)).toBe(15);
    expect(reservePasswordCheck("x@example.no", "10.0.0.3", now)).toBe(15);
    expect(loginBlockedMinutes("x@example.no", "10.0.0.2", now + 16 * 60_000)).toBe(0);
    expect(reservePasswordCheck("x@example.no", "10.0.0.3", now + 16 * 60_000)).toBe(0);
  });

  it("blocks an IP address that tries many accounts", () => {
    const now = Date.now();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) reservePasswordCheck(`user${i}@example.no`, "10.9.9.9", now);
    expect(loginBlockedMinutes("someone-else@example.no", "10.9.9.9", now)).toBeGreaterThan(0);
    expect(loginBlockedMinutes("someone-else@example.no", "10.9.9.8", now)).toBe(0);
  });

  it("runs at most five checks of a parallel burst, and a right password after them is refused", async () => {
    let checks = 0;
    const wrong = async () => {
      checks++;
      await new Promise((r) => setTimeout(r, 20));
      return null;
    };
    const burst = await Promise.all(Array.from({ length: 30 }, () => throttledPasswordCheck("burst@example.no", null, wrong)));
    expect(checks).toBe(MAX_FAILURES_PER_ACCOUNT);
    expect(burst.filter((r) => r.outcome === "blocked")).toHaveLength(30 - MAX_FAILURES_PER_ACCOUNT);
    let rightChecked = false;
    const right = await throttledPasswordCheck("burst@example.no", null, async () => (rightChecked = true));
    expect(right.outcome).toBe("blocked");
    expect(rightChecked).toBe(false);
  });

  it("a right password takes back only its own count", async () => {
    const wrong = async () => null;
    for (let i = 0; i < 3; i++) await throttledPasswordCheck("back@example.no", "10.1.1.1", wrong);
    expect((await throttledPasswordCheck("back@example.no", "10.1.1.1", async () => "ok")).outcome).toBe("ok");
    // Three wrong still count: two more wrong block the account.
    await throttledPasswordCheck("back@example.no", "10.1.1.1", wrong);
    expect((await throttledPasswordCheck("back@example.no", "10.1.1.1", wrong)).outcome).toBe("wrong");
    expect(loginBlockedMinutes("back@example.no", null)).toBe(15);
  });
});
