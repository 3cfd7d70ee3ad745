import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { auditLog, cohorts, eveningLearningGoals, evenings, registrations, sites, users } from "../../db/schema";
import { baseUrl, cookieFetch, e2eDb, expectAccessible, latestEmailTo, launchBrowser, loginAs, newContext, postForm } from "../helpers/e2e";
import { createCohort, createSessionCookie, createUser, register, uniqueEmail } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const slug = `e2e-kurs-${Date.now().toString(36)}`;

describe("registration in the browser", () => {
  it("an organiser creates a cohort; GPs sign up until full; a withdrawal promotes the waitlisted GP", async () => {
    const db = e2eDb();
    const organiser = db.select().from(users).where(eq(users.email, "kursansvarlig@knutepunkt.test")).get()!;

    // ── The organiser creates a cohort with five evenings and publishes it.
    const orgContext = await newContext(browser);
    await loginAs(orgContext, organiser.id);
    const org = await orgContext.newPage();
    await org.goto("/organiser");
    await expectAccessible(org);
    await org.getByRole("link", { name: "Opprett nytt kurs" }).click();
    await org.waitForURL("**/organiser/cohorts/new");
    await expectAccessible(org);
    await org.getByLabel("Tittel").fill("Knutepunkt E2E-by 2027");
    // A bad address gets a Norwegian error next to the field; what was typed stays.
    await org.getByLabel("Adresse (slug)").fill("Ugyldig adresse!");
    await org.getByRole("button", { name: "Opprett kurset" }).click();
    await org.getByText("Bruk bare små bokstaver a–z, tall og bindestrek.").first().waitFor();
    expect(await org.getByLabel("Tittel").inputValue()).toBe("Knutepunkt E2E-by 2027");
    await expectAccessible(org);
    await org.getByLabel("Adresse (slug)").fill(slug);
    await org.getByLabel("Kurssted (område)").selectOption({ label: "Trondheim" });
    await org.getByLabel("Lokale", { exact: true }).fill("Rådhussalen");
    await org.getByLabel("Beskrivelse").fill("Et kurs for fastleger og fysioterapeuter.");
    await org.getByLabel("Plasser for fastleger").fill("1");
    await org.getByLabel("Plasser for fysioterapeuter").fill("2");
    const dates = ["2027-01-07", "2027-01-28", "2027-03-11", "2027-05-06", "2027-06-10"];
    for (let i = 0; i < 5; i++) await org.getByLabel(`Dato for kveld ${i + 1}`).fill(dates[i]!);
    await org.getByRole("button", { name: "Opprett kurset" }).click();
    await org.waitForURL(`**/cohorts/${slug}/manage`);
    await org.getByText("Kurset er opprettet").waitFor();
    await expectAccessible(org);
    await org.getByRole("button", { name: "Publiser kurset" }).click();
    await org.getByText("Kurset er publisert.").waitFor();
    const cohort = db.select().from(cohorts).where(eq(cohorts.slug, slug)).get()!;
    const evs = db.select().from(evenings).where(eq(evenings.cohortId, cohort.id)).all();
    expect(evs).toHaveLength(5);
    expect(evs.find((e) => e.number === 4)!.startsAt.toISOString()).toBe("2027-05-06T15:00:00.000Z");

    // ── The public page works logged out, with Norwegian dates and places left.
    const anon = await newContext(browser, { phone: true });
    const gp1Page = await anon.newPage();
    await gp1Page.goto(`/cohorts/${slug}`);
    await expectAccessible(gp1Page);
    await gp1Page.getByText("28. januar 2027, 17.00–20.00").waitFor();
    await gp1Page.getByText("6. mai 2027, 17.00–20.00").waitFor();
    expect(await gp1Page.getByTestId("places-gp").textContent()).toContain("1 av 1 ledige");

    // ── A new GP creates an account and signs up in one flow: confirmed.
    await gp1Page.getByRole("link", { name: "Opprett konto og meld deg på" }).click();
    await gp1Page.waitForURL("**/signup?**");
    const gp1Email = uniqueEmail("fastlege");
    await gp1Page.getByLabel("Fullt navn").fill("Gunnar Fastlege");
    await gp1Page.getByLabel("E-post").fill(gp1Email);
    await gp1Page.getByLabel("Yrke").selectOption("gp");
    await gp1Page.getByLabel("Passord", { exact: true }).fill("et-langt-passord");
    await gp1Page.getByLabel("Gjenta passordet").fill("et-langt-passord");
    await gp1Page.getByRole("button", { name: "Opprett konto" }).click();
    await gp1Page.waitForURL(`**/cohorts/${slug}/register`);
    await gp1Page.getByText("Du er påmeldt og har fått plass.").waitFor();
    await expectAccessible(gp1Page);
    await gp1Page.goto(`/cohorts/${slug}`);
    expect(await gp1Page.getByTestId("my-registration").textContent()).toContain("Bekreftet plass");
    await expectAccessible(gp1Page);
    expect(latestEmailTo(gp1Email)?.subject).toBe("Du har plass på Knutepunkt E2E-by 2027");

    // ── GP places are full: the next GP is waitlisted with a position.
    const gp2 = await createUser(db, { profession: "gp", name: "Vera Venteliste" });
    const gp2Context = await newContext(browser);
    await loginAs(gp2Context, gp2.id);
    const gp2Page = await gp2Context.newPage();
    await gp2Page.goto(`/cohorts/${slug}`);
    expect(await gp2Page.getByTestId("places-gp").textContent()).toContain("Fullt – venteliste");
    expect(await gp2Page.getByTestId("places-physio").textContent()).toContain("2 av 2 ledige");
    await gp2Page.getByRole("button", { name: "Meld meg på" }).click();
    await gp2Page.getByText("Du står som nummer 1 på ventelisten").waitFor();
    expect(await gp2Page.getByTestId("my-registration").textContent()).toContain("Du er nummer 1 på ventelisten.");
    await expectAccessible(gp2Page);

    // ── Time passes: evening 1 has been held (set in the database), so the course has started.
    db.update(evenings)
      .set({ startsAt: new Date(Date.now() - 7 * 86_400_000), endsAt: new Date(Date.now() - 7 * 86_400_000 + 3 * 3_600_000) })
      .where(and(eq(evenings.cohortId, cohort.id), eq(evenings.number, 1)))
      .run();

    // ── The dashboard shows the registration and the next evening.
    await gp2Page.goto("/");
    const card = gp2Page.getByTestId("my-cohort");
    await card.getByText("Venteliste", { exact: true }).waitFor();
    expect(await card.textContent()).toContain("28. januar 2027, 17.00–20.00");
    await expectAccessible(gp2Page);

    // ── The confirmed GP withdraws (the course has started) with a reason; the waitlisted GP is promoted.
    await gp1Page.reload();
    await gp1Page.getByText("Trekk deg fra kurset").click();
    await gp1Page.getByRole("button", { name: "Trekk meg fra kurset" }).click();
    await gp1Page.getByText("Skriv hvorfor du trekker deg.").waitFor();
    await gp1Page.getByLabel("Hvorfor trekker du deg?").fill("Ny jobb i en annen kommune");
    await gp1Page.getByRole("button", { name: "Trekk meg fra kurset" }).click();
    await gp1Page.getByText("Du har trukket deg fra kurset.").waitFor();
    await expectAccessible(gp1Page);
    const promoted = db.select().from(registrations).where(and(eq(registrations.cohortId, cohort.id), eq(registrations.userId, gp2.id))).get()!;
    expect(promoted.status).toBe("confirmed");
    const mail = latestEmailTo(gp2.email)!;
    expect(mail.kind).toBe("registration-promoted");
    expect(mail.subject).toBe("Du har fått plass på Knutepunkt E2E-by 2027");
    await gp2Page.goto(`/cohorts/${slug}`);
    expect(await gp2Page.getByTestId("my-registration").textContent()).toContain("Bekreftet plass");

    // ── The organiser sees the participants, filters them and exports.
    await org.goto(`/cohorts/${slug}/participants`);
    await expectAccessible(org);
    expect(await org.getByTestId("participant-counts").textContent()).toContain("Bekreftet: 1, venteliste: 0");
    await org.getByLabel("Status").selectOption("withdrawn");
    await org.getByRole("button", { name: "Vis" }).click();
    await org.waitForURL("**status=withdrawn**");
    await org.getByRole("cell", { name: "Gunnar Fastlege" }).waitFor();
    // …moves a participant to the waiting list and back from the list; the filter stays in the URL.
    await org.goto(`/cohorts/${slug}/participants?status=confirmed`);
    await org.getByRole("button", { name: "Flytt Vera Venteliste til venteliste" }).click();
    await org.getByRole("dialog", { name: "Flytte Vera Venteliste til ventelisten?" }).getByRole("button", { name: "Bekreft flytting" }).click();
    await org.getByText("Påmeldingen er flyttet.").waitFor();
    expect(new URL(org.url()).search).toBe("?status=confirmed");
    expect(await org.getByTestId("participant-counts").textContent()).toContain("Bekreftet: 0, venteliste: 0");
    expect(db.select().from(registrations).where(eq(registrations.id, promoted.id)).get()!.status).toBe("waitlisted");
    await org.goto(`/cohorts/${slug}/participants?status=waitlisted`);
    await org.getByRole("cell", { name: "Vera Venteliste", exact: true }).waitFor();
    await org.getByRole("button", { name: "Gi plass til Vera Venteliste" }).click();
    await org.getByRole("dialog", { name: "Gi plass til Vera Venteliste?" }).getByRole("button", { name: "Bekreft flytting" }).click();
    await org.getByText("Påmeldingen er flyttet.").waitFor();
    expect(db.select().from(registrations).where(eq(registrations.id, promoted.id)).get()!.status).toBe("confirmed");
    const csv = await org.request.get(`/cohorts/${slug}/participants.csv`);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("Gunnar Fastlege");

    // ── The organiser cancels an evening with a reason; participants see it and get an e-mail.
    await org.goto(`/cohorts/${slug}/manage`);
    // ── …edits evening 2: a new start time, Markdown content (sanitised), a material link and a learning goal.
    const second = org.getByRole("region", { name: /Kveld 2/ });
    const revisionBefore = evs.find((e) => e.number === 2)!.revision;
    await second.getByLabel("Start").fill("18:00");
    await second.getByLabel("Slutt").fill("21:00");
    await second.getByLabel("Program (Markdown)").fill("## Program\n\n- Velkommen <script>alert(1)</script>");
    await second.getByLabel("Materiell").fill("Veileder | https://example.no/veileder");
    await second.getByLabel("Hva er endret").fill("Starter en time senere");
    const goal = second.getByRole("checkbox").first();
    await goal.check();
    await second.getByRole("button", { name: "Lagre kvelden" }).click();
    await org.getByText("Kvelden er lagret.").waitFor();
    const edited = db.select().from(evenings).where(and(eq(evenings.cohortId, cohort.id), eq(evenings.number, 2))).get()!;
    expect(edited.startsAt.toISOString()).toBe("2027-01-28T17:00:00.000Z");
    expect(edited.revision).toBe(revisionBefore + 1);
    // Evening 2 came with the template's two learning goals; the first one stays checked.
    expect(db.select().from(eveningLearningGoals).where(eq(eveningLearningGoals.eveningId, edited.id)).all()).toHaveLength(2);
    expect(latestEmailTo(gp2.email)!.subject).toBe("Endring: kveld 2 i Knutepunkt E2E-by 2027");
    await gp2Page.goto(`/cohorts/${slug}`);
    await gp2Page.getByText("28. januar 2027, 18.00–21.00").waitFor();
    await gp2Page.getByRole("link", { name: "Veileder" }).waitFor();
    expect(await gp2Page.locator(".markdown script").count()).toBe(0);
    await gp2Page.getByText("Endret: Starter en time senere").waitFor();

    // Cancelling sits in the danger zone and is confirmed with a box that says how many get a mail.
    const danger = org.getByRole("region", { name: "Faresone" });
    const cancel = danger.getByRole("form", { name: "Avlys kvelden" });
    const which = cancel.getByLabel("Kveld som avlyses");
    await which.selectOption((await which.locator("option", { hasText: /Kveld 3/ }).getAttribute("value"))!);
    await cancel.getByLabel("Grunn til avlysning").fill("Foreleser er syk");
    await cancel.getByRole("button", { name: "Avlys kvelden" }).click();
    await cancel.getByText("Kryss av for å bekrefte avlysningen.").waitFor();
    expect(latestEmailTo(gp2.email)!.subject).not.toMatch(/^Avlyst/);
    const confirm = cancel.getByRole("checkbox", { name: /^Ja, avlys kvelden\./ });
    const willMail = Number((await cancel.getByText(/får e-post om avlysningen/).textContent())!.match(/\d+/)![0]);
    expect(willMail).toBeGreaterThan(0);
    await confirm.check();
    await cancel.getByRole("button", { name: "Avlys kvelden" }).click();
    await org.getByText(new RegExp(`^Kvelden er avlyst\\. ${willMail} e-post(er)? er lagt i utboksen\\.$`)).waitFor();
    await expectAccessible(org);
    // The change log names who did it.
    await org.getByRole("cell", { name: "Kveld avlyst" }).waitFor();
    expect(await org.getByRole("row", { name: /Kveld avlyst/ }).textContent()).toContain(organiser.name);
    expect(latestEmailTo(gp2.email)!.subject).toBe("Avlyst: kveld 3 i Knutepunkt E2E-by 2027");
    await gp2Page.goto(`/cohorts/${slug}`);
    await gp2Page.getByText("Kvelden er avlyst: Foreleser er syk").waitFor();
    await expectAccessible(gp2Page);
    await Promise.all([orgContext.close(), anon.close(), gp2Context.close()]);
  }, 150_000);
});

