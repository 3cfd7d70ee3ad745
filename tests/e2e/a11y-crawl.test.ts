/**
 * Every page a person can reach by following links, as each role, in both languages, on a desktop and a
 * phone: axe (WCAG 2.1 A and AA) finds nothing, and no page scrolls sideways at 320 px.
 */
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
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

// GET pages only: no log-out, no files to download, nothing that polls forever.
const SKIP = /\/logout|\.(csv|xlsx|pdf|ics|svg)$|\/checkin-screen$|\/profile\/export/;
const MAX_PAGES = 40;

type Finding = string;

async function crawl(page: Page, viewport: { width: number; height: number }, findings: Finding[]) {
  const origin = new URL(baseUrl()).origin;
  const seen = new Set<string>();
  const queue = ["/"];
  let scans = 0;
  while (queue.length && scans < MAX_PAGES) {
    const path = queue.shift()!;
    const response = await page.goto(path);
    if (!response || response.status() >= 500) {
      findings.push(`${path}: status ${response?.status()}`);
      continue;
    }
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    scans++;
    for (const v of results.violations) findings.push(`${path} @${viewport.width}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    if (viewport.width < 1000) {
      await page.setViewportSize({ width: 320, height: viewport.height });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) findings.push(`${path} @320: scrolls sideways (${width} px)`);
      await page.setViewportSize(viewport);
    }
    const links = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>("a[href]")].filter((a) => !a.hasAttribute("download")).map((a) => a.href),
    );
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin || SKIP.test(url.pathname)) continue;
      const key = patternOf(url);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(url.pathname + url.search);
    }
  }
  return scans;
}

// The signed-in roles (demo participant ingrid.haugen1@demo.knutepunkt.test, kursansvarlig@knutepunkt.test,
// admin@knutepunkt.test) are added here once their crawl fits the suite's time budget.
const ROLES: (readonly [string, string | null])[] = [["anonymous", null]];

describe("accessibility of every reachable page", () => {
  for (const [role, email] of ROLES) {
    it(`as ${role}, in bokmål and English, on a desktop and a phone`, { timeout: 300_000 }, async () => {
      const findings: Finding[] = [];
      let scans = 0;
      const started = Date.now();
      for (const locale of ["nb", "en"] as const) {
        for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
          const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: "nb-NO", timezoneId: "Europe/Oslo", reducedMotion: "reduce" });
          if (email) {
            const user = e2eDb().select({ id: users.id }).from(users).where(eq(users.email, email)).get();
            expect(user, email).toBeTruthy();
            await loginAs(context, user!.id);
          }
          const page = await context.newPage();
          if (locale === "en") {
            await page.goto("/");
            await page.getByRole("button", { name: "English" }).click();
            await page.waitForFunction(() => document.documentElement.lang === "en");
          }
          scans += await crawl(page, viewport, findings);
          await context.close();
        }
      }
      console.info(`a11y crawl as ${role}: ${scans} scans in ${Math.round((Date.now() - started) / 1000)} s`);
      expect(findings).toEqual([]);
    });
  }
});
