import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { emailOutbox, registrations, surveys } from "../../db/schema";
import { recordRollCall } from "../../app/models/attendance.server";
import { baseUrl, e2eDb, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register, TEST_PASSWORD } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAST = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03"];
const slug = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
/** Text as read, with the no-break spaces Intl puts before "%" read as spaces. */
const text = async (page: Page, selector = "main") => (await page.locator(selector).first().textContent())!.replace(/\u00a0/g, " ").replace(/\s+/g, " ");

describe("the participant's way through", () => {
  it("pages are set in Inter, loaded from our own origin", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto("/");
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("main p, main h1")!).fontFamily)).toMatch(/^Inter,/);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^Inter, .*sans-serif$/);
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.replace(/"/g, "") === "Inter" && f.status === "loaded"))).toBe(true);
    expect(await page.evaluate(() => document.fonts.check("16px Inter"))).toBe(true);
    expect(requests.some((u) => /\/assets\/inter-latin-wght-normal-[\w-]+\.woff2$/.test(u))).toBe(true);
    const origin = new URL(baseUrl()).origin;
    expect(requests.filter((u) => !u.startsWith("data:") && new URL(u).origin !== origin)).toEqual([]);
    await context.close();
  });

  it("shows percentages and hours the page's language's way, hours with what an hour is", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Kari Kursleder" });
    const { cohort, evenings } = createCohort(db, { slug: slug("tall"), organiserIds: [org.id], eveningDates: PAST });
    const full = await createUser(db, { name: "Frida Fullt", profession: "gp" });
    const little = await createUser(db, { name: "Lars Litt", profession: "physio" });
    register(db, cohort.id, full);
    register(db, cohort.id, little);
    for (const e of evenings) recordRollCall({ evening: e, userId: full.id, status: "present", recordedByUserId: org.id }, db);
    // 90 of 4 × 180 minutes: 12.5 %.
    recordRollCall({ evening: evenings[0]!, userId: little.id, status: "partial", minutes: 90, recordedByUserId: org.id }, db);

    const context = await newContext(browser);
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/credits`);
    const row = (name: string) => text(page, `tr:has-text("${name}")`);
    expect(await row("Lars Litt")).toContain("12,5 %");
    expect(await row("Lars Litt")).toContain("Oppmøte 12,5 % er under kravet på 80 %");
    expect(await row("Frida Fullt")).toContain("16 kurstimer à 45 min (12 klokketimer)");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Credits and certificates" }).waitFor();
    expect(await row("Lars Litt")).toContain("12.5%");
    expect(await row("Lars Litt")).toContain("Attendance 12.5% is below the required 80%");
    expect(await row("Frida Fullt")).toContain("16 course hours of 45 min (12 clock hours)");
    await context.close();

    for (const [who, expected] of [
      [little, "Oppmøte så langt: 12,5 %"],
      [full, "Timer så langt: 16 kurstimer à 45 min (12 klokketimer)"],
    ] as const) {
      const own = await newContext(browser);
      await loginAs(own, who.id);
      const dashboard = await own.newPage();
      await dashboard.goto("/");
      expect(await text(dashboard, "#my-attendance + ul")).toContain(expected);
      await own.close();
    }
  });

  it("asks before moving someone between the confirmed and the waiting list, with and without JavaScript", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Ola Organisator" });
    const { cohort } = createCohort(db, { slug: slug("flytt"), organiserIds: [org.id], eveningDates: ["2099-01-08"] });
    const person = await createUser(db, { name: "Berit Bekreftet", profession: "gp" });
    const reg = register(db, cohort.id, person);
    const status = () => db.select().from(registrations).where(eq(registrations.userId, person.id)).get()!.status;
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled, locale: "nb-NO" });
      await loginAs(context, org.id);
      const page = await context.newPage();
      await page.goto(`/cohorts/${cohort.slug}/participants?status=${status()}`);
      const moveLabel = status() === "confirmed" ? "Flytt Berit Bekreftet til venteliste" : "Gi plass til Berit Bekreftet";
      const dialogName = status() === "confirmed" ? "Flytte Berit Bekreftet til ventelisten?" : "Gi plass til Berit Bekreftet?";
      const before = status();
      await page.getByRole("button", { name: moveLabel }).click();
      const dialog = page.getByRole("dialog", { name: dialogName });
      await dialog.waitFor();
      expect(status()).toBe(before);
      await dialog.getByRole("link", { name: "Avbryt" }).click();
      await dialog.waitFor({ state: "detached" });
      expect(status()).toBe(before);
      expect(new URL(page.url()).search).toBe(`?status=${before}`);
      await page.getByRole("button", { name: moveLabel }).click();
      await dialog.getByRole("button", { name: "Bekreft flytting" }).click();
      await page.getByText("Påmeldingen er flyttet.").waitFor();
      expect(status()).toBe(before === "confirmed" ? "waitlisted" : "confirmed");
      expect(new URL(page.url()).search).toBe(`?status=${before}`);
      await context.close();
    }
    expect(reg).toBeTruthy();
  });

  it("the credits table can be reached and scrolled with the keyboard on a phone", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Tove Tastatur" });
    const { cohort } = createCohort(db, { slug: slug("tast"), organiserIds: [org.id], eveningDates: PAST });
    register(db, cohort.id, await createUser(db, { name: "Svein Sidelengs-Rullesen", profession: "gp" }));
    const context = await newContext(browser, { phone: true });
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/credits`);
    const box = page.getByRole("region", { name: "Tabell: hvem får kursbevis" });
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await box.evaluate((el) => document.activeElement === el);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await context.close();
  });

  it("Shift+Tab in the roll call never hides the focused button under the sticky counts", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Rita Rullesen" });
    const { cohort } = createCohort(db, { slug: slug("rull"), organiserIds: [org.id], eveningDates: PAST });
    for (let i = 0; i < 8; i++) register(db, cohort.id, await createUser(db, { name: `Deltaker ${i + 1}`, profession: i % 2 ? "gp" : "physio" }));
    const context = await newContext(browser, { phone: true });
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/evenings/1/attendance`);
    await page.getByRole("group", { name: "Oppmøte for Deltaker 8" }).getByRole("button", { name: "Gyldig fravær" }).focus();
    const bar = page.locator("div[aria-live=polite]").filter({ hasText: "Ikke registrert" });
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Shift+Tab");
      const focused = await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return { top: r.top, tag: document.activeElement!.tagName, text: document.activeElement!.textContent };
      });
      const barBox = (await bar.boundingBox())!;
      if (focused.tag !== "BUTTON") continue;
      expect(focused.top, `${focused.text} under the counts`).toBeGreaterThanOrEqual(barBox.y + barBox.height - 1);
    }
    await context.close();
  });

  it("the outbox and the surveys list do not scroll sideways at 320 px", async () => {
    const db = e2eDb();
    const admin = await createUser(db, { name: "Anne Admin", isAdmin: true });
    const { cohort } = createCohort(db, { slug: slug("smal"), organiserIds: [admin.id], eveningDates: PAST });
    const now = Date.now();
    db.insert(surveys).values({ cohortId: cohort.id, title: "Evaluering etter siste kurskveld med et langt navn", anonymous: true, opensAt: new Date(now - 86_400_000), closesAt: new Date(now + 86_400_000) }).run();
    // A long subject and address in the outbox.
    db.insert(emailOutbox).values({ toAddress: "fysioterapeut-med-langt-navn-1765064000000@example.test", subject: "Du har fått plass på Samarbeidskurs Trondheim vår 2027", textBody: "–", htmlBody: "–", kind: "registration_moved" }).run();
    const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 320, height: 700 }, locale: "nb-NO" });
    await loginAs(context, admin.id);
    const page = await context.newPage();
    const wide: Record<string, number> = {};
    for (const path of ["/admin/outbox", `/cohorts/${cohort.slug}/surveys`]) {
      await page.goto(path);
      wide[path] = await page.evaluate(() => document.documentElement.scrollWidth);
    }
    expect(wide).toEqual({ "/admin/outbox": 320, [`/cohorts/${cohort.slug}/surveys`]: 320 });
    await context.close();
  });

  it("every page has its own title", async () => {
    const db = e2eDb();
    const admin = await createUser(db, { name: "Tittel Admin", isAdmin: true });
    const context = await newContext(browser);
    await loginAs(context, admin.id);
    const page = await context.newPage();
    for (const [path, title] of [
      ["/privacy", "Personvern – Knutepunkt"],
      ["/admin", "Administrasjon – Knutepunkt"],
      ["/finnes-ikke", "Fant ikke siden – Knutepunkt"],
    ]) {
      await page.goto(path!);
      expect(await page.title(), path).toBe(title);
    }
    await context.close();
  });

  it("after log-in, focus is on the new page's main heading", async () => {
    const db = e2eDb();
    const user = await createUser(db, { name: "Fokus Fredriksen" });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("E-post").fill(user.email);
    await page.getByLabel("Passord").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.getByRole("heading", { level: 1, name: "Hei, Fokus Fredriksen" }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await context.close();
  });
});
