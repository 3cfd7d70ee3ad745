/**
 * An organiser cannot break a course by accident: the lifecycle (draft → published → closed → finished),
 * evening date rules, attendance only for evenings that have begun, complete template evenings, and
 * the address suggested from the title.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { attendance, cohorts, evenings, registrations, sites, users } from "../../db/schema";
import { cookieFetch, e2eDb, expectAccessible, hydrated, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { instantToOslo } from "../../app/utils/time";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const tag = Date.now().toString(36);
const DAY = 86_400_000;
/** An Oslo date `days` from today. */
const inDays = (days: number) => instantToOslo(new Date(Date.now() + days * DAY)).date;
const organiser = () => e2eDb().select().from(users).where(eq(users.email, "kursansvarlig@knutepunkt.test")).get()!;

describe("an organiser's cohort from creation to publishing", () => {
  it("suggests the address from the title, makes a complete draft that only organisers see, and publishes it once nothing is missing", async () => {
    const db = e2eDb();
    const site = db.insert(sites).values({ name: `Stjørdal ${tag}`, slug: `stjordal-${tag}` }).returning().get();
    const orgContext = await newContext(browser);
    await loginAs(orgContext, organiser().id);
    const org = await orgContext.newPage();
    await org.goto("/organiser/cohorts/new");
    await hydrated(org);

    // ── The address follows the title (æ/ø/å written out) and is checked while typing.
    const title = `Stjørdal Høst ${tag}`;
    await org.getByLabel("Tittel").fill(title);
    await expect.poll(() => org.getByLabel("Adresse (slug)").inputValue()).toBe(`stjordal-host-${tag}`);
    await org.getByText("Adressen er ledig.").first().waitFor();
    await org.getByLabel("Adresse (slug)").fill("trondheim-2027");
    await org.getByText("Denne adressen er allerede i bruk.").first().waitFor();
    await org.getByLabel("Adresse (slug)").fill(`stjordal-host-${tag}`);
    await org.getByText("Adressen er ledig.").first().waitFor();

    await org.getByLabel("Kurssted (område)").selectOption({ label: site.name });
    await org.getByLabel("Lokale", { exact: true }).fill("Kulturhuset");
    await org.getByLabel("Beskrivelse").fill("Et kurs for fastleger og fysioterapeuter.");
    // ── Evenings out of order are refused next to the date.
    const dates = [inDays(30), inDays(60), inDays(90), inDays(120), inDays(150)];
    const swapped = [dates[1]!, dates[0]!, ...dates.slice(2)];
    for (let i = 0; i < 5; i++) await org.getByLabel(`Dato for kveld ${i + 1}`).fill(swapped[i]!);
    await org.getByRole("button", { name: "Opprett kurset" }).click();
    await org.getByText("Kvelden må ligge etter kvelden før.").waitFor();
    expect(db.select().from(cohorts).where(eq(cohorts.slug, `stjordal-host-${tag}`)).get()).toBeUndefined();
    for (let i = 0; i < 5; i++) await org.getByLabel(`Dato for kveld ${i + 1}`).fill(dates[i]!);
    await org.getByRole("button", { name: "Opprett kurset" }).click();
    await org.waitForURL(`**/cohorts/stjordal-host-${tag}/manage`);
    await org.getByText("Kurset er opprettet som utkast").waitFor();

    // ── A draft: the organiser sees it, participants and the course list do not.
    await org.getByText("Utkast – bare kursansvarlige ser kurset").waitFor();
    const slug = `stjordal-host-${tag}`;
    const gp = await createUser(db, { profession: "gp", name: "Gro Fastlege" });
    const gpFetch = cookieFetch((await createSessionCookie(db, gp.id)).header);
    expect((await gpFetch(`/cohorts/${slug}`)).status).toBe(404);
    expect(await (await gpFetch(`/courses?site=${site.slug}`)).text()).not.toContain(title);

    // ── Each evening has the template's theme, programme, self-study task and learning goals.
    const first = org.getByRole("region", { name: /Kveld 1/ });
    expect(await first.getByLabel("Program (Markdown)").inputValue()).toContain("## Program");
    expect(await first.getByLabel("Egenarbeid").inputValue()).toContain("Les kapittelet om langvarige smertetilstander");
    expect(await first.getByRole("checkbox", { checked: true }).count()).toBe(1);
    await expectAccessible(org);

    // ── Publishing checks what is missing: evening 2 without a programme is named.
    const second = org.getByRole("region", { name: /Kveld 2/ });
    await second.getByLabel("Program (Markdown)").fill("");
    await second.getByRole("button", { name: "Lagre kvelden" }).click();
    await org.getByText("Kvelden er lagret.").waitFor();
    await org.getByRole("button", { name: "Publiser kurset" }).click();
    await org.getByText("Kveld 2 mangler program.").waitFor();
    expect(db.select().from(cohorts).where(eq(cohorts.slug, slug)).get()!.status).toBe("draft");
    await org.getByRole("region", { name: /Kveld 2/ }).getByLabel("Program (Markdown)").fill("## Program\n\n- Samarbeid i praksis");
    await org.getByRole("region", { name: /Kveld 2/ }).getByRole("button", { name: "Lagre kvelden" }).click();
    await org.getByText("Kvelden er lagret.").waitFor();
    await org.getByRole("button", { name: "Publiser kurset" }).click();
    await org.getByText("Kurset er publisert.").waitFor();
    await org.getByText("Publisert – påmeldingen er åpen").waitFor();
    await expectAccessible(org);

    // ── Now it is open for sign-up, and the course page says when sign-up closes (at evening 1).
    expect(await (await gpFetch(`/courses?site=${site.slug}`)).text()).toContain(title);
    const gpContext = await newContext(browser, { phone: true });
    await loginAs(gpContext, gp.id);
    const gpPage = await gpContext.newPage();
    await gpPage.goto(`/cohorts/${slug}`);
    await gpPage.getByText(/Påmeldingsfrist: .*17\.00/).waitFor();
    await gpPage.getByRole("button", { name: "Meld meg på" }).waitFor();
    await Promise.all([orgContext.close(), gpContext.close()]);
  }, 120_000);
});

