import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { courseTemplates, surveyParticipation, surveyPendingAnswers, surveyResponses, surveys } from "../../db/schema";
import { cookieFetch, e2eDb, expectAccessible, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createPartnership, createSessionCookie, createUser, linkLearningGoals, register } from "../helpers/factories";
import { instantToOslo } from "../../app/utils/time";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY = 86_400_000;

async function setWindowOpenNow(page: Page) {
  const yesterday = instantToOslo(new Date(Date.now() - DAY));
  const nextWeek = instantToOslo(new Date(Date.now() + 7 * DAY));
  await page.getByLabel("Åpner (dato)").fill(yesterday.date);
  await page.getByLabel("Åpner (klokkeslett)").fill("08:00");
  await page.getByLabel("Stenger (dato)").fill(nextWeek.date);
  await page.getByLabel("Stenger (klokkeslett)").fill("20:00");
  await page.getByRole("button", { name: "Lagre innstillingene" }).click();
  await page.getByText("Lagret.").first().waitFor();
}

async function answerEvening(page: Page, surveyId: number, i: number) {
  await page.goto(`/surveys/${surveyId}`);
  await page.getByRole("group", { name: /Hvor relevant var kvelden/ }).getByRole("radio", { name: new RegExp(`^${(i % 5) + 1}`) }).check();
  await page.getByRole("group", { name: /Felles forståelse/ }).getByRole("radio", { name: new RegExp(`^${((i + 2) % 5) + 1}`) }).check();
  await page.getByLabel(/Hva bør vi beholde/).fill(`Behold gruppearbeidet ${i}`);
  await page.getByRole("button", { name: "Send svaret" }).click();
  await page.getByText("Takk for svaret!").waitFor();
}