describe("finding a course", () => {
  it("the front page shows the soonest courses and links to /courses, which pages through all of them and filters by place", async () => {
    const db = e2eDb();
    // A place of its own with 21 courses (other test files add courses to the same database meanwhile).
    const tag = Date.now().toString(36);
    const site = db.insert(sites).values({ name: `E2E-sted ${tag}`, slug: `e2e-sted-${tag}` }).returning().get();
    const made = Array.from({ length: 21 }, (_, i) =>
      createCohort(db, { siteId: site.id, title: `E2E-sted ${tag} kurs ${String(i + 1).padStart(2, "0")}`, eveningDates: [`2098-${String(Math.floor(i / 9) + 1).padStart(2, "0")}-${String((i % 9) * 3 + 1).padStart(2, "0")}`] }),
    );

    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto("/");
    const open = page.getByRole("region", { name: "Kurs du kan melde deg på" });
    expect(await open.getByRole("listitem").count()).toBe(6);
    const seeAll = open.getByRole("link", { name: /^Se alle kurs \(\d+\)$/ });
    const total = Number((await seeAll.textContent())!.match(/\((\d+)\)/)![1]);
    expect(total).toBeGreaterThanOrEqual(22);
    await seeAll.click();
    await page.waitForURL("**/courses");
    await page.getByRole("heading", { level: 1, name: "Kurs du kan melde deg på" }).waitFor();
    expect(await page.title()).toBe("Kurs du kan melde deg på – Knutepunkt");
    expect(await page.getByTestId("course-cards").getByRole("listitem").count()).toBe(20);
    await expectAccessible(page);

    // One place: 21 courses, soonest first, 20 on the first page and the last on the second.
    await page.getByLabel("Sted", { exact: true }).selectOption({ label: `E2E-sted ${tag} (21)` });
    await page.getByRole("button", { name: "Vis" }).click();
    await page.waitForURL(`**/courses?site=${site.slug}`);
    await page.getByText("21 kurs", { exact: true }).waitFor();
    const cards = page.getByTestId("course-cards").getByRole("heading");
    expect(await cards.allTextContents()).toEqual(made.slice(0, 20).map((m) => m.cohort.title));
    expect(await page.getByTestId("course-cards").getByRole("listitem").first().textContent()).toContain("Første kveld 1. januar 2098");
    await page.getByRole("link", { name: "Neste" }).click();
    await page.waitForURL(`**/courses?site=${site.slug}&page=2`);
    await page.getByText("Side 2 av 2").waitFor();
    expect(await cards.allTextContents()).toEqual([made[20]!.cohort.title]);
    await expectAccessible(page);
    await page.getByRole("link", { name: new RegExp(made[20]!.cohort.title) }).click();
    await page.waitForURL(`**/cohorts/${made[20]!.cohort.slug}`);

    // A page past the end shows the last one; a place with nothing open says so and links back.
    await page.goto(`/courses?site=${site.slug}&page=40`);
    await page.getByText("Side 2 av 2").waitFor();
    await page.goto("/courses?site=finnes-ikke");
    await page.getByText("Det er ingen kurs med åpen påmelding på dette stedet nå.").waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Se kurs på alle steder" }).click();
    await page.waitForURL(/\/courses$/);
    await context.close();
  });
});