describe("a finished course", () => {
  it("is not open for sign-up anywhere, refuses a sign-up with a clear message, and drops its participants' partner prompt", async () => {
    const db = e2eDb();
    const site = db.insert(sites).values({ name: `Ferdigby ${tag}`, slug: `ferdigby-${tag}` }).returning().get();
    const past = [inDays(-150), inDays(-120), inDays(-90), inDays(-60), inDays(-30)];
    const { cohort: done } = createCohort(db, { siteId: site.id, title: `Ferdig kurs ${tag}`, eveningDates: past, registrationClosesAt: null, capacityGp: 10 });
    const { cohort: running } = createCohort(db, { title: `Pågående kurs ${tag}`, eveningDates: [inDays(-10), inDays(20)] });

    const anon = await newContext(browser);
    const page = await anon.newPage();
    await page.goto(`/courses?site=${site.slug}`);
    expect(await page.getByText(`Ferdig kurs ${tag}`).count()).toBe(0);
    await anon.close();

    // A GP who tries to sign up after the course ended is told sign-up is closed, and nothing is saved.
    const late = await createUser(db, { profession: "gp", name: "Sen Fastlege" });
    const lateContext = await newContext(browser);
    await loginAs(lateContext, late.id);
    const latePage = await lateContext.newPage();
    await latePage.goto(`/cohorts/${done.slug}`);
    await latePage.getByText("Påmeldingen er stengt.").first().waitFor();
    expect(await latePage.getByRole("button", { name: "Meld meg på" }).count()).toBe(0);
    await latePage.goto(`/cohorts/${done.slug}/register`);
    await latePage.getByRole("button", { name: "Meld meg på" }).click();
    await latePage.waitForURL(`**/cohorts/${done.slug}`);
    await latePage.getByText("Påmeldingen er stengt.").first().waitFor();
    expect(db.select().from(registrations).where(and(eq(registrations.cohortId, done.id), eq(registrations.userId, late.id))).get()).toBeUndefined();
    await lateContext.close();

    // A participant of both sees "find a partner" for the running course only.
    const both = await createUser(db, { profession: "physio", name: "Begge Fysio" });
    register(db, done.id, both);
    register(db, running.id, both);
    const bothContext = await newContext(browser);
    await loginAs(bothContext, both.id);
    const dash = await bothContext.newPage();
    await dash.goto("/");
    const partnerLinks = dash.getByRole("link", { name: /Finn samarbeidspartner/ });
    await partnerLinks.first().waitFor();
    const hrefs = await partnerLinks.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs.some((h) => h?.includes(running.slug))).toBe(true);
    expect(hrefs.some((h) => h?.includes(done.slug))).toBe(false);
    await expectAccessible(dash);
    await bothContext.close();
  }, 90_000);
});