describe("evaluation surveys in the browser", () => {
  it("organiser builds an evening survey from the template; participants answer; anonymous answers open in a batch of at least five, then results and CSV appear", async () => {
    const db = e2eDb();
    const organiser = await createUser(db, { name: "Kari Kursansvarlig" });
    const template = db.insert(courseTemplates).values({ title: "Knutepunkt e2e-mal" }).returning().get();
    const slug = `surveys-e2e-${Date.now().toString(36)}`;
    const { cohort, evenings } = createCohort(db, { slug, templateId: template.id, organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10 });
    linkLearningGoals(db, evenings[0]!.id, ["Felles forståelse av langvarige smerte- og symptomtilstander"]);
    const people = [];
    for (let i = 0; i < 6; i++) {
      const u = await createUser(db, { name: `Deltaker E${i}`, profession: i < 2 ? "gp" : "physio" });
      register(db, cohort.id, u, "confirmed");
      people.push(u);
    }

    // Organiser: list → create from the evening template → builder.
    const orgContext = await newContext(browser);
    await loginAs(orgContext, organiser.id);
    const org = await orgContext.newPage();
    await org.goto(`/cohorts/${slug}/surveys`);
    await expectAccessible(org);
    await org.getByLabel("Mal").selectOption("evening");
    await org.getByLabel("Kveld", { exact: true }).selectOption(String(evenings[0]!.id));
    await org.getByRole("button", { name: "Opprett evaluering" }).click();
    await org.getByText("Evalueringen er opprettet.").waitFor();
    await expectAccessible(org);
    const surveyId = Number(org.url().match(/surveys\/(\d+)/)![1]);
    const survey = db.select().from(surveys).where(eq(surveys.id, surveyId)).get()!;
    expect(survey.kind).toBe("evening");
    expect(survey.anonymous).toBe(true);
    await expect.poll(() => org.getByLabel(/Spørsmålstekst/).first().inputValue()).toBe("Hvor relevant var kvelden for din praksis?");
    await setWindowOpenNow(org);
    // Preview shows the questions as the participants will see them.
    await org.getByText("Forhåndsvisning").click();
    await org.getByRole("group", { name: /Hvor godt ble dette læringsmålet nådd/ }).first().waitFor();
    await expectAccessible(org);

    // Participant 0 on a phone: a draft survives a reload, then the answer is sent once.
    const phoneContext = await newContext(browser, { phone: true });
    await loginAs(phoneContext, people[0]!.id);
    const phone = await phoneContext.newPage();
    await phone.goto("/");
    await phone.getByRole("link", { name: /Svar på «Evaluering av kveld 1/ }).click();
    await phone.waitForURL(`**/surveys/${surveyId}`);
    await expectAccessible(phone);
    await phone.getByLabel(/Hva bør vi endre/).fill("Mer tid til kasusdiskusjon");
    await phone.getByRole("group", { name: /Hvor relevant var kvelden/ }).getByRole("radio", { name: "4" }).check();
    // Submitting with required answers missing shows the message at the field.
    await phone.getByRole("button", { name: "Send svaret" }).click();
    await phone.getByText("Dette spørsmålet må besvares").first().waitFor();
    await phone.reload();
    await phone.getByText("Vi har hentet fram utkastet ditt.").waitFor();
    expect(await phone.getByLabel(/Hva bør vi endre/).inputValue()).toBe("Mer tid til kasusdiskusjon");
    expect(await phone.getByRole("group", { name: /Hvor relevant var kvelden/ }).getByRole("radio", { name: "4" }).isChecked()).toBe(true);
    // The anonymous draft never reached the server.
    expect(db.select().from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).all()).toHaveLength(0);
    await phone.getByRole("group", { name: /Felles forståelse/ }).getByRole("radio", { name: /^5/ }).check();
    await phone.getByRole("button", { name: "Send svaret" }).click();
    await phone.getByText("Takk for svaret!").waitFor();
    await phone.getByText(/Svaret ditt er registrert/).waitFor();
    await expectAccessible(phone);
    expect(await phone.evaluate((key) => window.localStorage.getItem(key), `kp-survey-draft:${surveyId}:${people[0]!.id}`)).toBeNull();
    await phoneContext.close();

    // Three more answer on a desktop: results still hidden with four answers.
    for (let i = 1; i <= 3; i++) {
      const ctx = await newContext(browser);
      await loginAs(ctx, people[i]!.id);
      await answerEvening(await ctx.newPage(), surveyId, i);
      await ctx.close();
    }
    await org.goto(`/cohorts/${slug}/surveys/${surveyId}/results`);
    await org.getByText(/Resultatene vises når minst 5 har svart/).waitFor();
    expect(await org.locator("figure.bar-chart").count()).toBe(0);
    await expectAccessible(org);

    const fifth = await newContext(browser);
    await loginAs(fifth, people[4]!.id);
    await answerEvening(await fifth.newPage(), surveyId, 4);
    await fifth.close();

    // Five answers, still sealed: anonymous answers are opened together (ten waiting, or the close), so the
    // organiser is told how many wait and when they open (docs/decisions/015).
    await org.goto(`/cohorts/${slug}/surveys/${surveyId}/results`);
    await org.getByText(/5 anonyme svar er ennå ikke åpnet/).waitFor();
    expect(await org.locator("figure.bar-chart").count()).toBe(0);
    await expectAccessible(org);
    const { closesAt } = db.select({ closesAt: surveys.closesAt }).from(surveys).where(eq(surveys.id, surveyId)).get()!;
    // The survey closes: the results page opens the five as one batch.
    db.update(surveys).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(surveys.id, surveyId)).run();

    // Five answers: charts are images drawn on the server. The document carries each chart's URL once and
    // its SVG neither in the HTML nor in the loader data (issue 7: it used to carry it twice).
    const organiserCookie = await createSessionCookie(db, organiser.id);
    const organiserFetch = cookieFetch(organiserCookie.header);
    const resultsPath = `/cohorts/${slug}/surveys/${surveyId}/results`;
    const html = await (await organiserFetch(resultsPath)).text();
    expect(html).not.toMatch(/<svg|recharts/);
    const srcs = [...html.matchAll(/<figure[^>]*class="bar-chart"[^>]*><img src="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(src).toMatch(new RegExp(`^${resultsPath}/chart/\\d+\\.svg\\?v=[\\w-]{16}$`));
    // Anonymous: no link to answers per person, and that page names no one.
    expect(html).not.toContain("/results/respondents");
    const perPerson = await (await organiserFetch(`${resultsPath}/respondents`)).text();
    expect(perPerson).toContain("Undersøkelsen er anonym");
    for (const p of people) expect(perPerson).not.toContain(p.name);
    const relevanceImage = await organiserFetch(srcs[0]!);
    expect(relevanceImage.status).toBe(200);
    expect(relevanceImage.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(relevanceImage.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const relevanceSvg = await relevanceImage.text();
    expect(relevanceSvg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(relevanceSvg).toContain(">1 – Ikke relevant</tspan>");
    expect(relevanceSvg.match(/recharts-bar-rectangle"/g)).toHaveLength(5);
    expect(relevanceSvg).toContain(">2</tspan>"); // two answered 4
    // Unchanged: 304 on revalidation.
    expect((await organiserFetch(srcs[0]!, { headers: { "If-None-Match": relevanceImage.headers.get("etag")! } })).status).toBe(304);
    // Only organisers: a participant is refused, a visitor sent to log in.
    expect((await cookieFetch((await createSessionCookie(db, people[5]!.id)).header)(srcs[0]!)).status).toBe(403);
    const anonymousImage = await cookieFetch()(srcs[0]!);
    expect([anonymousImage.status, anonymousImage.headers.get("location")?.startsWith("/login")]).toEqual([302, true]);
    await org.reload();
    await org.getByText("Svarprosent: 5 av 6 (83 %)").waitFor();
    const charts = org.locator("figure.bar-chart");
    expect(await charts.count()).toBe(2);
    // Relevance answers 4,2,3,4,5 → one 2, one 3, two 4s, one 5; mean 3.6.
    const relevanceTitle = await charts.first().locator("img").getAttribute("alt");
    expect(relevanceTitle).toContain("1 – Ikke relevant 0, 2 1, 3 1, 4 2, 5 – Svært relevant 1");
    // The browser shows the image at its size (the SVG is a document an <img> can show).
    await charts.first().scrollIntoViewIfNeeded();
    await expect.poll(() => charts.first().locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(340);
    await org.getByText("5 svar · Snitt 3,6").waitFor();
    // The two free-text questions have four answers and one: in an anonymous survey neither is shown.
    await expect.poll(() => org.getByText("Færre enn 5 svar på dette spørsmålet – vises ikke for å verne anonymiteten").count()).toBe(2);
    expect(await org.getByText("Behold gruppearbeidet 3").count()).toBe(0);
    expect(await org.getByText("Mer tid til kasusdiskusjon").count()).toBe(0);
    await expectAccessible(org);

    // CSV export holds the answers and no person data.
    const csvRes = await cookieFetch(organiserCookie.header)(`/cohorts/${slug}/surveys/${surveyId}/results.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    const csv = await csvRes.text();
    expect(csv).toContain("Hvor relevant var kvelden for din praksis?");
    // …except the answers to questions with fewer than five answers.
    expect(csv).not.toContain("Mer tid til kasusdiskusjon");
    for (let i = 1; i <= 4; i++) expect(csv).not.toContain(`Behold gruppearbeidet ${i}`);
    expect(csv).toContain("Færre enn 5 svar på dette spørsmålet");
    expect(csv.trim().split("\n")).toHaveLength(6);
    for (const p of people) {
      expect(csv).not.toContain(p.name);
      expect(csv).not.toContain(p.email);
    }
    const xlsx = await cookieFetch(organiserCookie.header)(`/cohorts/${slug}/surveys/${surveyId}/results.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");
    // A participant cannot see results.
    const participantCookie = await createSessionCookie(db, people[5]!.id);
    expect((await cookieFetch(participantCookie.header)(`/cohorts/${slug}/surveys/${surveyId}/results`)).status).toBe(403);

    // Open again for the rest of the walk-through.
    // The scheduler sent the invitation when it opened, two days ago.
    db.update(surveys).set({ closesAt, invitedAt: new Date(Date.now() - 2 * 24 * 3600_000) }).where(eq(surveys.id, surveyId)).run();
    // Reminder button: only the one who has not answered gets an e-mail.
    await org.goto(`/cohorts/${slug}/surveys/${surveyId}`);
    await org.getByRole("button", { name: "Send påminnelse til dem som ikke har svart" }).click();
    await org.getByText("Påminnelse sendt til 1 person.").waitFor();

    // A sixth answer while fewer than five wait stays sealed: the charts do not change.
    const sixth = await newContext(browser);
    await loginAs(sixth, people[5]!.id);
    await answerEvening(await sixth.newPage(), surveyId, 5);
    await sixth.close();
    const after = await (await organiserFetch(resultsPath)).text();
    const newSrcs = [...after.matchAll(/<figure[^>]*class="bar-chart"[^>]*><img src="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
    expect(newSrcs).toEqual(srcs);
    expect(after).toMatch(/1 anonymt svar er ennå ikke åpnet/);

    // Builder after answers: wording may change, the kind may not (with the reason), and reordering works.
    await org.getByText(/Du kan endre ordlyden, men ikke type eller svaralternativer/).waitFor();
    await org.getByLabel("Type").first().selectOption("text");
    await org.getByRole("button", { name: "Lagre spørsmålet" }).first().click();
    await org.getByText(/Type kan ikke endres, for da ville de gamle svarene ikke passe/).waitFor();
    await expectAccessible(org);
    await org.goto(`/cohorts/${slug}/surveys/${surveyId}`);
    await org.getByLabel(/Spørsmålstekst/).first().fill("Hvor relevant var kvelden for arbeidet ditt?");
    await org.getByRole("button", { name: "Lagre spørsmålet" }).first().click();
    await org.getByText("Lagret.").first().waitFor();
    await expect.poll(() => org.getByLabel(/Spørsmålstekst/).first().inputValue()).toBe("Hvor relevant var kvelden for arbeidet ditt?");
    await org.getByRole("button", { name: "Flytt ned (Spørsmål 1)" }).click();
    await expect.poll(() => org.getByLabel(/Spørsmålstekst/).first().inputValue()).toMatch(/^Hvor godt ble dette læringsmålet nådd/);
    await expect.poll(() => org.getByLabel(/Spørsmålstekst/).nth(1).inputValue()).toBe("Hvor relevant var kvelden for arbeidet ditt?");
    await orgContext.close();
  }, 150_000);

  it("a partnership answers the final evaluation once; the partner sees who answered", async () => {
    const db = e2eDb();
    const organiser = await createUser(db, { name: "Ola Organisator" });
    const slug = `surveys-final-${Date.now().toString(36)}`;
    const { cohort } = createCohort(db, { slug, organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10 });
    const gp = await createUser(db, { name: "Gro Fastlege", profession: "gp" });
    const physio = await createUser(db, { name: "Per Fysio", profession: "physio" });
    for (const u of [gp, physio]) register(db, cohort.id, u, "confirmed");
    const partnership = createPartnership(db, cohort.id, [gp.id, physio.id]);

    const orgContext = await newContext(browser);
    await loginAs(orgContext, organiser.id);
    const org = await orgContext.newPage();
    await org.goto(`/cohorts/${slug}/surveys`);
    await org.getByLabel("Mal").selectOption("final");
    await org.getByLabel("Anonym (ingen kan knytte svar til en person)").uncheck();
    await org.getByRole("button", { name: "Opprett evaluering" }).click();
    await org.getByText("Evalueringen er opprettet.").waitFor();
    const surveyId = Number(org.url().match(/surveys\/(\d+)/)![1]);
    await setWindowOpenNow(org);
    await expectAccessible(org);

    const gpContext = await newContext(browser);
    await loginAs(gpContext, gp.id);
    const gpPage = await gpContext.newPage();
    await gpPage.goto(`/surveys/${surveyId}`);
    await gpPage.getByText("Dere svarer én gang for hele samarbeidsparet").waitFor();
    await expectAccessible(gpPage);
    await gpPage.getByLabel(/Hva har dere erfart/).fill("Vi ringer hverandre oftere, og dialogmeldinger går raskere.");
    await gpPage.getByLabel(/Hvilken betydning har kurset/).fill("Vi kjenner hverandres praksis.");
    await gpPage.getByRole("button", { name: "Send svaret" }).click();
    await gpPage.getByText("Takk for svaret!").waitFor();
    await gpContext.close();

    const physioContext = await newContext(browser, { phone: true });
    await loginAs(physioContext, physio.id);
    const physioPage = await physioContext.newPage();
    await physioPage.goto(`/surveys/${surveyId}`);
    await physioPage.getByText(/Gro Fastlege har svart for samarbeidsparet deres/).waitFor();
    expect(await physioPage.getByRole("button", { name: "Send svaret" }).count()).toBe(0);
    await expectAccessible(physioPage);
    await physioContext.close();

    // A second answer posted directly is refused with a clear message.
    const physioCookie = await createSessionCookie(db, physio.id);
    const questions = (await import("../../db/schema")).surveyQuestions;
    const qs = db.select().from(questions).where(eq(questions.surveyId, surveyId)).all();
    const form = new URLSearchParams(qs.map((q) => [`q${q.id}`, "Et svar til"]));
    const res = await cookieFetch(physioCookie.header)(`/surveys/${surveyId}`, { method: "POST", body: form });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("allerede svart");
    expect(db.select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, surveyId)).all()).toEqual([
      expect.objectContaining({ partnershipId: partnership.id, userId: null }),
    ]);

    // Not anonymous: the organiser sees who answered what.
    await org.goto(`/cohorts/${slug}/surveys/${surveyId}/results`);
    await org.getByText("Svarprosent: 1 av 1 samarbeidspar (100 %)").waitFor();
    await org.getByText("Vi kjenner hverandres praksis.").first().waitFor();
    await expectAccessible(org);
    // Who answered what is a page of its own, linked from the summary.
    expect(await org.getByRole("cell", { name: /Gro Fastlege/ }).count()).toBe(0);
    await org.getByRole("link", { name: "Se hvem som svarte hva (1 svar)" }).click();
    await org.waitForURL(`**/cohorts/${slug}/surveys/${surveyId}/results/respondents`);
    await org.getByRole("cell", { name: /Gro Fastlege/ }).waitFor();
    await org.getByRole("cell", { name: "Vi kjenner hverandres praksis." }).first().waitFor();
    await expectAccessible(org);
    await orgContext.close();
  }, 150_000);

  it("over HTTP: invalid answers are refused field by field, a closed survey refuses answers, and organiser pages are guarded", async () => {
    const db = e2eDb();
    const { surveyQuestions } = await import("../../db/schema");
    const organiser = await createUser(db, { name: "Siri Sjef" });
    const slug = `surveys-http-${Date.now().toString(36)}`;
    const { cohort } = createCohort(db, { slug, organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10 });
    const person = await createUser(db, { name: "Hans Http", profession: "physio" });
    register(db, cohort.id, person, "confirmed");
    const makeSurvey = (opensAt: Date, closesAt: Date) => {
      const survey = db.insert(surveys).values({ cohortId: cohort.id, title: "HTTP-test", anonymous: true, opensAt, closesAt }).returning().get();
      const qs = [
        db.insert(surveyQuestions).values({ surveyId: survey.id, position: 1, kind: "scale", prompt: "Skala", required: true }).returning().get(),
        db.insert(surveyQuestions).values({ surveyId: survey.id, position: 2, kind: "single", prompt: "Valg", required: true, options: ["Ja", "Nei"] }).returning().get(),
        db.insert(surveyQuestions).values({ surveyId: survey.id, position: 3, kind: "text", prompt: "Fritekst", required: true }).returning().get(),
      ];
      return { survey, qs };
    };
    const open = makeSurvey(new Date(Date.now() - DAY), new Date(Date.now() + DAY));
    const fetchAs = cookieFetch((await createSessionCookie(db, person.id)).header);
    const res = await fetchAs(`/surveys/${open.survey.id}`, {
      method: "POST",
      body: new URLSearchParams([[`q${open.qs[0]!.id}`, "9"], [`q${open.qs[1]!.id}`, "Kanskje"]]),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Velg en verdi fra 1 til 5");
    expect(html).toContain("Velg blant svaralternativene");
    expect(html).toContain("Dette spørsmålet må besvares");
    expect(db.select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, open.survey.id)).all()).toEqual([]);

    // Two submits at the same moment: exactly one is stored, the other is told it was already answered.
    const validBody = () => new URLSearchParams([[`q${open.qs[0]!.id}`, "4"], [`q${open.qs[1]!.id}`, "Ja"], [`q${open.qs[2]!.id}`, "Samtidig"]]);
    const [a, b] = await Promise.all([
      fetchAs(`/surveys/${open.survey.id}`, { method: "POST", body: validBody() }),
      fetchAs(`/surveys/${open.survey.id}`, { method: "POST", body: validBody() }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    expect(await (a.status === 409 ? a : b).text()).toContain("Et svar kan bare sendes én gang");
    expect(db.select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, open.survey.id)).all()).toHaveLength(1);
    // The anonymous answer is stored sealed until a batch opens (docs/decisions/015).
    expect(db.select().from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, open.survey.id)).all()).toHaveLength(1);

    const closed = makeSurvey(new Date(Date.now() - 3 * DAY), new Date(Date.now() - DAY));
    const page = await (await fetchAs(`/surveys/${closed.survey.id}`)).text();
    expect(page).toContain("Det er ikke lenger mulig å svare");
    const post = await fetchAs(`/surveys/${closed.survey.id}`, {
      method: "POST",
      body: new URLSearchParams([[`q${closed.qs[0]!.id}`, "3"], [`q${closed.qs[1]!.id}`, "Ja"], [`q${closed.qs[2]!.id}`, "For sent"]]),
    });
    expect(post.status).toBe(409);
    expect(await post.text()).toContain("Evalueringen er stengt");

    expect((await fetchAs(`/cohorts/${slug}/surveys`)).status).toBe(403);
    expect((await fetchAs(`/cohorts/${slug}/surveys/${open.survey.id}`)).status).toBe(403);
    expect((await fetchAs(`/cohorts/${slug}/surveys/${open.survey.id}/results.csv`)).status).toBe(403);
    // Under five answers an anonymous export is refused even for the organiser.
    const orgFetch = cookieFetch((await createSessionCookie(db, organiser.id)).header);
    expect((await orgFetch(`/cohorts/${slug}/surveys/${open.survey.id}/results.csv`)).status).toBe(403);
    expect((await orgFetch(`/cohorts/${slug}/surveys/${open.survey.id}/results`)).status).toBe(200);
  });
});
