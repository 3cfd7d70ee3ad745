/**
 * HTTP-level attacks on accounts, the way the security probe made them: redirects after log-in, reset
 * links and sessions that outlive a password change, parallel password guessing, cookies without Secure.
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { emailOutbox, loginAttempts, passwords, users } from "../../db/schema";
import { startAppServer } from "../setup/e2e-server";
import { baseUrl, cookieFetch, e2eDb } from "../helpers/e2e";
import { createSessionCookie, createUser, TEST_PASSWORD } from "../helpers/factories";
import { OPEN_REDIRECT_BYPASSES, SAME_ORIGIN_ODDITIES } from "../fixtures/open-redirects";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

/** Where a browser would go: it drops tab, CR and LF from a URL before resolving it. */
function expectSameOrigin(res: Response, what: string) {
  expect(res.status, what).toBe(302);
  const location = res.headers.get("location")!;
  expect(new URL(location.replace(/[\t\n\r]/g, ""), baseUrl()).origin, `${what} → ${location}`).toBe(new URL(baseUrl()).origin);
}

const CORPUS = [...OPEN_REDIRECT_BYPASSES, ...SAME_ORIGIN_ODDITIES];

describe("redirects after log-in and elsewhere stay on this site", () => {
  it("the probe's /login?redirectTo=/%09/evil.example/x: the page copies it into the form, the log-in stays here", async () => {
    const user = await createUser(e2eDb());
    const page = await (await fetch(`${baseUrl()}/login?redirectTo=/%09/evil.example/x`)).text();
    // The log-in form's field (the language switch in the page header has its own redirectTo).
    const copied = [...page.matchAll(/name="redirectTo" value="([^"]*)"/g)].map((m) => m[1]!).find((v) => !v.startsWith("/login"))!;
    expect(copied).toBe("/\t/evil.example/x");
    const res = await fetch(baseUrl() + "/login", form({ email: user.email, password: TEST_PASSWORD, redirectTo: copied }));
    expectSameOrigin(res, "probe");
    expect(res.headers.get("location")).toBe("/");
  });

  it("logs in with each known bypass as redirectTo and is always sent to a page of this site", async () => {
    const user = await createUser(e2eDb());
    for (const redirectTo of CORPUS) {
      const res = await fetch(baseUrl() + "/login", form({ email: user.email, password: TEST_PASSWORD, redirectTo }));
      expectSameOrigin(res, `login ${JSON.stringify(redirectTo)}`);
    }
  });

  it("the language switch and the calendar link renewal refuse the same bypasses", async () => {
    const user = await createUser(e2eDb());
    const cookie = (await createSessionCookie(e2eDb(), user.id)).header;
    for (const redirectTo of CORPUS) {
      const lang = await fetch(baseUrl() + "/language", form({ locale: "nb", redirectTo }));
      expectSameOrigin(lang, `language ${JSON.stringify(redirectTo)}`);
      const calendar = await fetch(baseUrl() + "/calendar", {
        ...form({ intent: "regenerate", redirectTo }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      });
      expectSameOrigin(calendar, `calendar ${JSON.stringify(redirectTo)}`);
    }
  });

  it("sign-up refuses them too", async () => {
    for (const redirectTo of ["/\t/evil.example/x", "/%5Cevil.example", "/%2F/evil.example"]) {
      const email = `redir.${Math.random().toString(36).slice(2)}@test.knutepunkt.test`;
      const res = await fetch(
        baseUrl() + "/signup",
        form({ name: "Ny Person", email, profession: "gp", password: "langt-passord-1", confirmPassword: "langt-passord-1", redirectTo }),
      );
      expectSameOrigin(res, `signup ${JSON.stringify(redirectTo)}`);
    }
  });
});

const resetLinks = (address: string) =>
  e2eDb()
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, address))
    .orderBy(desc(emailOutbox.id))
    .all()
    .map((m) => m.textBody.match(/\/reset-password\/(\S+)/)![1]!);

const resetWith = (token: string, password: string) =>
  fetch(`${baseUrl()}/reset-password/${token}`, form({ password, confirmPassword: password }));

describe("reset links", () => {
  it("using one of two links ends the other", async () => {
    const user = await createUser(e2eDb());
    for (let i = 0; i < 2; i++) expect((await fetch(baseUrl() + "/forgot-password", form({ email: user.email }))).status).toBe(200);
    const [second, first] = resetLinks(user.email);
    expect(await (await fetch(`${baseUrl()}/reset-password/${first}`)).text()).not.toContain("Lenken er ugyldig");
    expect((await resetWith(second!, "helt-nytt-passord-1")).status).toBe(302);
    expect(await (await fetch(`${baseUrl()}/reset-password/${first}`)).text()).toContain("Lenken er ugyldig eller utløpt");
    expect((await resetWith(first!, "angriperens-passord")).status).toBe(400);
  });

  it("a password change at /profile/password ends an outstanding link", async () => {
    const user = await createUser(e2eDb());
    await fetch(baseUrl() + "/forgot-password", form({ email: user.email }));
    const [link] = resetLinks(user.email);
    const client = cookieFetch((await createSessionCookie(e2eDb(), user.id)).header);
    const change = await client("/profile/password", form({ currentPassword: TEST_PASSWORD, password: "et-nytt-langt-passord", confirmPassword: "et-nytt-langt-passord" }));
    expect(change.status).toBe(302);
    expect((await resetWith(link!, "angriperens-passord")).status).toBe(400);
  });
});