describe("evening date rules on the manage page", () => {
  it("refuses moving evening 2 before evening 1, onto its day or into the past, with the message next to the date", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Dato Organisator" });
    const { cohort, evenings: evs } = createCohort(db, { organiserIds: [org.id], eveningDates: [inDays(20), inDays(50), inDays(80)] });
    const context = await newContext(browser);
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/manage`);
    await hydrated(page);
    const second = page.getByRole("region", { name: /Kveld 2/ });
    const tryDate = async (date: string, message: string) => {
      await second.getByLabel("Dato").fill(date);
      await second.getByRole("button", { name: "Lagre kvelden" }).click();
      await page.getByRole("region", { name: /Kveld 2/ }).getByText(message).waitFor();
    };
    await tryDate(inDays(10), "Kvelden må ligge etter kvelden før.");
    await tryDate(inDays(20), "To kvelder kan ikke være på samme dag.");
    await tryDate(inDays(-3), "Datoen har vært. Velg en dag fram i tid.");
    await tryDate(inDays(90), "Kvelden må ligge før kvelden etter.");
    await expectAccessible(page);
    const stored = db.select().from(evenings).where(eq(evenings.id, evs[1]!.id)).get()!;
    expect([stored.startsAt, stored.revision]).toEqual([evs[1]!.startsAt, 0]);
    await context.close();
  });
});

describe("attendance before the evening", () => {
  it("roll call for an evening seven weeks away is not open and is refused; the overview counts nobody as started", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Opprop Organisator" });
    const { cohort } = createCohort(db, { organiserIds: [org.id], eveningDates: [inDays(49), inDays(77)] });
    const gp = await createUser(db, { profession: "gp", name: "Tidlig Fastlege" });
    register(db, cohort.id, gp);
    const context = await newContext(browser);
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/evenings/1/attendance`);
    await page.getByText(/Oppropet for kveld 1 åpner/).waitFor();
    expect(await page.getByRole("group", { name: /Tidlig Fastlege/ }).count()).toBe(0);
    await expectAccessible(page);
    // A roll-call post sent anyway is refused and nothing is recorded.
    const orgFetch = cookieFetch((await createSessionCookie(db, org.id)).header);
    const res = await orgFetch(`/cohorts/${cohort.slug}/evenings/1/attendance`, {
      method: "POST",
      body: new URLSearchParams({ userId: String(gp.id), status: "present" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: new URL(page.url()).origin },
    });
    expect(res.status).toBe(400);
    expect(db.select().from(attendance).where(eq(attendance.userId, gp.id)).all()).toEqual([]);
    await page.goto(`/cohorts/${cohort.slug}/attendance`);
    expect(await page.locator("figure.bar-chart img").getAttribute("alt")).toContain("0 startet, 0 fullførte.");
    await context.close();
  });
});
