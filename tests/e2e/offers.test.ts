import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { baseUrl, cookieFetch, e2eDb, expectAccessible, hydrated, latestEmailTo, launchBrowser, loginAs, newContext, uniqueTag } from "../helpers/e2e";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { networkOffers } from "../../db/schema";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("offers in the network", () => {
  it("a physiotherapist lists two offers; a GP in a neighbouring municipality finds one by treatment form and contacts them", async () => {
    const db = e2eDb();
    const t = uniqueTag();
    const { cohort } = createCohort(db, { slug: `offers-${t}`, capacityGp: 10, capacityPhysio: 10 });
    const physio = await createUser(db, { profession: "physio", name: `Frida Fysio ${t}`, municipality: "Malvik", practice: "Hommelvik Fysioterapi" });
    const gp = await createUser(db, { profession: "gp", name: `Gunnar Fastlege ${t}`, municipality: "Stjørdal" });
    for (const u of [physio, gp]) register(db, cohort.id, u);

    // The physiotherapist describes two offers, on a phone.
    const ctxP = await newContext(browser, { phone: true });
    await loginAs(ctxP, physio.id);
    const page = await ctxP.newPage();
    await page.goto("/network/offers/mine");
    await page.getByText("Du har ikke lagt inn noen tilbud ennå.").waitFor();
    await expectAccessible(page);
    const offers = [
      { form: "Psykomotorisk fysioterapi", description: `Psykomotorisk behandling for voksne ${t}`, takesNew: "Ja", weeks: "6", channel: "Telefon", detail: "73 00 00 01" },
      { form: "Veiledet trening ved kne- eller hofteartrose", description: `Gruppe med veiledet trening, to ganger i uka ${t}`, takesNew: "Ja", weeks: "2", channel: "Dialogmelding", detail: "Hommelvik Fysioterapi" },
    ];
    for (const o of offers) {
      await page.getByRole("link", { name: "Legg til tilbud" }).click();
      await page.waitForURL("**/network/offers/new");
      await hydrated(page);
      // Nothing chosen: the form says so in Norwegian.
      await page.getByRole("button", { name: "Lagre tilbudet" }).click();
      await page.getByText("Velg minst én behandlingsform").waitFor();
      await page.getByRole("checkbox", { name: o.form }).check();
      await page.getByRole("textbox", { name: "Kort beskrivelse" }).fill(o.description);
      expect(await page.getByRole("textbox", { name: "Kommune" }).inputValue()).toBe("Malvik");
      await page.getByRole("textbox", { name: "Adresse" }).fill("Stasjonsvegen 2, Hommelvik");
      await page.getByRole("radio", { name: o.takesNew }).check();
      await page.getByRole("spinbutton", { name: "Vanlig ventetid i uker" }).fill(o.weeks);
      await page.getByRole("radio", { name: o.channel }).check();
      await page.getByRole("textbox", { name: /^Telefonnummer, e-post/ }).fill(o.detail);
      expect(await page.getByRole("checkbox", { name: "Vis tilbudet for alle i nettverket" }).isChecked()).toBe(true);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Lagre tilbudet" }).click();
      await page.waitForURL("**/network/offers/mine");
      await page.getByText("Tilbudet er lagret.").waitFor();
    }
    await page.getByText(offers[0]!.description).waitFor();
    await page.getByText(offers[1]!.description).waitFor();
    await expectAccessible(page);
    await ctxP.close();

    // The GP in Stjørdal (next to Malvik) searches by treatment form on a phone, in a few taps.
    const ctxG = await newContext(browser, { phone: true });
    await loginAs(ctxG, gp.id);
    const gpPage = await ctxG.newPage();
    await gpPage.goto("/network");
    await gpPage.getByRole("link", { name: "Se alle tilbud og søk" }).click();
    await gpPage.waitForURL("**/network/offers");
    await expectAccessible(gpPage);
    await gpPage.getByLabel("Behandlingsform").selectOption({ label: "Veiledet trening ved kne- eller hofteartrose" });
    await gpPage.getByLabel("Kommune", { exact: true }).selectOption("Stjørdal");
    await gpPage.getByRole("checkbox", { name: "Ta med nabokommuner" }).check();
    await gpPage.getByRole("checkbox", { name: "Bare de som tar imot nye pasienter" }).check();
    await gpPage.getByRole("button", { name: "Vis tilbud" }).click();
    await gpPage.waitForURL(/neighbours=1/);
    const card = gpPage.locator(".network-card").filter({ hasText: physio.name });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain(offers[1]!.description);
    expect(await card.textContent()).toContain("Ventetid omtrent 2 uker");
    expect(await card.textContent()).toContain("Dialogmelding: Hommelvik Fysioterapi");
    expect(await gpPage.getByText(offers[0]!.description).count()).toBe(0);
    await expectAccessible(gpPage);
    await card.getByRole("link", { name: `Ta kontakt med ${physio.name} om tilbudet` }).click();
    await card.getByRole("textbox", { name: "Melding" }).fill("Hei! Har dere plass i treningsgruppa for en pasient med kneartrose?");
    await expectAccessible(gpPage);
    await card.getByRole("button", { name: "Send kontaktforespørsel" }).click();
    await gpPage.getByText("Kontaktforespørselen er sendt på e-post.").waitFor();
    const mail = latestEmailTo(physio.email);
    expect(mail?.subject).toBe(`${gp.name} vil komme i kontakt med deg om tilbudet ditt`);
    expect(mail?.textBody).toContain("plass i treningsgruppa");
    expect(mail?.textBody).toContain(gp.email);
    await ctxG.close();
  }, 180_000);
});

