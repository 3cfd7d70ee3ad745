/** Issue points 1, 6, 7 and 9 walked as an organiser would: safe matching, one workspace, mail counts, messages. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { agreementConfirmations, agreementVersions, emailOutbox, partnershipMembers, surveyQuestions, surveys } from "../../db/schema";
import { e2eDb, expectAccessible, hydrated, latestEmailTo, launchBrowser, loginAs, newContext, uniqueTag } from "../helpers/e2e";
import { createCohort, createPartnership, createUser, register, TEST_PASSWORD } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 24 * 3600_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function cohortWithPairs() {
  const db = e2eDb();
  const t = uniqueTag();
  const organiser = await createUser(db, { profession: "other", name: `Olga Organisator ${t}` });
  // Two evenings held, three to come.
  const { cohort } = createCohort(db, {
    slug: `orgws-${t}`,
    organiserIds: [organiser.id],
    capacityGp: 10,
    capacityPhysio: 10,
    eveningDates: [isoDay(-20), isoDay(-6), isoDay(15), isoDay(40), isoDay(70)],
  });
  const gp = await createUser(db, { profession: "gp", name: `Anne Lege ${t}`, municipality: "Malvik" });
  const physio = await createUser(db, { profession: "physio", name: `Cato Fysio ${t}`, municipality: "Malvik" });
  const gpFree = await createUser(db, { profession: "gp", name: `Bjørn Lege ${t}`, municipality: "Levanger" });
  const newcomer = await createUser(db, { profession: "physio", name: `Dina Fysio ${t}`, municipality: "Malvik" });
  const joiner = await createUser(db, { profession: "physio", name: `Eli Fysio ${t}`, municipality: "Malvik" });
  for (const u of [gp, physio, gpFree, newcomer, joiner]) register(db, cohort.id, u);
  const partnership = createPartnership(db, cohort.id, [gp.id, physio.id]);
  const version = db.insert(agreementVersions).values({ partnershipId: partnership.id, version: 1, data: {}, createdByUserId: gp.id }).returning().get();
  db.insert(agreementConfirmations).values([{ agreementVersionId: version.id, userId: gp.id }, { agreementVersionId: version.id, userId: physio.id }]).run();
  return { db, t, organiser, cohort, gp, physio, gpFree, newcomer, joiner, partnership };
}

/** In force: every current member confirmed the (only) version 1; read from the server's database file. */
function agreementInForce(db: ReturnType<typeof e2eDb>, partnershipId: number) {
  const version = db.select().from(agreementVersions).where(eq(agreementVersions.partnershipId, partnershipId)).get()!;
  const confirmed = new Set(db.select().from(agreementConfirmations).where(eq(agreementConfirmations.agreementVersionId, version.id)).all().map((c) => c.userId));
  return members(db, partnershipId).every((m) => m.leftAt !== null || confirmed.has(m.userId));
}

const members = (db: ReturnType<typeof e2eDb>, partnershipId: number) =>
  db.select().from(partnershipMembers).where(eq(partnershipMembers.partnershipId, partnershipId)).all();

