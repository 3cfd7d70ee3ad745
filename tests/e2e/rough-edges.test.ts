import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eDb, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { surveyQuestions, surveys } from "../../db/schema";
import { createCohort, createUser, register } from "../helpers/factories";
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
      expect(nb).toContain("Bjørg Ærø Håland");
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
        return { text: [...t.querySelectorAll("tspan")].map((s) => s.textContent).join(" "), lines: t.querySelectorAll("tspan").length, left: box.x, top: box.y, bottom: box.y + box.height };
      }),
    );
    expect(ticks.map((t) => t.text)).toEqual(["E-post fra kommunen", long]);
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
});