describe("offers in the network (HTTP)", () => {
  it("only network members see offers; an offer not confirmed for 90 days shows as possibly out of date", async () => {
    const db = e2eDb();
    const t = uniqueTag();
    const { cohort } = createCohort(db);
    const owner = await createUser(db, { profession: "physio", name: `Olav Eier ${t}`, municipality: `Tilbudby${t}` });
    const memberUser = await createUser(db, { profession: "gp", name: `Mia Medlem ${t}` });
    const outsider = await createUser(db, { profession: "gp", name: `Ola Utenfor ${t}` });
    register(db, cohort.id, owner);
    register(db, cohort.id, memberUser);
    const asOwner = cookieFetch((await createSessionCookie(db, owner.id)).header);
    // Creating goes through the form's action (a POST with the form's fields).
    const body = new URLSearchParams({
      formIds: "1",
      description: `Hjemmebesøk i hele kommunen ${t}`,
      municipality: `Tilbudby${t}`,
      takesNewPatients: "yes",
      waitingWeeks: "1",
      contactChannel: "email",
      contactDetail: "post@tilbud.test",
      published: "on",
    });
    const created = await asOwner("/network/offers/new", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(baseUrl()).origin } });
    expect(created.status).toBe(302);

    const asMember = cookieFetch((await createSessionCookie(db, memberUser.id)).header);
    const page = await (await asMember(`/network/offers?municipality=Tilbudby${t}`)).text();
    expect(page).toContain(`Hjemmebesøk i hele kommunen ${t}`);
    expect(page).not.toContain("Kan være utdatert");
    const network = await (await asMember(`/network?municipality=tilbudby${t}`)).text();
    expect(network).toContain(`Hjemmebesøk i hele kommunen ${t}`);

    const asOutsider = cookieFetch((await createSessionCookie(db, outsider.id)).header);
    expect((await asOutsider("/network/offers")).status).toBe(403);
    expect((await asOutsider("/network/offers/new")).status).toBe(403);
    const outsiderNetwork = await (await asOutsider(`/network?municipality=tilbudby${t}`)).text();
    expect(outsiderNetwork).not.toContain(`Hjemmebesøk i hele kommunen ${t}`);
    expect(outsiderNetwork).toContain("Tilbud i nettverket er for deg som er eller har vært deltaker");
    expect((await cookieFetch()("/network/offers")).status).toBe(302);

    db.update(networkOffers)
      .set({ lastConfirmedAt: new Date(Date.now() - 91 * 24 * 60 * 60 * 1000) })
      .where(eq(networkOffers.userId, owner.id))
      .run();
    expect(await (await asMember(`/network/offers?municipality=Tilbudby${t}`)).text()).toContain("Kan være utdatert");

    // "Bekreft at tilbudet stemmer": only the owner can, and it clears the mark.
    const offerId = db.select().from(networkOffers).where(eq(networkOffers.userId, owner.id)).get()!.id;
    const confirm = (fetcher: typeof asOwner) =>
      fetcher("/network/offers/mine", {
        method: "POST",
        body: new URLSearchParams({ intent: "confirm", offerId: String(offerId) }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(baseUrl()).origin },
      });
    expect((await confirm(asMember)).status).toBe(404);
    expect(await (await asMember(`/network/offers?municipality=Tilbudby${t}`)).text()).toContain("Kan være utdatert");
    expect((await confirm(asOwner)).status).toBe(302);
    expect(await (await asMember(`/network/offers?municipality=Tilbudby${t}`)).text()).not.toContain("Kan være utdatert");
    // The edit form is the owner's alone, filled in with the offer.
    expect(await (await asOwner(`/network/offers/${offerId}`)).text()).toContain(`Hjemmebesøk i hele kommunen ${t}`);
    expect((await asMember(`/network/offers/${offerId}`)).status).toBe(404);
  });
});