describe("registration permissions over HTTP", () => {
  it("a participant cannot see a participant list or edit a cohort; an organiser of A cannot edit B", async () => {
    const db = e2eDb();
    const organiserA = await createUser(db, { profession: "gp", email: uniqueEmail("orgA") });
    const participant = await createUser(db, { profession: "physio", email: uniqueEmail("deltaker") });
    const { cohort: a } = createCohort(db, { organiserIds: [organiserA.id], slug: `perm-a-${Date.now().toString(36)}` });
    const { cohort: b } = createCohort(db, { slug: `perm-b-${Date.now().toString(36)}` });
    register(db, a.id, participant, "confirmed");

    const asParticipant = cookieFetch((await createSessionCookie(db, participant.id)).header);
    for (const path of [`/cohorts/${a.slug}/participants`, `/cohorts/${a.slug}/participants.csv`, `/cohorts/${a.slug}/participants.xlsx`, `/cohorts/${a.slug}/manage`, "/organiser", "/organiser/cohorts/new"]) {
      expect((await asParticipant(path)).status, path).toBe(403);
    }
    expect((await postForm(asParticipant, `/cohorts/${a.slug}/manage`, { intent: "addOrganiser", email: participant.email })).status).toBe(403);

    const asOrganiserA = cookieFetch((await createSessionCookie(db, organiserA.id)).header);
    expect((await asOrganiserA(`/cohorts/${a.slug}/manage`)).status).toBe(200);
    expect((await asOrganiserA(`/cohorts/${a.slug}/participants.csv`)).status).toBe(200);
    expect((await asOrganiserA(`/cohorts/${b.slug}/manage`)).status).toBe(403);
    expect((await asOrganiserA(`/cohorts/${b.slug}/participants`)).status).toBe(403);
    const bEvening = db.select().from(evenings).where(eq(evenings.cohortId, b.id)).get()!;
    // Neither B's own page nor A's page with B's evening id lets A change B.
    expect((await postForm(asOrganiserA, `/cohorts/${b.slug}/manage`, { intent: "cancelEvening", eveningId: String(bEvening.id), reason: "x", confirm: "on" })).status).toBe(403);
    expect((await postForm(asOrganiserA, `/cohorts/${a.slug}/manage`, { intent: "cancelEvening", eveningId: String(bEvening.id), reason: "x", confirm: "on" })).status).toBe(404);
    expect(db.select().from(evenings).where(eq(evenings.id, bEvening.id)).get()!.status).toBe("scheduled");

    // Moving between lists: refused for a participant, done and audited for the organiser.
    const reg = db.select().from(registrations).where(and(eq(registrations.cohortId, a.id), eq(registrations.userId, participant.id))).get()!;
    expect((await postForm(asParticipant, `/cohorts/${a.slug}/participants`, { move: `${reg.id}:waitlisted` })).status).toBe(403);
    expect((await postForm(asOrganiserA, `/cohorts/${b.slug}/participants`, { move: `${reg.id}:waitlisted` })).status).toBe(403);
    // The table is one form: each row's button names the registration and the list it moves to.
    expect((await postForm(asOrganiserA, `/cohorts/${a.slug}/participants`, { move: `${reg.id}:cancelled` })).status).toBe(400);
    expect((await postForm(asOrganiserA, `/cohorts/${a.slug}/participants`, { move: `${reg.id}` })).status).toBe(400);
    expect(db.select().from(registrations).where(eq(registrations.id, reg.id)).get()!.status).toBe("confirmed");
    // Unconfirmed, a move only leads to the confirmation.
    const ask = await postForm(asOrganiserA, `/cohorts/${a.slug}/participants`, { move: `${reg.id}:waitlisted` });
    expect(ask.headers.get("location")).toContain(`confirm=${reg.id}%3Awaitlisted`);
    expect(db.select().from(registrations).where(eq(registrations.id, reg.id)).get()!.status).toBe("confirmed");
    expect((await postForm(asOrganiserA, `/cohorts/${a.slug}/participants`, { move: `${reg.id}:waitlisted`, confirmed: "yes" })).status).toBe(302);
    expect(db.select().from(registrations).where(eq(registrations.id, reg.id)).get()!.status).toBe("waitlisted");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.cohortId, a.id), eq(auditLog.action, "registration.moved"))).get()!;
    expect(audit.actorUserId).toBe(organiserA.id);

    // Logged out: the public page works, organiser pages send to log-in.
    const anon = cookieFetch();
    expect((await anon(`/cohorts/${a.slug}`)).status).toBe(200);
    expect((await anon(`/cohorts/${a.slug}/manage`)).headers.get("location")).toContain("/login?redirectTo=");
  });
});
