import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { cookieFetch, e2eDb, expectAccessible, latestEmailTo, launchBrowser, loginAs, newContext, uniqueTag } from "../helpers/e2e";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { eq } from "drizzle-orm";
import { partnershipMembers, partnerships, users } from "../../db/schema";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function cohortWithPeople() {
  const db = e2eDb();
  const t = uniqueTag();
  const organiser = await createUser(db, { profession: "other", name: `Kari Kursansvarlig ${t}` });
  const { cohort } = createCohort(db, { slug: `partners-${t}`, organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10 });
  const physio = await createUser(db, { profession: "physio", name: `Siri Fysio ${t}`, municipality: "Malvik", practice: "Malvik Fysioterapi" });
  const gpSame = await createUser(db, { profession: "gp", name: `Geir Fastlege ${t}`, municipality: "Malvik", practice: "Hommelvik legekontor", specialCompetence: "Idrettsmedisin", about: "Liten praksis nær stasjonen." });
  const gpOther = await createUser(db, { profession: "gp", name: `Liv Fastlege ${t}`, municipality: "Levanger", practice: "Levanger legesenter" });
  const physio2 = await createUser(db, { profession: "physio", name: `Tor Fysio ${t}`, municipality: "Levanger" });
  const physio3 = await createUser(db, { profession: "physio", name: `Une Fysio ${t}`, municipality: "Stjørdal" });
  for (const u of [physio, gpSame, gpOther, physio2, physio3]) register(db, cohort.id, u);
  return { db, t, cohort, organiser, physio, gpSame, gpOther, physio2, physio3 };
}

