/** HTTP-level rules of the foundation: roles, rate limit, cookies, logout, headers, health, errors. */
import { describe, expect, it } from "vitest";
import { baseUrl, cookieFetch, e2eDb } from "../helpers/e2e";
import { createSessionCookie, createUser, TEST_PASSWORD, uniqueEmail } from "../helpers/factories";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe("roles", () => {
  it("sends anonymous visitors of private pages to /login with a way back", async () => {
    for (const path of ["/profile", "/admin", "/admin/outbox"]) {
      const res = await fetch(baseUrl() + path, { redirect: "manual" });
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("refuses a participant the admin pages with 403, and lets an admin in", async () => {
    const participant = await createUser(e2eDb(), { profession: "physio" });
    const cookie = await createSessionCookie(e2eDb(), participant.id);
    for (const path of ["/admin", "/admin/outbox"]) {
      const res = await fetch(baseUrl() + path, { headers: { Cookie: cookie.header } });
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain("Ingen tilgang");
    }
    const admin = await createUser(e2eDb(), { isAdmin: true, profession: "other" });
    const adminCookie = await createSessionCookie(e2eDb(), admin.id);
    expect((await fetch(baseUrl() + "/admin/outbox", { headers: { Cookie: adminCookie.header } })).status).toBe(200);
  });
});

describe("log in", () => {
  it("sets an HttpOnly, SameSite=Lax, Secure session cookie and a new session at every log-in", async () => {
    const user = await createUser(e2eDb());
    const login = async () => {
      const res = await fetch(baseUrl() + "/login", { ...form({ email: user.email, password: TEST_PASSWORD }), redirect: "manual" });
      expect(res.status).toBe(302);
      return res.headers.getSetCookie().find((c) => c.startsWith("kp_session="))!;
    };
    const first = await login();
    expect(first).toMatch(/HttpOnly/i);
    expect(first).toMatch(/SameSite=Lax/i);
    expect(first).toMatch(/Secure/i);
    const second = await login();
    expect(second.split(";")[0]).not.toBe(first.split(";")[0]);
  });

  it("slows down a wrong password after five tries with a clear Norwegian message", async () => {
    const user = await createUser(e2eDb());
    const statuses: number[] = [];
    let body = "";
    for (let i = 0; i < 6; i++) {
      const res = await fetch(baseUrl() + "/login", form({ email: user.email, password: "feil-passord" }));
      statuses.push(res.status);
      body = await res.text();
    }
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
    expect(body).toContain("For mange mislykkede forsøk");
    // Even the right password is refused while blocked.
    const right = await fetch(baseUrl() + "/login", form({ email: user.email, password: TEST_PASSWORD }));
    expect(right.status).toBe(429);
  });

  it("a logged-out session token no longer works", async () => {
    const user = await createUser(e2eDb());
    const cookie = await createSessionCookie(e2eDb(), user.id);
    const client = cookieFetch(cookie.header);
    expect((await client("/profile")).status).toBe(200);
    const out = await client("/logout", { method: "POST" });
    expect(out.status).toBe(302);
    const replay = await fetch(baseUrl() + "/profile", { headers: { Cookie: cookie.header }, redirect: "manual" });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toContain("/login");
  });
});

describe("sign-up without JavaScript", () => {
  it("answers bad input with Norwegian field errors and keeps what was typed (but not the password)", async () => {
    const res = await fetch(baseUrl() + "/signup", form({ name: "Kari Nordmann", email: "feil", profession: "", password: "hemmelig", hprNumber: "abc" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Skriv en gyldig e-postadresse");
    expect(html).toContain("HPR-nummeret består av 4 til 9 sifre");
    expect(html).toContain("Velg yrke");
    expect(html).toContain('value="Kari Nordmann"');
    expect(html).not.toContain('value="hemmelig"');
  });

  it("refuses an e-mail address that already has an account", async () => {
    const user = await createUser(e2eDb());
    const res = await fetch(
      baseUrl() + "/signup",
      form({ name: "Ny Person", email: user.email.toUpperCase(), profession: "gp", password: "langt-passord-1", confirmPassword: "langt-passord-1" }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Det finnes allerede en konto med denne e-postadressen");
  });
});

describe("server basics", () => {
  it("answers /healthz with JSON once the database is reachable", async () => {
    const res = await fetch(baseUrl() + "/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("sends security headers with every page", async () => {
    const res = await fetch(baseUrl() + "/login");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("serves public files and built assets with their caching, and nothing else from disk", async () => {
    const icon = await fetch(baseUrl() + "/favicon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    const page = await (await fetch(baseUrl() + "/login")).text();
    const script = page.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] ?? page.match(/href="(\/assets\/[^"]+\.js)"/)?.[1];
    const asset = await fetch(baseUrl() + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    // A directory of the build is not listed or served as a page.
    expect((await fetch(baseUrl() + "/assets/")).status).toBe(404);
  });

  it("shows a Norwegian 404 page for unknown addresses", async () => {
    const res = await fetch(baseUrl() + "/finnes/ikke");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Fant ikke siden");
    expect(html).toContain('lang="nb"');
  });

  it("switches language to English and sets <html lang>", async () => {
    const client = cookieFetch();
    const res = await client("/language", form({ locale: "en", redirectTo: "/login" }));
    expect(res.status).toBe(302);
    const html = await (await client("/login")).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Log in");
  });

  it("refuses a form post from another site", async () => {
    const user = await createUser(e2eDb());
    const cookie = await createSessionCookie(e2eDb(), user.id);
    const res = await fetch(baseUrl() + "/logout", {
      method: "POST",
      headers: { Cookie: cookie.header, Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    // The session survived the forged logout.
    expect((await fetch(baseUrl() + "/profile", { headers: { Cookie: cookie.header } })).status).toBe(200);
  });
});

describe("change password page", () => {
  it("renders its own form (not the profile page) and ends the other sessions", async () => {
    const user = await createUser(e2eDb());
    const other = await createSessionCookie(e2eDb(), user.id);
    const cookie = await createSessionCookie(e2eDb(), user.id);
    const client = cookieFetch(cookie.header);
    const page = await (await client("/profile/password")).text();
    expect(page).toContain("Nåværende passord");
    const res = await client("/profile/password", form({ currentPassword: TEST_PASSWORD, password: "et-nytt-langt-passord", confirmPassword: "et-nytt-langt-passord" }));
    expect(res.status).toBe(302);
    expect((await client("/profile")).status).toBe(200); // this device got a fresh session
    const stale = await fetch(baseUrl() + "/profile", { headers: { Cookie: other.header }, redirect: "manual" });
    expect(stale.status).toBe(302);
  });
});
