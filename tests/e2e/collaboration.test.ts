import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eDb, expectAccessible, hydrated, launchBrowser, loginAs, newContext, uniqueTag } from "../helpers/e2e";
import { createCohort, createPartnership, createUser, register } from "../helpers/factories";
import { agreementVersions, collaborationContacts } from "../../db/schema";
import { eq } from "drizzle-orm";
import { instantToOslo } from "../../app/utils/time";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 86_400_000;
const daysAgo = (n: number) => instantToOslo(new Date(Date.now() - n * DAY)).date;

/** A cohort with an organiser and `pairs` partnerships that agreed to meet monthly. */
async function cohortWithPairs(pairs: number) {
  const db = e2eDb();
  const t = uniqueTag();
  const organiser = await createUser(db, { profession: "other", name: `Kari Kursansvarlig ${t}` });
  const { cohort } = createCohort(db, { slug: `samarbeid-${t}`, organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10, eveningDates: ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"] });
  const list = [];
  for (let i = 0; i < pairs; i++) {
    const gp = await createUser(db, { profession: "gp", name: `Lege ${i} ${t}` });
    const physio = await createUser(db, { profession: "physio", name: `Fysio ${i} ${t}` });
    register(db, cohort.id, gp);
    register(db, cohort.id, physio);
    const partnership = createPartnership(db, cohort.id, [gp.id, physio.id]);
    db.insert(agreementVersions)
      .values({
        partnershipId: partnership.id,
        version: 1,
        data: { meetingFormat: "mixed", meetingFrequency: "månedlig", channels: ["dialogmelding"], responseTime: "2 dager", contactPersons: "Oss to" },
        createdAt: new Date(Date.now() - 200 * DAY),
      })
      .run();
    list.push({ gp, physio, partnership });
  }
  return { db, organiser, cohort, pairs: list };
}

describe("collaboration log in the browser", () => {
  it("a member sees the overdue reminder, logs a meeting, sees the timeline, and the partner sees it", async () => {
    const { db, pairs } = await cohortWithPairs(1);
    const { gp, physio, partnership } = pairs[0]!;
    db.insert(collaborationContacts)
      .values({ partnershipId: partnership.id, cohortId: partnership.cohortId, createdByUserId: physio.id, occurredOn: daysAgo(49), form: "meeting", minutes: 60, topic: "agreement_review" })
      .run();

    const ctx = await newContext(browser, { phone: true });
    await loginAs(ctx, gp.id);
    const page = await ctx.newPage();
    // The dashboard's gentle reminder leads to the log.
    await page.goto("/");
    await page.getByTestId("collaboration-reminders").getByRole("link", { name: "Se samarbeidsloggen" }).click();
    await page.waitForURL(`**/partnerships/${partnership.id}/log`);
    await expect.poll(() => page.getByTestId("collaboration-status").textContent()).toBe("Avtalt: månedlig; siste møte for 7 uker siden");
    expect(await page.getByTestId("collaboration-overdue").count()).toBe(1);
    await expect.poll(() => page.getByText("skriv aldri noe om pasienter").count()).toBeGreaterThan(0);
    // No free-text field at all in the form.
    expect(await page.locator("form textarea").count()).toBe(0);
    await expectAccessible(page);

    await hydrated(page);
    await page.getByLabel("Dato").fill(daysAgo(2));
    await page.getByLabel("Form").selectOption("video");
    await page.getByLabel("Minutter").fill("40");
    await page.getByLabel("Tema").selectOption("shared_patient_follow_up");
    await page.getByRole("button", { name: "Lagre kontakten" }).click();
    await expect.poll(() => page.getByTestId("collaboration-status").textContent()).toBe("Avtalt: månedlig; siste møte for 2 dager siden");
    expect(await page.getByTestId("collaboration-overdue").count()).toBe(0);
    const history = page.getByTestId("collaboration-history");
    await expect.poll(() => history.locator("tbody tr").count()).toBe(2);
    expect(await history.locator("tbody tr").first().textContent()).toContain("Felles pasientoppfølging");
    // The timeline's current month counts the new meeting.
    const thisMonth = page.getByTestId("collaboration-timeline").locator("li").last();
    expect(await thisMonth.textContent()).toMatch(/kontakt/);
    // Only my own entry has a delete button.
    expect(await history.getByRole("button", { name: /Slett kontakten/ }).count()).toBe(1);
    await expectAccessible(page);

    // The partner sees the same history; the dashboard reminder is gone.
    const ctx2 = await newContext(browser);
    await loginAs(ctx2, physio.id);
    const page2 = await ctx2.newPage();
    await page2.goto("/");
    expect(await page2.getByTestId("collaboration-reminders").count()).toBe(0);
    await page2.goto(`/partnerships/${partnership.id}/log`);
    expect(await page2.getByTestId("collaboration-history").locator("tbody tr").count()).toBe(2);
    await ctx.close();
    await ctx2.close();
  }, 150_000);

  it("an organiser sees only the cohort's figures (none below five pairs) and cannot open a pair's log", async () => {
    const { db, organiser, cohort, pairs } = await cohortWithPairs(4);
    for (const p of pairs)
      db.insert(collaborationContacts)
        .values({ partnershipId: p.partnership.id, cohortId: cohort.id, createdByUserId: p.gp.id, occurredOn: daysAgo(10), form: "phone", minutes: 15, topic: "referral" })
        .run();
    const ctx = await newContext(browser);
    await loginAs(ctx, organiser.id);
    const page = await ctx.newPage();
    await page.goto(`/cohorts/${cohort.slug}/manage`);
    await page.getByRole("link", { name: "Samarbeid etter kurset" }).first().click();
    await page.waitForURL(`**/cohorts/${cohort.slug}/collaboration`);
    await expect.poll(() => page.getByTestId("collaboration-too-few").textContent()).toContain("For få til å vise");
    await expectAccessible(page);

    const extraGp = await createUser(db, { profession: "gp" });
    const extraPhysio = await createUser(db, { profession: "physio" });
    createPartnership(db, cohort.id, [extraGp.id, extraPhysio.id]);
    await page.reload();
    const summary = page.getByTestId("collaboration-summary");
    await expect.poll(() => summary.textContent()).toContain("Andel samarbeid med kontakt de siste 3 månedene: 80 % (4 av 5)");
    const phoneRow = summary.getByRole("row").filter({ hasText: "Telefon" });
    expect(await phoneRow.getByRole("cell").last().textContent()).toBe("4");
    // No names, no links to a pair's log.
    const text = (await page.locator("main").textContent()) ?? "";
    for (const p of pairs) expect(text).not.toContain(p.gp.name);
    expect(await page.locator('a[href*="/partnerships/"]').count()).toBe(0);
    await expectAccessible(page);

    const res = await page.goto(`/partnerships/${pairs[0]!.partnership.id}/log`);
    expect(res?.status()).toBe(403);
    expect(db.select().from(collaborationContacts).where(eq(collaborationContacts.cohortId, cohort.id)).all()).toHaveLength(4);
    await ctx.close();
  }, 150_000);
});
