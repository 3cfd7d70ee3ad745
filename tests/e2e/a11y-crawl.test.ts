/**
 * Every page a person can reach by following links, as each role, in both languages, on a desktop and a
 * phone: axe (WCAG 2.1 A and AA) finds nothing, and no page scrolls sideways at 320 px.
 *
 * Kept fast enough for every test run: the links are collected over HTTP from the server-rendered pages
 * (no browser needed for that), pages of one kind are checked once (ids, slugs and tokens in a path count
 * as the same page), each page is loaded once per language and checked at both widths, and the two
 * languages are checked side by side in one browser. The roles run from the least to the most privileged,
 * and a kind of page already checked as an earlier role is not checked again (the GP's cohort page stands
 * for the physiotherapist's; the organiser's pages for the admin's): every kind of page any role reaches
 * is checked once, as the first role that reaches it.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { localeCookie } from "../../app/i18next.server";
import { baseUrl, e2eDb, launchBrowser, loginAs } from "../helpers/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Pages of one kind are checked once: ids, slugs and tokens in a path count as the same page. */
function patternOf(url: URL) {
  const parts = url.pathname.split("/").map((part, i, all) => {
    if (all[i - 1] === "cohorts" || all[i - 1] === "verify" || all[i - 1] === "reset-password") return ":x";
    if (/^\d+$/.test(part)) return ":n";
    return part;
  });
  return parts.join("/");
}

// GET pages only: no log-out, no files to download (CSV, Excel, PDF, calendar, images), nothing that polls forever.
const SKIP = /\/logout|\.(csv|xlsx|pdf|ics|svg|png)$|\/checkin-screen$|\/profile\/export|\/healthz|\/language/;
const MAX_PAGES = 60;

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const LOCALES = ["nb", "en"] as const;

/** The demo logins (README), one per role. */
const ROLES: (readonly [string, string | null])[] = [
  ["anonymous", null],
  ["participant (GP)", "ingrid.haugen1@demo.knutepunkt.test"],
  ["participant (physiotherapist)", "nora.haugen21@demo.knutepunkt.test"],
  ["organiser", "kursansvarlig@knutepunkt.test"],
  ["admin", "admin@knutepunkt.test"],
];

async function contextFor(email: string | null, locale: (typeof LOCALES)[number]) {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: DESKTOP,
    locale: "nb-NO",
    timezoneId: "Europe/Oslo",
    reducedMotion: "reduce",
    acceptDownloads: false,
  });
  if (email) {
    const user = e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
    expect(user, email).toBeTruthy();
    await loginAs(context, user!.id);
  }
  // The language cookie the language switch sets (without the switch, which would also change the demo
  // person's saved language).
  const value = (await localeCookie.serialize(locale)).split(";")[0]!.split("=").slice(1).join("=");
  await context.addCookies([{ name: "kp_lng", value, url: baseUrl(), httpOnly: true, sameSite: "Lax", secure: true }]);
  return context;
}

const HREF = /<a\s[^>]*?href="([^"]+)"[^>]*>/g;

/** The pages reachable from "/" by links, one per kind, read as server-rendered HTML. */
async function discover(context: BrowserContext, findings: string[]) {
  const origin = new URL(baseUrl()).origin;
  const seen = new Set<string>([patternOf(new URL("/", origin))]);
  const pages: string[] = [];
  const queue = ["/"];
  while (queue.length && pages.length < MAX_PAGES) {
    const path = queue.shift()!;
    const response = await context.request.get(path);
    if (response.status() >= 500) {
      findings.push(`${path}: status ${response.status()}`);
      continue;
    }
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
    pages.push(path);
    for (const match of (await response.text()).matchAll(HREF)) {
      if (/\sdownload(=|\s|>|$)/.test(match[0])) continue;
      const url = new URL(match[1]!.replaceAll("&amp;", "&"), origin + path);
      if (url.origin !== origin || SKIP.test(url.pathname)) continue;
      const key = patternOf(url);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(url.pathname + url.search);
    }
  }
  return pages;
}

async function axeFindings(page: Page, path: string, label: string, findings: string[]) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    // Only the violations are read: axe skips collecting every passing node.
    .options({ resultTypes: ["violations"] })
    .analyze();
  for (const v of results.violations) findings.push(`${path} (${label}): ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/**
 * axe on every page in one language, at desktop and phone width (the same page load, resized), and the
 * reflow check at 320 px.
 */
async function scan(email: string | null, locale: (typeof LOCALES)[number], paths: string[], findings: string[]) {
  const context = await contextFor(email, locale);
  const page = await context.newPage();
  for (const path of paths) {
    await page.setViewportSize(DESKTOP);
    const response = await page.goto(path);
    if (!response || response.status() >= 500) {
      findings.push(`${path} (${locale}): status ${response?.status()}`);
      continue;
    }
    await axeFindings(page, path, `${locale} @${DESKTOP.width}`, findings);
    await page.setViewportSize(PHONE);
    await axeFindings(page, path, `${locale} @${PHONE.width}`, findings);
    await page.setViewportSize({ width: 320, height: PHONE.height });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) findings.push(`${path} (${locale} @320): scrolls sideways (${width} px)`);
  }
  await context.close();
}

describe("accessibility of every reachable page", () => {
  const checked = new Set<string>();
  for (const [role, email] of ROLES) {
    it(`as ${role}, in bokmål and English, on a desktop and a phone`, { timeout: 300_000 }, async () => {
      const findings: string[] = [];
      const started = Date.now();
      const discovery = await contextFor(email, "nb");
      const paths = await discover(discovery, findings);
      await discovery.close();
      expect(paths.length, `pages reached as ${role}`).toBeGreaterThan(3);
      const fresh = paths.filter((p) => !checked.has(patternOf(new URL(p, baseUrl()))));
      for (const p of fresh) checked.add(patternOf(new URL(p, baseUrl())));
      await Promise.all(LOCALES.map((locale) => scan(email, locale, fresh, findings)));
      console.info(`a11y crawl as ${role}: ${paths.length} pages reached, ${fresh.length} not checked before × 2 languages × 2 widths in ${Math.round((Date.now() - started) / 1000)} s`);
      expect(findings).toEqual([]);
    });
  }
});
