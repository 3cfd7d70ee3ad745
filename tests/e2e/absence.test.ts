/** Absence ahead in the browser: from the dashboard to the notice, the organiser's roll call, taking it back. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eDb, expectAccessible, hydrated, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register, uniqueEmail } from "../helpers/factories";
import { and, eq } from "drizzle-orm";
import { evenings } from "../../db/schema";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("report absence ahead", () => {
  it("a participant reports absence from the dashboard; the roll call shows it pre-marked; it can be taken back", async () => {
    const db = e2eDb();
    const org = await createUser(db, { email: uniqueEmail("forfall-org"), name: "Olga Opprop" });
    const me = await createUser(db, { email: uniqueEmail("forfall"), name: "Aase Forfall", profession: "gp" });
    const { cohort } = createCohort(db, { eveningDates: ["2030-01-10", "2030-02-07"], organiserIds: [org.id] });
    register(db, cohort.id, me);

    const context = await newContext(browser, { phone: true });
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto("/");
    await page.getByTestId("my-cohort").getByRole("link", { name: "Meld forfall" }).click();
    await page.getByRole("heading", { level: 1, name: "Meld forfall – kveld 1" }).waitFor();
    await hydrated(page);
    expect(await page.getByText("Ikke skriv helseopplysninger").count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel("Kort begrunnelse (valgfritt)").fill("Vakt");
    await page.getByRole("button", { name: "Meld forfall" }).click();
    await page.getByText("Du har meldt forfall til denne kvelden.").waitFor();
    await page.getByRole("button", { name: "Trekk tilbake forfallet" }).waitFor();
    await expectAccessible(page);
    // The dashboard says so, and leads back to take it back.
    await page.goto("/");
    const card = page.getByTestId("my-cohort");
    expect(await card.getByText("Meldt forfall", { exact: true }).count()).toBe(1);
    await card.getByRole("link", { name: "Se eller trekk tilbake forfallet" }).click();
    await page.getByRole("button", { name: "Trekk tilbake forfallet" }).waitFor();

    // Half an hour before the evening the roll call is open, and the notice can still be taken back.
    db.update(evenings)
      .set({ startsAt: new Date(Date.now() + 30 * 60_000), endsAt: new Date(Date.now() + 180 * 60_000) })
      .where(and(eq(evenings.cohortId, cohort.id), eq(evenings.number, 1)))
      .run();
    const orgContext = await newContext(browser);
    await loginAs(orgContext, org.id);
    const roll = await orgContext.newPage();
    await roll.goto(`/cohorts/${cohort.slug}/evenings/1/attendance`);
    const group = roll.getByRole("group", { name: "Oppmøte for Aase Forfall" });
    expect(await group.getByRole("button", { name: "Gyldig fravær" }).getAttribute("aria-pressed")).toBe("true");
    expect(await roll.getByText("Meldt forfall", { exact: true }).count()).toBe(1);
    await expectAccessible(roll);

    await page.getByRole("button", { name: "Trekk tilbake forfallet" }).click();
    await page.getByRole("button", { name: "Meld forfall" }).waitFor();
    await roll.reload();
    expect(await roll.getByRole("group", { name: "Oppmøte for Aase Forfall" }).getByRole("button", { name: "Gyldig fravær" }).getAttribute("aria-pressed")).toBe("false");
    await orgContext.close();
    await context.close();
  });
});
