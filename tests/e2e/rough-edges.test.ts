import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { e2eDb, expectAccessible, hydrated, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { registrations, surveyQuestions, surveys, users } from "../../db/schema";
import { createCohort, createUser, register, uniqueEmail } from "../helpers/factories";
import { instantToOslo } from "../../app/utils/time";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 86_400_000;
/** Oslo dates `n` days from now: the soonest courses, so a dashboard's short list would show them. */
const daysAhead = (...n: number[]) => n.map((d) => instantToOslo(new Date(Date.now() + d * DAY)).date);
const slug = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe("rough edges on the participant's way through", () => {
  it("CSV downloads open in columns in the page language's Excel: semicolons and a BOM in Norwegian, commas in English", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Kari Kursleder" });
    const { cohort } = createCohort(db, { slug: slug("csv"), organiserIds: [org.id] });
    register(db, cohort.id, await createUser(db, { name: "Bjørg Ærø Håland", profession: "gp" }));
    const context = await newContext(browser);
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/participants`);
    const download = async (path: string) => {
      const res = await page.request.get(path);
      expect(res.status()).toBe(200);
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.body());
    };
    for (const path of [`/cohorts/${cohort.slug}/participants.csv`, `/cohorts/${cohort.slug}/credits.csv`]) {
      const nb = await download(path);
      expect(nb.startsWith("\uFEFF"), path).toBe(true);
      const header = nb.slice(1).split("\r\n")[0] ?? nb.slice(1).split("\n")[0]!;
      expect(header.split(";").length, `${path}: ${header}`).toBeGreaterThan(2);
      expect(header).not.toContain(",");
      if (path.endsWith("participants.csv")) expect(nb).toContain("Bjørg Ærø Håland");
    }
    await page.getByRole("button", { name: "English" }).click();
    await page.locator("html[lang=en]").waitFor({ state: "attached" });
    for (const path of [`/cohorts/${cohort.slug}/participants.csv`, `/cohorts/${cohort.slug}/credits.csv`]) {
      const en = await download(path);
      const header = en.replace(/^\uFEFF/, "").split(/\r?\n/)[0]!;
      expect(header.split(",").length, `${path}: ${header}`).toBeGreaterThan(2);
      expect(header).not.toContain(";");
    }
    await context.close();
  });

  it("the dashboard's open courses leave out the ones the person is confirmed or waitlisted in", async () => {
    const db = e2eDb();
    const me = await createUser(db, { name: "Dag Dashbord", profession: "gp" });
    const confirmed = createCohort(db, { slug: slug("mitt-kurs"), eveningDates: daysAhead(1, 30) }).cohort;
    const waiting = createCohort(db, { slug: slug("min-venteliste"), eveningDates: daysAhead(1, 31) }).cohort;
    const other = createCohort(db, { slug: slug("annet-kurs"), eveningDates: daysAhead(2, 32) }).cohort;
    register(db, confirmed.id, me, "confirmed");
    register(db, waiting.id, me, "waitlisted");
    const context = await newContext(browser);
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto("/");
    const openList = page.locator('section[aria-labelledby="open-cohorts"]');
    await openList.getByText(other.title).waitFor();
    expect(await openList.getByText(confirmed.title).count()).toBe(0);
    expect(await openList.getByText(waiting.title).count()).toBe(0);
    // Still on the dashboard, in the person's own list.
    const mine = page.locator('section[aria-labelledby="my-cohorts"]');
    await mine.getByText(confirmed.title).waitFor();
    await mine.getByText(waiting.title).waitFor();
    // The signed-out front page lists them all.
    const anonymous = await (await newContext(browser)).newPage();
    await anonymous.goto("/");
    await anonymous.locator('section[aria-labelledby="open-cohorts"]').getByText(confirmed.title).waitFor();
    await context.close();
  });

  it("after answering a survey: one receipt with a link back to the dashboard; the results chart shows whole labels, wrapped", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Kari Kursleder" });
    const { cohort } = createCohort(db, { slug: slug("kvittering"), organiserIds: [org.id] });
    const me = await createUser(db, { name: "Siri Svarer", profession: "physio" });
    register(db, cohort.id, me);
    const survey = db
      .insert(surveys)
      .values({ cohortId: cohort.id, title: "Hvordan fant du kurset?", opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 7 * DAY) })
      .returning()
      .get();
    const long = "Nettsiden til Legeforeningen og Fysioterapeutforbundet";
    const question = db
      .insert(surveyQuestions)
      .values({ surveyId: survey.id, position: 1, kind: "single", prompt: "Hvor hørte du om kurset?", required: true, options: ["E-post fra kommunen", long] })
      .returning()
      .get();

    const context = await newContext(browser, { phone: true });
    await loginAs(context, me.id);
    const page = await context.newPage();
    await page.goto(`/surveys/${survey.id}`);
    await page.getByRole("radio", { name: "E-post fra kommunen" }).check();
    await page.getByRole("button", { name: "Send svaret" }).click();
    await page.getByText("Takk for svaret!").waitFor();
    await page.getByText(/Svaret ditt er registrert/).waitFor();
    // One message: no second "already answered", no toast saying thanks again.
    expect(await page.getByText("Takk for svaret!").count()).toBe(1);
    expect(await page.getByText(/Du har allerede svart/).count()).toBe(0);
    await page.getByRole("link", { name: "Tilbake til oversikten" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await context.close();

    const orgContext = await newContext(browser);
    await loginAs(orgContext, org.id);
    const chart = await orgContext.newPage();
    await chart.goto(`/cohorts/${cohort.slug}/surveys/${survey.id}/results/chart/${question.id}.svg`);
    const ticks = await chart.evaluate(() =>
      [...document.querySelectorAll(".recharts-yAxis .recharts-cartesian-axis-tick text")].map((t) => {
        const box = (t as SVGGraphicsElement).getBBox();
        return { text: [...t.querySelectorAll("tspan")].map((s) => s.textContent).join(""), lines: t.querySelectorAll("tspan").length, left: box.x, top: box.y, bottom: box.y + box.height };
      }),
    );
    // Every letter of both labels is drawn (compared without the spaces where lines break).
    expect(ticks.map((t) => t.text.replace(/\s/g, ""))).toEqual(["E-post fra kommunen", long].map((l) => l.replace(/\s/g, "")));
    expect(ticks[1]!.lines).toBeGreaterThan(1);
    const height = await chart.evaluate(() => Number(document.querySelector("svg")!.getAttribute("height")));
    for (const t of ticks) {
      // Inside the image: nothing cut at the left edge, and the lines do not run into the next row.
      expect(t.left).toBeGreaterThanOrEqual(0);
      expect(t.top).toBeGreaterThanOrEqual(0);
      expect(t.bottom).toBeLessThanOrEqual(height);
    }
    expect(ticks[0]!.bottom).toBeLessThanOrEqual(ticks[1]!.top);
    await orgContext.close();
  });

  it("sign-up from a course page: the course stays in view, the account and the place come in one step, with the next steps; being seen is a choice", async () => {
    const db = e2eDb();
    const { cohort } = createCohort(db, { slug: slug("pamelding"), title: "Knutepunkt Bodø vår", capacityGp: 1, eveningDates: ["2027-01-28", "2027-03-11"] });
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}`);
    await page.getByRole("link", { name: "Opprett konto og meld deg på" }).click();
    await page.waitForURL("**/signup?**");
    const course = page.getByTestId("signup-course");
    await course.getByRole("heading", { name: "Knutepunkt Bodø vår" }).waitFor();
    await course.getByText("Kveld 1: 28. januar 2027, 17.00–20.00").waitFor();
    await course.getByText("Kveld 2: 11. mars 2027, 17.00–20.00").waitFor();
    // Visibility: asked, with what others would see, and off until ticked.
    await page.getByRole("group", { name: "Hvem kan se deg?" }).getByText(/andre deltakere navnet ditt, yrket, praksisen, kommunen/).waitFor();
    expect(await page.getByLabel(/Vis profilen min for andre deltakere/).isChecked()).toBe(false);
    expect(await page.getByLabel("Vis meg i nettverket på tvers av kurs").isChecked()).toBe(false);
    await expectAccessible(page);

    await hydrated(page);
    const email = uniqueEmail("bodo");
    await page.getByLabel("Fullt navn").fill("Gunn Fastlege");
    // The validator is downloaded on the form's first focus: let it arrive, so leaving a field checks it.
    await page.waitForLoadState("networkidle");
    await page.getByLabel("E-post").fill(email);
    await page.getByLabel("Yrke").selectOption("gp");
    await page.getByLabel("Passord", { exact: true }).fill("et-langt-passord");
    await page.getByLabel("Gjenta passordet").fill("et-annet-passord");
    // Clicking the button straight from a field with a mistake submits (the submit shows the error): the
    // field's blur check must not move the button from under the click.
    await page.evaluate(() => {
      (window as unknown as { submits: number }).submits = 0;
      document.addEventListener("submit", () => (window as unknown as { submits: number }).submits++, true);
    });
    await page.getByRole("button", { name: "Opprett konto" }).click();
    await page.getByText("Passordene er ikke like").waitFor();
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(1);
    await page.getByLabel("Gjenta passordet").fill("et-langt-passord");
    await page.getByRole("button", { name: "Opprett konto" }).click();

    // One step: confirmed, the course and what to do next; no second "Meld meg på".
    await page.waitForURL(`**/cohorts/${cohort.slug}/register`);
    await page.getByTestId("signup-result").getByText("Du er påmeldt og har fått plass.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Knutepunkt Bodø vår" }).waitFor();
    await page.getByText("Kveld 1: 28. januar 2027, 17.00–20.00").waitFor();
    const next = page.locator('section[aria-labelledby="next-steps"]');
    await next.getByRole("link", { name: "Finn en samarbeidspartner" }).waitFor();
    await next.getByRole("link", { name: "Abonner på kurskalenderen" }).waitFor();
    expect(await page.getByRole("button", { name: "Meld meg på" }).count()).toBe(0);
    await expectAccessible(page);
    const gunn = db.select().from(users).where(eq(users.email, email)).get()!;
    expect(gunn).toMatchObject({ partnerProfileOptIn: false, directoryOptIn: false });
    expect(db.select().from(registrations).where(eq(registrations.userId, gunn.id)).get()?.status).toBe("confirmed");
    await context.close();

    // The course is full for GPs now: the next one is waitlisted in the same step, and chose to be seen.
    const second = await newContext(browser);
    const page2 = await second.newPage();
    await page2.goto(`/signup?cohort=${cohort.slug}`);
    await hydrated(page2);
    const email2 = uniqueEmail("bodo");
    await page2.getByLabel("Fullt navn").fill("Geir Venter");
    await page2.getByLabel("E-post").fill(email2);
    await page2.getByLabel("Yrke").selectOption("gp");
    await page2.getByLabel("Passord", { exact: true }).fill("et-langt-passord");
    await page2.getByLabel("Gjenta passordet").fill("et-langt-passord");
    await page2.getByLabel(/Vis profilen min for andre deltakere/).check();
    await page2.getByRole("button", { name: "Opprett konto" }).click();
    await page2.waitForURL(`**/cohorts/${cohort.slug}/register`);
    await page2.getByTestId("signup-result").getByText("Du står som nummer 1 på ventelisten").waitFor();
    await page2.getByText("Du får e-post med en gang du får plass.").waitFor();
    expect(db.select().from(users).where(eq(users.email, email2)).get()).toMatchObject({ partnerProfileOptIn: true, directoryOptIn: false });
    await second.close();
  });

  it("sign-up ignores a cohort parameter that is not a course", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const bad of ["../admin", "finnes-ikke-" + Date.now().toString(36), "<b>x</b>"]) {
      const res = await page.goto(`/signup?cohort=${encodeURIComponent(bad)}`);
      expect(res?.status()).toBe(200);
      expect(await page.getByTestId("signup-course").count()).toBe(0);
      await page.getByRole("heading", { level: 1, name: "Opprett konto" }).waitFor();
    }
    await context.close();
  });
});

