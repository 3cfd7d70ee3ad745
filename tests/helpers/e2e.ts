/** Browser-test helpers: Debian's Chromium through playwright-core, axe checks, direct DB access. */
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { desc, eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { createSessionCookie } from "./factories";

export const baseUrl = () => inject("baseUrl");

let db: Db | undefined;
/** The e2e server's own database file, for fixtures and assertions. */
export function e2eDb(): Db {
  db ??= openDatabase(inject("dbPath"), { runMigrations: false });
  return db;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export const PHONE = { width: 390, height: 844 };

export async function newContext(browser: Browser, options: { phone?: boolean } = {}) {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: options.phone ? PHONE : { width: 1280, height: 900 },
    isMobile: options.phone,
    hasTouch: options.phone,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    // Designsystemet animates <details> opening for 0.4 s; a click during that slide can land on the
    // form behind the still-moving button (seen as a lost "Lagre avtalen" click under CI load).
    // Reduced motion turns the animation off, as it does for users who ask for it.
    reducedMotion: "reduce",
  });
}

/**
 * Waits until React has hydrated the page. Before that a form is plain HTML with the browser's own
 * validation (its messages are not in the page), so a test of the page's own messages waits for this.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
}

/** Logs a context in as a user by creating a session row directly (no form clicking). */
export async function loginAs(context: BrowserContext, userId: number) {
  const cookie = await createSessionCookie(e2eDb(), userId);
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseUrl(), httpOnly: true, sameSite: "Lax", secure: true }]);
  return cookie;
}

/** Fails on any serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    `axe violations on ${page.url()}`,
  ).toEqual([]);
}

export function latestEmailTo(address: string) {
  return e2eDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(desc(emailOutbox.id)).get();
}

/** A fetch that keeps cookies like a browser would, for HTTP-level tests. */
export function cookieFetch(initialCookie?: string) {
  const jar = new Map<string, string>();
  if (initialCookie) {
    const [name, ...rest] = initialCookie.split("=");
    jar.set(name!, rest.join("="));
  }
  const fn = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(baseUrl() + path, { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0/i.test(c) || value === "") jar.delete(name!);
      else jar.set(name!, value);
    }
    return res;
  };
  fn.jar = jar;
  return fn;
}

/** A same-site form POST (the origin check passes) through a cookieFetch. */
export function postForm(fetcher: ReturnType<typeof cookieFetch>, path: string, body: Record<string, string>) {
  return fetcher(path, { method: "POST", body: new URLSearchParams(body), headers: { Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" } });
}

/** A short random tag that keeps names and slugs of one test apart from other tests'. */
export const uniqueTag = () => Math.random().toString(36).slice(2, 7);
