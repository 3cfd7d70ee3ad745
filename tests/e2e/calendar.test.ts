import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { baseUrl, e2eDb, expectAccessible, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register, uniqueEmail } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("calendar subscriptions in the browser", () => {
  it("a participant copies the personal feed link from the dashboard, fetches it, regenerates it, and the old link is gone", async () => {
    const db = e2eDb();
    const me = await createUser(db, { email: uniqueEmail("kal"), name: "Kari Kalender", profession: "gp" });
    const other = await createUser(db, { email: uniqueEmail("kal2"), profession: "physio" });
    const mine = createCohort(db, { eveningDates: ["2027-01-21", "2027-05-27"] });
    const theirs = createCohort(db, { eveningDates: ["2027-02-25"] });
    register(db, mine.cohort.id, me, "confirmed");
    register(db, theirs.cohort.id, other, "confirmed");

    const context = await newContext(browser, { phone: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto("/");
    await expectAccessible(page);

    const section = page.getByRole("region", { name: "Abonner i kalenderen din" });
    await expect.poll(() => section.getByText("Alle som har den, kan se datoene").count()).toBe(1);
    const webcal = await section.getByRole("link", { name: "Åpne i kalenderprogrammet" }).getAttribute("href");
    expect(webcal).toMatch(/^webcal:\/\/localhost:\d+\/calendar\/[a-z0-9]+\.[A-Za-z0-9_-]+\.ics$/);
    expect(await section.getByRole("link", { name: "Legg til i Google Kalender" }).getAttribute("href")).toBe(
      `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcal!)}`,
    );
    expect(await section.getByRole("link", { name: "Legg til i Outlook" }).getAttribute("href")).toMatch(
      /^https:\/\/outlook\.live\.com\/calendar\/0\/addfromweb\?url=http%3A%2F%2Flocalhost/,
    );

    await section.getByRole("button", { name: "Kopier lenken" }).click();
    await section.getByRole("button", { name: "Kopiert" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(webcal!.replace(/^webcal:/, "http:"));
    expect(await section.getByLabel("Kalenderlenke (https)").inputValue()).toBe(copied);

    const feed = await fetch(copied);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await feed.text();
    for (const e of mine.evenings) expect(body).toContain(`UID:evening-${e.id}@knutepunkt`);
    expect(body).not.toContain(`UID:evening-${theirs.evenings[0]!.id}@knutepunkt`);
    expect(body).toContain("DTSTART;TZID=Europe/Oslo:20270121T170000");
    const etag = feed.headers.get("etag")!;
    expect((await fetch(copied, { headers: { "If-None-Match": etag } })).status).toBe(304);

    await section.getByRole("button", { name: "Lag ny lenke" }).click();
    const dialog = page.getByRole("dialog", { name: "Lage ny kalenderlenke?" });
    await dialog.waitFor();
    // Let the opening fade finish, or axe measures contrast on half-transparent colours.
    await dialog.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
    await expectAccessible(page);
    await dialog.getByRole("button", { name: "Ja, lag ny lenke" }).click();
    await page.getByText("Du har fått en ny kalenderlenke").waitFor();
    await dialog.waitFor({ state: "hidden" });
    await expectAccessible(page);
    const fresh = await page.getByLabel("Kalenderlenke (https)").inputValue();
    expect(fresh).not.toBe(copied);

    const old = await fetch(copied);
    expect(old.status).toBe(404);
    expect(await old.text()).not.toContain("BEGIN:VCALENDAR");
    const renewed = await fetch(fresh);
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain(`UID:evening-${mine.evenings[0]!.id}@knutepunkt`);

    await page.goto("/calendar");
    await expectAccessible(page);
    expect(await page.getByLabel("Kalenderlenke (https)").inputValue()).toBe(fresh);
    await page.getByRole("link", { name: "Last ned kveld 2 (.ics)" }).waitFor();
    await context.close();
  });

  it("serves the public cohort feed and a single evening without logging in; a wrong token is 404", async () => {
    const { cohort, evenings } = createCohort(e2eDb(), { eveningDates: ["2027-10-28", "2027-11-04"] });
    const res = await fetch(`${baseUrl()}/cohorts/${cohort.slug}/calendar.ics`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("DTSTART;TZID=Europe/Oslo:20271028T170000");
    expect(body).toContain("DTSTART;TZID=Europe/Oslo:20271104T170000");
    const one = await fetch(`${baseUrl()}/cohorts/${cohort.slug}/evenings/2.ics`);
    expect(one.headers.get("content-disposition")).toContain("attachment");
    expect(await one.text()).toContain(`UID:evening-${evenings[1]!.id}@knutepunkt`);
    expect((await fetch(`${baseUrl()}/calendar/abcdefghijklmnopqrstuvwx.aaaaaaaaaaaaaaaaaaaaaaaaaaa.ics`)).status).toBe(404);
  });

  it("a participant turns evening reminders off on the profile; an admin sees the outbox with counts", async () => {
    const db = e2eDb();
    const me = await createUser(db, { email: uniqueEmail("varsel"), name: "Vera Varsel", profession: "physio" });
    const admin = await createUser(db, { email: uniqueEmail("admin"), name: "Adam Admin", isAdmin: true });
    const context = await newContext(browser);
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto("/profile");
    await expectAccessible(page);
    const evening = page.getByLabel("Påminnelse dagen før hver kurskveld");
    expect(await evening.isChecked()).toBe(true);
    await evening.uncheck();
    await page.getByRole("button", { name: "Lagre" }).click();
    const prefs = () => {
      const row = db.select().from(users).where(eq(users.id, me.id)).get()!;
      return [row.notifyEveningReminders, row.notifyPartnerReminders, row.notifySurveyReminders];
    };
    await expect.poll(prefs).toEqual([false, true, true]);
    await page.reload();
    expect(await page.getByLabel("Påminnelse dagen før hver kurskveld").isChecked()).toBe(false);
    expect(await page.getByLabel("Påminnelse om evalueringer jeg ikke har svart på").isChecked()).toBe(true);
    await expectAccessible(page);
    await context.close();

    const adminContext = await newContext(browser, { phone: true });
    await loginAs(adminContext, admin.id);
    const adminPage = await adminContext.newPage();
    await adminPage.goto("/admin/outbox");
    await adminPage.getByRole("heading", { name: "Status i utboksen" }).waitFor();
    await expectAccessible(adminPage);
    await adminContext.close();
  });
});