describe("partners in the browser", () => {
  it("a physiotherapist finds a GP in the same municipality on a phone, sends a request, the GP accepts; they agree, both confirm, an edit makes version 2", async () => {
    const { cohort, physio, gpSame } = await cohortWithPeople();
    const ctxP = await newContext(browser, { phone: true });
    await loginAs(ctxP, physio.id);
    const page = await ctxP.newPage();
    await page.goto(`/cohorts/${cohort.slug}/partners`);
    await expectAccessible(page);
    await page.getByLabel("Kommune").selectOption("Malvik");
    await page.getByLabel("Yrke").selectOption("gp");
    await page.getByRole("button", { name: "Vis" }).click();
    await page.waitForURL(/municipality=Malvik/);
    const card = page.getByRole("article").or(page.locator(".partner-card")).filter({ hasText: gpSame.name });
    await expect.poll(() => page.locator(".partner-card").count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain("Idrettsmedisin");
    // The request form opens on demand (?open=<id>), with the focus in it, and without loading the
    // finder's data again (only the root's small loader may revalidate).
    expect(await card.locator("textarea").count()).toBe(0);
    const dataRequests: string[] = [];
    page.on("request", (r) => r.url().includes(".data") && dataRequests.push(r.url()));
    // The toggle is a plain link that the list follows in the app: the document is not loaded again.
    await page.evaluate(() => Object.assign(window, { kpSameDocument: true }));
    await card.getByRole("link", { name: `Send forespørsel til ${gpSame.name}` }).click();
    await page.waitForURL(new RegExp(`open=${gpSame.id}`));
    expect(await page.evaluate(() => (window as unknown as { kpSameDocument?: boolean }).kpSameDocument)).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");
    expect(dataRequests.filter((u) => !/[?&]_routes=root$/.test(u))).toEqual([]);
    await card.getByLabel("Kort melding").fill("Hei! Vi holder til i samme kommune – skal vi samarbeide?");
    await expectAccessible(page);
    await card.getByRole("button", { name: "Send forespørsel" }).click();
    await page.getByText("Forespørselen er sendt.").waitFor();
    await page.getByText(`Venter på svar fra ${gpSame.name}`).waitFor();
    expect(latestEmailTo(gpSame.email)?.textBody).toContain("skal vi samarbeide?");
    await ctxP.close();

    const ctxG = await newContext(browser);
    await loginAs(ctxG, gpSame.id);
    const gpPage = await ctxG.newPage();
    // The dashboard tells the GP about the request.
    await gpPage.goto("/");
    const box = gpPage.getByRole("region", { name: "Samarbeid" });
    await box.getByText("1 forespørsel venter på svar").waitFor();
    await expectAccessible(gpPage);
    await box.getByRole("link", { name: "Svar" }).click();
    await gpPage.waitForURL(`**/cohorts/${cohort.slug}/partners`);
    await gpPage.getByText("«Hei! Vi holder til i samme kommune – skal vi samarbeide?»").waitFor();
    await expectAccessible(gpPage);
    await gpPage.getByRole("button", { name: `Godta forespørselen fra ${physio.name}` }).click();
    await gpPage.getByText("Dere er nå samarbeidspartnere.").waitFor();
    const mine = gpPage.getByRole("region", { name: "Mitt samarbeid" });
    await expect.poll(() => mine.textContent()).toContain(physio.name);
    await expect.poll(() => mine.textContent()).toContain("Komplett");
    await expectAccessible(gpPage);
    expect(latestEmailTo(physio.email)?.subject).toBe("Dere er nå samarbeidspartnere");

    // The GP fills in the agreement (a missing channel gives a Norwegian field error first).
    await mine.getByRole("link", { name: "Samarbeidsavtalen" }).click();
    await gpPage.waitForURL(/\/partnerships\/\d+\/agreement$/);
    const agreementUrl = new URL(gpPage.url()).pathname;
    await expectAccessible(gpPage);
    await gpPage.getByRole("radio", { name: "Blandet" }).check();
    await gpPage.getByRole("textbox", { name: "Hvor ofte møtes dere?" }).fill("Hver tredje måned");
    await gpPage.getByRole("textbox", { name: "Forventet svartid" }).fill("Innen to virkedager");
    await gpPage.getByRole("textbox", { name: /^Kontaktpersoner/ }).fill("Geir: 73 00 00 00, tirsdager 08.00–09.00. Siri: 915 00 000.");
    await gpPage.getByRole("button", { name: "Lagre avtalen" }).click();
    await gpPage.getByText("Velg minst én skriftlig kanal").waitFor();
    await gpPage.getByRole("checkbox", { name: "Dialogmelding over Norsk Helsenett" }).check();
    await gpPage.getByRole("checkbox", { name: "Epikrise/oppsummering etter behandling" }).check();
    await gpPage.getByRole("spinbutton", { name: /Første time/ }).fill("7");
    await gpPage.getByRole("textbox", { name: "Samarbeid med NAV" }).fill("Felles møte med NAV ved langvarig sykmelding.");
    await gpPage.getByRole("button", { name: "Lagre avtalen" }).click();
    await gpPage.getByText("Versjon 1 er lagret. Alle må bekrefte den.").waitFor();
    await gpPage.getByRole("button", { name: "Bekreft versjon 1" }).click();
    await gpPage.getByText("Du har bekreftet avtalen.").waitFor();
    expect(await gpPage.getByTestId("agreement-status").textContent()).toContain("Ikke gjeldende ennå");
    await expectAccessible(gpPage);
    expect(latestEmailTo(physio.email)?.subject).toBe("Samarbeidsavtalen er endret (versjon 1)");

    // The physiotherapist confirms: in force.
    const ctxP2 = await newContext(browser, { phone: true });
    await loginAs(ctxP2, physio.id);
    const pPage = await ctxP2.newPage();
    await pPage.goto(agreementUrl);
    await pPage.getByText("Første time innen 7 dager").waitFor();
    await pPage.getByRole("button", { name: "Bekreft versjon 1" }).click();
    await pPage.getByText("Du har bekreftet avtalen.").waitFor();
    expect(await pPage.getByTestId("agreement-status").textContent()).toContain("Gjeldende");
    await expectAccessible(pPage);

    // An edit makes version 2, which needs everyone's confirmation again.
    await pPage.getByText("Endre avtalen (lager en ny versjon)").click();
    await pPage.getByRole("textbox", { name: "Forventet svartid" }).fill("Samme dag");
    await pPage.getByRole("button", { name: "Lagre avtalen" }).click();
    await pPage.getByText("Versjon 2 er lagret. Alle må bekrefte den.").waitFor();
    expect(await pPage.getByTestId("agreement-status").textContent()).toContain("Ikke gjeldende ennå");
    await pPage.getByRole("button", { name: "Bekreft versjon 2" }).click();
    await pPage.getByText("Du har bekreftet avtalen.").waitFor();
    expect(await pPage.getByTestId("agreement-status").textContent()).toContain("Ikke gjeldende ennå");
    await pPage.getByRole("link", { name: /^Versjon 1 –/ }).click();
    await pPage.getByText("Du ser på en eldre versjon.").waitFor();
    await pPage.getByText("Innen to virkedager", { exact: true }).waitFor();
    await expectAccessible(pPage);
    await ctxP2.close();

    await gpPage.goto(agreementUrl);
    await gpPage.getByRole("button", { name: "Bekreft versjon 2" }).click();
    await gpPage.getByText("Du har bekreftet avtalen.").waitFor();
    expect(await gpPage.getByTestId("agreement-status").textContent()).toContain("Gjeldende");
    await gpPage.getByRole("link", { name: "Utskriftsversjon" }).click();
    await gpPage.getByRole("heading", { level: 1, name: "Samarbeidsavtale" }).waitFor();
    await gpPage.getByText("Samme dag", { exact: true }).waitFor();
    await expectAccessible(gpPage);
    const pdf = await gpPage.request.get(`${agreementUrl}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await ctxG.close();
  }, 150_000);
});

describe("organiser matching board", () => {
  it("the organiser pairs one person from a suggestion, then the rest with a reviewed 'suggest all' proposal", async () => {
    const { cohort, organiser, physio, gpSame, gpOther, physio2, physio3 } = await cohortWithPeople();
    const ctx = await newContext(browser);
    await loginAs(ctx, organiser.id);
    const page = await ctx.newPage();
    await page.goto(`/cohorts/${cohort.slug}/matching`);
    await expectAccessible(page);
    expect(await page.getByTestId("count-unpaired").textContent()).toBe("5");
    // Tor (Levanger) gets Liv (Levanger) as the first suggestion: same municipality.
    const torCard = page.locator(".match-card").filter({ has: page.getByRole("heading", { name: physio2.name }) });
    await expect.poll(() => torCard.locator("li").first().textContent()).toContain(gpOther.name);
    await expect.poll(() => torCard.locator("li").first().textContent()).toContain("Samme kommune");
    await page.getByRole("button", { name: `Sett sammen ${physio2.name} og ${gpOther.name}` }).click();
    await page.getByText("1 par er lagret.").waitFor();
    await expect.poll(() => page.getByTestId("count-paired").textContent()).toBe("2");
    expect(latestEmailTo(physio2.email)?.subject).toBe("Du har fått en samarbeidspartner");

    await page.getByRole("button", { name: "Lag et forslag for alle" }).click();
    await page.waitForURL(/proposal=1/);
    await expectAccessible(page);
    // Siri (Malvik) goes to Geir (Malvik), who has no partner yet: every GP gets one before anyone gets more.
    await page.getByRole("checkbox", { name: `Ta med ${physio.name} og ${gpSame.name}` }).waitFor();
    expect(await page.getByRole("checkbox", { name: /^Ta med / }).count()).toBe(2);
    await page.getByRole("button", { name: "Lagre valgte par" }).click();
    await page.getByText("2 par er lagret.").waitFor();
    expect(await page.getByTestId("count-unpaired").textContent()).toBe("0");
    expect(await page.getByTestId("count-incomplete").textContent()).toBe("0");
    expect(latestEmailTo(physio3.email)?.subject).toBe("Du har fått en samarbeidspartner");
    await expectAccessible(page);
    await ctx.close();
  }, 150_000);
});

describe("the network", () => {
  it("a participant finds a person by municipality and sends a contact request", async () => {
    const db = e2eDb();
    const t = uniqueTag();
    const { cohort } = createCohort(db, { slug: `network-${t}` });
    const place = `Nettverkby${t}`;
    const me = await createUser(db, { profession: "physio", name: `Mona Søker ${t}` });
    const found = await createUser(db, { profession: "gp", name: `Nils Funnet ${t}`, municipality: place, specialCompetence: "Arbeidsmedisin", directoryOptIn: true });
    const hidden = await createUser(db, { profession: "gp", name: `Hanna Skjult ${t}`, municipality: place, directoryOptIn: false });
    for (const u of [me, found, hidden]) register(db, cohort.id, u);
    const ctx = await newContext(browser, { phone: true });
    await loginAs(ctx, me.id);
    const page = await ctx.newPage();
    await page.goto("/network");
    await expectAccessible(page);
    await page.getByRole("textbox", { name: "Kommune" }).fill(place.toLowerCase());
    await page.getByRole("button", { name: "Søk", exact: true }).click();
    await page.waitForURL(/municipality=/);
    await page.getByText("1 person", { exact: true }).waitFor();
    await page.getByRole("heading", { name: found.name }).waitFor();
    expect(await page.getByText(hidden.name).count()).toBe(0);
    await page.evaluate(() => Object.assign(window, { kpSameDocument: true }));
    await page.getByText(`Ta kontakt med ${found.name}`).click();
    await page.getByRole("textbox", { name: "Melding" }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { kpSameDocument?: boolean }).kpSameDocument)).toBe(true);
    await page.getByRole("textbox", { name: "Melding" }).fill("Hei! Jeg vil gjerne høre mer om arbeidsmedisin.");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send kontaktforespørsel" }).click();
    await page.getByText("Kontaktforespørselen er sendt på e-post.").waitFor();
    expect(latestEmailTo(found.email)?.textBody).toContain("arbeidsmedisin");
    await ctx.close();
  }, 150_000);
});

describe("partner page access (HTTP)", () => {
  it("the directory shows only opted-in people", async () => {
    const db = e2eDb();
    const t = uniqueTag();
    const { cohort } = createCohort(db);
    const place = `Synlighet${t}`;
    const visible = await createUser(db, { profession: "gp", name: `Synlig ${t}`, municipality: place, directoryOptIn: true });
    const invisible = await createUser(db, { profession: "gp", name: `Usynlig ${t}`, municipality: place, directoryOptIn: false });
    register(db, cohort.id, visible);
    register(db, cohort.id, invisible);
    const html = await (await cookieFetch((await createSessionCookie(db, visible.id)).header)(`/network?municipality=${place}`)).text();
    expect(html).toContain(visible.name);
    expect(html).not.toContain(invisible.name);
    expect((await cookieFetch()("/network")).status).toBe(302);
  });

  it("a list page renders the request form only in the card named by ?open= (works without JavaScript)", async () => {
    const { db, cohort, physio, gpSame, gpOther } = await cohortWithPeople();
    const asPhysio = cookieFetch((await createSessionCookie(db, physio.id)).header);
    const list = `/cohorts/${cohort.slug}/partners`;
    const closed = await (await asPhysio(list)).text();
    expect(closed).toContain(`Send forespørsel til ${gpSame.name}`);
    expect(closed).toContain(`${list}?open=${gpSame.id}#request-${gpSame.id}`);
    expect(closed).not.toContain("<textarea");
    const open = await (await asPhysio(`${list}?open=${gpSame.id}`)).text();
    expect(open.match(/<textarea/g)).toHaveLength(1);
    expect(open).toContain(`id="request-${gpSame.id}-message"`);
    expect(open).not.toContain(`id="request-${gpOther.id}-message"`);
    // A bad or unknown id opens nothing.
    expect(await (await asPhysio(`${list}?open=abc`)).text()).not.toContain("<textarea");
    // The network page does the same with its contact form.
    db.update(users).set({ directoryOptIn: true }).where(eq(users.id, gpSame.id)).run();
    const network = await (await asPhysio(`/network?municipality=Malvik&open=${gpSame.id}`)).text();
    expect(network.match(/<textarea/g)).toHaveLength(1);
    expect(network).toContain(`id="n-${gpSame.id}-message"`);
    expect(await (await asPhysio("/network?municipality=Malvik")).text()).not.toContain("<textarea");
  });

  it("only members and the cohort's organisers see an agreement (page, print view and PDF)", async () => {
    const { db, cohort, organiser, physio, gpSame, physio2 } = await cohortWithPeople();
    const p = db.insert(partnerships).values({ cohortId: cohort.id }).returning().get();
    db.insert(partnershipMembers).values([
      { partnershipId: p.id, cohortId: cohort.id, userId: physio.id },
      { partnershipId: p.id, cohortId: cohort.id, userId: gpSame.id },
    ]).run();
    const otherOrganiser = await createUser(db, { profession: "other" });
    createCohort(db, { organiserIds: [otherOrganiser.id] });
    const paths = [`/partnerships/${p.id}/agreement`, `/partnerships/${p.id}/agreement/print`, `/partnerships/${p.id}/agreement.pdf`];
    for (const path of paths) {
      for (const u of [physio, gpSame, organiser]) {
        expect((await cookieFetch((await createSessionCookie(db, u.id)).header)(path)).status, `${path} as ${u.name}`).toBe(200);
      }
      // Another participant of the same cohort, and an organiser of another cohort: no.
      for (const u of [physio2, otherOrganiser]) {
        expect((await cookieFetch((await createSessionCookie(db, u.id)).header)(path)).status, `${path} as outsider`).toBe(403);
      }
      expect((await cookieFetch()(path)).status).toBe(302);
    }
    const post = await cookieFetch((await createSessionCookie(db, organiser.id)).header)(paths[0]!, {
      method: "POST",
      body: new URLSearchParams({ intent: "confirm", versionId: "1" }),
    });
    expect(post.status).toBe(403);
    expect((await cookieFetch((await createSessionCookie(db, physio.id)).header)("/partnerships/999999/agreement")).status).toBe(404);
  });

  it("nobody outside the cohort sees its partner page; participants and organisers do", async () => {
    const { db, cohort, organiser, physio } = await cohortWithPeople();
    const outsider = await createUser(db, { profession: "gp" });
    const waitlisted = await createUser(db, { profession: "gp" });
    register(db, cohort.id, waitlisted, "waitlisted");
    const path = `/cohorts/${cohort.slug}/partners`;
    expect((await cookieFetch()(path)).status).toBe(302);
    for (const u of [outsider, waitlisted]) {
      const res = await cookieFetch((await createSessionCookie(db, u.id)).header)(path);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(physio.name);
    }
    const post = await cookieFetch((await createSessionCookie(db, outsider.id)).header)(path, {
      method: "POST",
      body: new URLSearchParams({ intent: "request", toUserId: String(physio.id), message: "hei" }),
    });
    expect(post.status).toBe(403);
    expect((await cookieFetch((await createSessionCookie(db, outsider.id)).header)("/cohorts/finnes-ikke/partners")).status).toBe(404);
    // The matching board is for the cohort's organisers only.
    expect((await cookieFetch((await createSessionCookie(db, physio.id)).header)(`/cohorts/${cohort.slug}/matching`)).status).toBe(403);
    expect((await cookieFetch((await createSessionCookie(db, organiser.id)).header)(`/cohorts/${cohort.slug}/matching`)).status).toBe(200);
    for (const u of [physio, organiser]) {
      const res = await cookieFetch((await createSessionCookie(db, u.id)).header)(path);
      expect(res.status).toBe(200);
    }
  });
});
