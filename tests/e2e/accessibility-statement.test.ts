/**
 * The accessibility statement tells the truth: axe runs on the pages it says were checked, and the
 * deviations it lists as found by axe are exactly the WCAG 2.1 A/AA rules axe reports there. Its date of
 * last check is shown and is not older than a year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { ACCESSIBILITY_STATEMENT as S, STATEMENT_VALID_DAYS } from "../../app/models/accessibility";
import { e2eDb, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register, uniqueEmail } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every WCAG 2.1 A/AA violation on the page, of any impact: the statement may not hide a minor one. */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => v.id);
}

describe("accessibility statement", () => {
  it("lists, as found by axe, exactly the violations axe finds on the pages it names", async () => {
    const found = new Set<string>();
    const anonymous = await newContext(browser);
    const page = await anonymous.newPage();
    for (const path of S.checkedPages.anonymous) {
      await page.goto(path);
      for (const id of await violations(page)) found.add(id);
    }
    await anonymous.close();

    const db = e2eDb();
    const me = await createUser(db, { email: uniqueEmail("uu"), name: "Una Universell" });
    const { cohort } = createCohort(db, { eveningDates: ["2030-01-10", "2030-06-06"] });
    register(db, cohort.id, me);
    const participant = await newContext(browser);
    await loginAs(participant, me.id);
    const p2 = await participant.newPage();
    for (const path of S.checkedPages.participant) {
      await p2.goto(path);
      for (const id of await violations(p2)) found.add(id);
    }
    await participant.close();

    const declared = S.deviations.filter((d) => d.source === "axe").map((d) => d.axeRule);
    expect([...found].sort(), "update app/models/accessibility.ts: axe's findings and the statement differ").toEqual(declared.sort());
  });

  it("shows its facts in both languages: status, every deviation, how to report, and a last check within a year", async () => {
    const age = (Date.now() - Date.parse(`${S.lastChecked}T00:00:00Z`)) / 86_400_000;
    expect(age, "the statement must be checked and confirmed again (app/models/accessibility.ts)").toBeLessThanOrEqual(STATEMENT_VALID_DAYS);
    expect(age).toBeGreaterThanOrEqual(-1);

    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Tilgjengelighet" }).click();
    await page.waitForURL(/\/tilgjengelighet$/);
    await page.getByRole("heading", { level: 1, name: "Tilgjengelighetserklæring" }).waitFor();
    expect(await page.locator("time").getAttribute("datetime")).toBe(S.lastChecked);
    expect(await page.getByText("WCAG 2.1 AA").count()).toBeGreaterThan(0);
    const listed = await page.locator("[data-deviation]").evaluateAll((els) => els.map((e) => e.getAttribute("data-deviation")));
    expect(listed).toEqual(S.deviations.map((d) => d.id));
    expect(await page.getByRole("link", { name: S.contactEmail }).getAttribute("href")).toBe(`mailto:${S.contactEmail}`);
    expect(await page.getByRole("link", { name: "uutilsynet.no" }).count()).toBe(1);

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Accessibility statement" }).waitFor();
    expect(await page.getByRole("heading", { level: 2, name: "Deviations" }).count()).toBe(1);
    await context.close();
  });
});