describe("organiser workspace", () => {
  it("point 1: 'suggest all' leaves existing partnerships alone; adding to one is a named, warned, confirmed step", async () => {
    const { db, organiser, cohort, gp, gpFree, newcomer, joiner, partnership } = await cohortWithPairs();
    const ctx = await newContext(browser);
    await loginAs(ctx, organiser.id);
    const page = await ctx.newPage();
    await page.goto(`/cohorts/${cohort.slug}/matching`);
    await expectAccessible(page);

    // Eli's nearest GP (Anne) already has a partner: the card offers a separate step, not "Sett sammen".
    expect(await page.getByRole("button", { name: `Sett sammen ${joiner.name} og ${gp.name}` }).count()).toBe(0);
    await page.getByRole("link", { name: `Legg ${joiner.name} til i samarbeidet til ${gp.name}` }).click();
    await page.waitForURL(/join=/);
    const confirm = page.getByRole("region", { name: new RegExp(`Legge ${joiner.name} til i samarbeidet`) });
    await confirm.getByText(gp.name).first().waitFor();
    await confirm.getByText("Samarbeidsavtalen gjelder nå.", { exact: false }).waitFor();
    await expectAccessible(page);
    // Cancelling changes nothing.
    await confirm.getByRole("link", { name: "Avbryt" }).click();
    await page.waitForURL((u) => !u.search.includes("join="));
    expect(members(db, partnership.id)).toHaveLength(2);

    // The proposal pairs only people without a partnership and says so per row.
    await page.getByRole("button", { name: "Lag et forslag for alle" }).click();
    await page.waitForURL(/proposal=1/);
    const table = page.getByRole("table", { name: "Forslag til par" });
    await table.getByRole("columnheader", { name: "Samarbeid fra før" }).waitFor();
    expect(await table.getByRole("row").filter({ hasText: gp.name }).count()).toBe(0);
    await table.getByRole("checkbox", { name: `Ta med ${newcomer.name} og ${gpFree.name}` }).waitFor();
    // Eli is kept out of this round by unticking the row.
    await table.getByRole("checkbox", { name: `Ta med ${joiner.name} og ${gpFree.name}` }).uncheck();
    expect(await table.getByRole("row").filter({ hasText: newcomer.name }).textContent()).toContain("Nytt samarbeid");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Lagre valgte par" }).click();
    await page.getByText("par er lagret.", { exact: false }).waitFor();
    expect(members(db, partnership.id)).toHaveLength(2);
    expect(agreementInForce(db, partnership.id)).toBe(true);

    // Now the explicit step, confirmed: Eli joins and the agreement waits for new confirmations.
    await page.goto(`/cohorts/${cohort.slug}/matching`);
    await page.getByRole("link", { name: `Legg ${joiner.name} til i samarbeidet til ${gp.name}` }).click();
    await page.getByRole("button", { name: "Ja, legg til i samarbeidet" }).click();
    await page.getByText("Personen er lagt til i samarbeidet.").waitFor();
    expect(members(db, partnership.id)).toHaveLength(3);
    expect(agreementInForce(db, partnership.id)).toBe(false);
    await ctx.close();
  }, 150_000);

  it("point 6: an organiser logs in to the organiser overview with to-dos, and every organiser page has the same menu with the current page marked", async () => {
    const { organiser, cohort } = await cohortWithPairs();
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto("/login");
    await hydrated(page);
    await page.getByLabel("E-post").fill(organiser.email);
    await page.getByLabel("Passord").fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await page.waitForURL((u) => u.pathname === "/organiser");
    const card = page.locator(`#kurs-${cohort.slug}`);
    await card.getByText("Neste kveld: kveld 3", { exact: false }).waitFor();
    await card.getByRole("link", { name: "Kveld 1: 5 deltakere uten registrert oppmøte" }).waitFor();
    await card.getByRole("link", { name: "3 deltakere uten samarbeidspartner" }).waitFor();
    await expectAccessible(page);

    const pages: [string, string][] = [
      ["Kurs og kvelder", "manage"],
      ["Deltakere", "participants"],
      ["Tildeling av samarbeidspartnere", "matching"],
      ["Oppmøte og frafall", "attendance"],
      ["Evalueringer", "surveys"],
      ["Kurstimer og kursbevis", "credits"],
      ["Meldinger til deltakerne", "messages"],
    ];
    await page.goto(`/cohorts/${cohort.slug}/manage`);
    for (const [label, path] of pages) {
      const nav = page.getByRole("navigation", { name: "Verktøy for kursansvarlig" });
      await nav.getByRole("link", { name: label, exact: true }).click();
      await page.waitForURL((u) => u.pathname === `/cohorts/${cohort.slug}/${path}`);
      const current = page.getByRole("navigation", { name: "Verktøy for kursansvarlig" }).locator('[aria-current="page"]');
      await expect.poll(() => current.textContent()).toBe(label);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain(label);
      // Deleting personal data is not in the everyday menu.
      expect(await page.getByRole("navigation", { name: "Verktøy for kursansvarlig" }).getByText("Slett personopplysninger").count()).toBe(0);
    }
    // It lives in the danger zone of "Kurs og kvelder", behind its own confirmation.
    await page.goto(`/cohorts/${cohort.slug}/manage`);
    const danger = page.getByRole("region", { name: "Faresone" });
    await danger.getByRole("link", { name: "Slett personopplysninger for kurset" }).click();
    await page.waitForURL(/personal-data/);
    await page.getByRole("heading", { level: 1, name: "Slett personopplysninger for kurset" }).waitFor();
    await ctx.close();
  }, 150_000);

  it("point 7: opening an evaluation sends an invitation, says how many get it, and shows who has not answered only on named surveys", async () => {
    const { db, organiser, cohort, gp } = await cohortWithPairs();
    const named = db
      .insert(surveys)
      .values({ cohortId: cohort.id, title: "Kveld 2 – navngitt", anonymous: false, opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 10 * DAY) })
      .returning()
      .get();
    const anon = db
      .insert(surveys)
      .values({ cohortId: cohort.id, title: "Kveld 2 – anonym", anonymous: true, opensAt: new Date(Date.now() - 3600_000), closesAt: new Date(Date.now() + 10 * DAY) })
      .returning()
      .get();
    for (const s of [named, anon]) db.insert(surveyQuestions).values({ surveyId: s.id, position: 1, kind: "text", prompt: "Hva tar du med deg?" }).run();
    const ctx = await newContext(browser);
    await loginAs(ctx, organiser.id);
    const page = await ctx.newPage();
    await page.goto(`/cohorts/${cohort.slug}/surveys/${named.id}`);
    await page.getByText("5 personer får invitasjonen på e-post.").waitFor();
    const notAnswered = page.getByRole("region", { name: "Ikke svart ennå (5)" });
    await notAnswered.getByText(gp.name).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send invitasjon" }).click();
    await page.getByText("Invitasjon sendt til 5 personer.").waitFor();
    const mail = latestEmailTo(gp.email)!;
    expect(mail.subject).toBe("Invitasjon til evaluering: Kveld 2 – navngitt");
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, gp.email)).all().filter((m) => m.subject.startsWith("Påminnelse"))).toEqual([]);

    await page.goto(`/cohorts/${cohort.slug}/surveys/${anon.id}`);
    const anonRegion = page.getByRole("region", { name: "Ikke svart ennå (5)" });
    await anonRegion.getByText("bare hvor mange", { exact: false }).waitFor();
    expect(await anonRegion.getByText(gp.name).count()).toBe(0);
    await ctx.close();
  }, 150_000);

  it("point 9: the organiser messages the GPs with a preview and count; the change log records it; a GP sees it on the dashboard", async () => {
    const { organiser, cohort, gp, gpFree, physio } = await cohortWithPairs();
    const ctx = await newContext(browser);
    await loginAs(ctx, organiser.id);
    const page = await ctx.newPage();
    await page.goto(`/cohorts/${cohort.slug}/messages`);
    await hydrated(page);
    await expectAccessible(page);
    await page.getByLabel("Mottakere").selectOption("gp");
    await page.getByLabel("Emne").fill("Husk lesestoffet");
    await page.getByRole("textbox", { name: "Melding", exact: true }).fill("Les kapittel 3 før neste kveld.");
    await page.getByRole("button", { name: "Forhåndsvis" }).click();
    const preview = page.getByRole("region", { name: "Forhåndsvisning" });
    await preview.getByText("2 personer får denne meldingen på e-post.").waitFor();
    await expectAccessible(page);
    await preview.getByRole("button", { name: "Send meldingen" }).click();
    await page.getByText("Meldingen er lagt i utboksen til 2 mottakere.").waitFor();
    expect(latestEmailTo(gp.email)!.subject).toBe(`${cohort.title}: Husk lesestoffet`);
    expect(latestEmailTo(gpFree.email)!.textBody).toContain("Les kapittel 3 før neste kveld.");
    expect(latestEmailTo(physio.email)?.subject ?? "").not.toContain("Husk lesestoffet");
    await page.getByRole("region", { name: "Sendte meldinger" }).getByText("«Husk lesestoffet» til Fastleger med plass (2)", { exact: false }).waitFor();
    await page.goto(`/cohorts/${cohort.slug}/manage`);
    await page.getByRole("cell", { name: "Melding sendt til deltakerne" }).first().waitFor();
    await ctx.close();

    const gpCtx = await newContext(browser, { phone: true });
    await loginAs(gpCtx, gp.id);
    const gpPage = await gpCtx.newPage();
    await gpPage.goto("/");
    const box = gpPage.getByRole("region", { name: "Meldinger fra arrangøren" });
    await box.getByRole("heading", { name: "Husk lesestoffet" }).waitFor();
    await box.getByText("Les kapittel 3 før neste kveld.").waitFor();
    await expectAccessible(gpPage);
    await gpCtx.close();
  }, 150_000);
});
