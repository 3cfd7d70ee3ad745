/** The personal feed's reminder, chosen on /calendar in the browser and read back from the feed. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import ICAL from "ical.js";
import { e2eDb, expectAccessible, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register, uniqueEmail } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("calendar reminders", () => {
  it("a person chooses '2 timer før' and the feed's evenings carry a VALARM two hours before", async () => {
    const db = e2eDb();
    const me = await createUser(db, { email: uniqueEmail("alarm"), profession: "physio" });
    const { cohort } = createCohort(db, { eveningDates: ["2030-01-10", "2030-06-06"] });
    register(db, cohort.id, me);
    const context = await newContext(browser);
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto("/calendar");
    await page.getByRole("group", { name: "Varsel før hver kurskveld" }).waitFor();
    expect(await page.getByLabel("Ingen varsel").isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel("2 timer før").check();
    await page.getByRole("button", { name: "Lagre varsel" }).click();
    await page.getByText("Varselet er lagret").waitFor();
    expect(await page.getByLabel("2 timer før").isChecked()).toBe(true);

    const link = await page.getByLabel("Kalenderlenke (https)").inputValue();
    const res = await fetch(link);
    expect(res.status).toBe(200);
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const triggers = cal
      .getAllSubcomponents("vevent")
      .map((v) => v.getAllSubcomponents("valarm").map((a) => String(a.getFirstPropertyValue("trigger"))));
    expect(triggers).toEqual([["-PT2H"], ["-PT2H"]]);
    await context.close();
  });
});