describe("sessions after a password change", () => {
  it("a change through device A logs out device B and keeps A logged in", async () => {
    const user = await createUser(e2eDb());
    const logIn = async () => {
      const client = cookieFetch();
      expect((await client("/login", form({ email: user.email, password: TEST_PASSWORD }))).status).toBe(302);
      expect((await client("/profile")).status).toBe(200);
      return client;
    };
    const [a, b] = [await logIn(), await logIn()];
    const change = await a("/profile/password", form({ currentPassword: TEST_PASSWORD, password: "et-nytt-langt-passord", confirmPassword: "et-nytt-langt-passord" }));
    expect(change.status).toBe(302);
    expect((await a("/profile")).status).toBe(200);
    const stale = await b("/profile");
    expect(stale.status).toBe(302);
    expect(stale.headers.get("location")).toContain("/login");
  });
});

describe("password guessing in a parallel burst", () => {
  /** Wrong passwords checked for the account in this window, as the throttle counts them. */
  const checkedWrong = (email: string) => e2eDb().select().from(loginAttempts).where(eq(loginAttempts.key, `email:${email}`)).get()?.failures ?? 0;
  const countBy = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  it("log-in: 30 wrong passwords and the right one at once get at most five wrong checks", async () => {
    const user = await createUser(e2eDb());
    const attempt = (password: string) => fetch(baseUrl() + "/login", form({ email: user.email, password }));
    const burst = await Promise.all([...Array.from({ length: 30 }, (_, i) => attempt(`feil-passord-${i}`)), attempt(TEST_PASSWORD)]);
    const statuses = countBy(burst.map((r) => r.status));
    expect(checkedWrong(user.email)).toBeLessThanOrEqual(5);
    // At most five wrong and the right one were checked: the others were refused without a check.
    expect(statuses[429], JSON.stringify(statuses)).toBeGreaterThanOrEqual(25);
    expect(statuses[302] ?? 0).toBeLessThanOrEqual(1);
  });

  it("log-in: ten wrong at once, then the right one is refused as blocked", async () => {
    const user = await createUser(e2eDb());
    const attempt = (password: string) => fetch(baseUrl() + "/login", form({ email: user.email, password }));
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`feil-passord-${i}`)));
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(5);
    expect(checkedWrong(user.email)).toBe(5);
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((c) => c.startsWith("kp_session="))).toBe(false);
    expect(await right.text()).toContain("For mange mislykkede forsøk");
  });

  it("/profile/password: ten wrong current passwords at once, then the right one is refused and nothing changes", async () => {
    const user = await createUser(e2eDb());
    const cookie = (await createSessionCookie(e2eDb(), user.id)).header;
    const before = e2eDb().select().from(passwords).where(eq(passwords.userId, user.id)).get()!.hash;
    const attempt = (currentPassword: string) =>
      fetch(baseUrl() + "/profile/password", {
        ...form({ currentPassword, password: "et-nytt-langt-passord", confirmPassword: "et-nytt-langt-passord" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      });
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`feil-passord-${i}`)));
    expect(burst.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5);
    expect(checkedWrong(user.email)).toBe(5);
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("For mange feil passord");
    expect(e2eDb().select().from(passwords).where(eq(passwords.userId, user.id)).get()!.hash).toBe(before);
  });

  it("/profile/delete: ten wrong passwords at once, then the right one is refused and the account stays", async () => {
    const user = await createUser(e2eDb());
    const cookie = (await createSessionCookie(e2eDb(), user.id)).header;
    const attempt = (password: string) =>
      fetch(baseUrl() + "/profile/delete", {
        ...form({ password, confirm: "on" }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      });
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`feil-passord-${i}`)));
    expect(burst.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5);
    expect(checkedWrong(user.email)).toBe(5);
    const right = await attempt(TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(e2eDb().select().from(users).where(eq(users.id, user.id)).get()).toBeDefined();
  });
});

describe("cookies with COOKIE_SECURE=true", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  let db: Db;
  beforeAll(async () => {
    server = await startAppServer({ COOKIE_SECURE: "true" });
    db = openDatabase(server.dbPath, { runMigrations: false });
  });
  afterAll(async () => {
    db?.$client.close();
    await server?.stop();
  });

  it("every cookie the app sets is Secure: language, session, toast, and their removal", async () => {
    const user = await createUser(db);
    const seen: string[] = [];
    const jar = new Map<string, string>();
    const send = async (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
      const res = await fetch(server.baseUrl + path, { ...init, headers, redirect: "manual" });
      for (const c of res.headers.getSetCookie()) {
        seen.push(c);
        const [name, ...rest] = c.split(";")[0]!.split("=");
        jar.set(name!, rest.join("="));
      }
      return res;
    };
    expect((await send("/language", form({ locale: "en", redirectTo: "/" }))).status).toBe(302);
    expect((await send("/login", form({ email: user.email, password: TEST_PASSWORD }))).status).toBe(302);
    const change = await send("/profile/password", form({ currentPassword: TEST_PASSWORD, password: "et-nytt-langt-passord", confirmPassword: "et-nytt-langt-passord" }));
    expect(change.status).toBe(302);
    expect((await send("/profile")).status).toBe(200); // shows the toast and removes its cookie
    expect((await send("/logout", { method: "POST" })).status).toBe(302);
    const names = new Set(seen.map((c) => c.split("=")[0]));
    expect([...names].sort()).toEqual(["kp_lng", "kp_session", "kp_toast"]);
    for (const c of seen) expect(c, c.split(";")[0]).toMatch(/;\s*Secure(;|$)/i);
  });
});
