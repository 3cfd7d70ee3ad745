import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { attendance, certificates, evenings as eveningsTable } from "../../db/schema";
import { recordRollCall } from "../../app/models/attendance.server";
import { baseUrl, e2eDb, expectAccessible, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register } from "../helpers/factories";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PAST = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"];
const slug = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe("attendance in the browser", () => {
  it("an organiser takes roll call on a phone", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Ragnhild Oppropsen" });
    const { cohort, evenings } = createCohort(db, { slug: slug("opprop"), organiserIds: [org.id], eveningDates: PAST });
    const a = await createUser(db, { name: "Øystein Ærlig", profession: "gp" });
    const b = await createUser(db, { name: "Åshild Delvis", profession: "physio" });
    const c = await createUser(db, { name: "Cecilie Borte", profession: "physio" });
    for (const u of [a, b, c]) register(db, cohort.id, u);

    const context = await newContext(browser, { phone: true });
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/evenings/1/attendance`);
    await page.getByRole("heading", { level: 1, name: "Opprop – kveld 1" }).waitFor();
    await page.getByText("Ikke registrert 3").waitFor();
    await expectAccessible(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const rowA = page.getByRole("group", { name: "Oppmøte for Øystein Ærlig" });
    await rowA.getByRole("button", { name: "Til stede", exact: true }).tap();
    await page.getByText("Til stede 1 ·").waitFor();
    await expect.poll(() => rowA.getByRole("button", { name: "Til stede", exact: true }).getAttribute("aria-pressed")).toBe("true");
    // The save is confirmed on the row, and read out once by the page's one live region.
    await page.getByRole("listitem").filter({ has: rowA }).getByText("Lagret", { exact: true }).waitFor();
    expect(await page.locator("[aria-live=polite]").filter({ hasText: "Lagret: Øystein Ærlig – Til stede" }).count()).toBe(1);
    // The chosen status looks chosen (primary) and the others do not.
    const background = (name: string) =>
      rowA.getByRole("button", { name, exact: true }).evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(await background("Til stede")).not.toBe(await background("Delvis"));
    expect(await background("Delvis")).toBe(await background("Fravær"));

    // Search narrows the list, then partly present with minutes.
    await page.getByLabel("Søk etter navn").fill("åshild");
    await expect.poll(() => page.getByRole("group", { name: /Oppmøte for/ }).count()).toBe(1);
    await page.getByRole("group", { name: "Oppmøte for Åshild Delvis" }).getByRole("button", { name: "Delvis", exact: true }).tap();
    await page.getByLabel("Minutter til stede").fill("120");
    await page.getByRole("button", { name: "Lagre minutter" }).tap();
    await expect
      .poll(() => db.select().from(attendance).where(and(eq(attendance.userId, b.id), eq(attendance.eveningId, evenings[0]!.id))).get()?.minutes)
      .toBe(120);
    await page.getByLabel("Søk etter navn").fill("");
    await page.getByRole("group", { name: "Oppmøte for Cecilie Borte" }).getByRole("button", { name: "Fravær", exact: true }).tap();
    await page.getByText("Til stede 1 · Delvis 1 · Fravær 1 · Gyldig fravær 0 · Ikke registrert 0").waitFor();
    await expectAccessible(page);

    // A dropped connection: the failed save is shown on the row and retried until it lands.
    let dropped = 0;
    await page.route("**/*attendance.data*", async (route) => {
      if (route.request().method() === "POST" && dropped === 0) {
        dropped++;
        return route.abort("internetdisconnected");
      }
      return route.fallback();
    });
    const rowC = page.getByRole("group", { name: "Oppmøte for Cecilie Borte" });
    await rowC.getByRole("button", { name: "Gyldig fravær" }).tap();
    await page.getByText("Ikke lagret. Prøver igjen …").waitFor();
    expect(await rowC.getByRole("button", { name: "Gyldig fravær" }).getAttribute("aria-pressed")).toBe("true");
    await expectAccessible(page);
    await expect
      .poll(() => db.select().from(attendance).where(and(eq(attendance.userId, c.id), eq(attendance.eveningId, evenings[0]!.id))).get()?.status, { timeout: 10_000 })
      .toBe("excused");
    await page.getByText("Ikke lagret. Prøver igjen …").waitFor({ state: "detached" });
    expect(dropped).toBe(1);
    const rows = db.select().from(attendance).where(eq(attendance.eveningId, evenings[0]!.id)).all();
    expect(rows.map((r) => [r.userId, r.status, r.source]).sort()).toEqual(
      [
        [a.id, "present", "rollcall"],
        [b.id, "partial", "rollcall"],
        [c.id, "excused", "rollcall"],
      ].sort(),
    );

    // A participant cannot open the roll call.
    await context.close();
    const participant = await newContext(browser);
    await loginAs(participant, a.id);
    expect((await participant.request.get(`${baseUrl()}/cohorts/${cohort.slug}/evenings/1/attendance`)).status()).toBe(403);
    await participant.close();
  });

  it("a participant checks in with the code shown during an evening that is happening now", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Ingrid Innsjekk" });
    const { cohort, evenings } = createCohort(db, { slug: slug("innsjekk"), organiserIds: [org.id], eveningDates: ["2025-01-09", "2025-02-06"] });
    const now = Date.now();
    db.update(eveningsTable)
      .set({ startsAt: new Date(now - 10 * 60_000), endsAt: new Date(now + 170 * 60_000) })
      .where(eq(eveningsTable.id, evenings[1]!.id))
      .run();
    const p = await createUser(db, { name: "Pål Påmeldt", profession: "physio" });
    const stranger = await createUser(db, { name: "Frida Fremmed", profession: "gp" });
    register(db, cohort.id, p);

    const orgContext = await newContext(browser);
    await loginAs(orgContext, org.id);
    const screen = await orgContext.newPage();
    await screen.goto(`/cohorts/${cohort.slug}/evenings/2/checkin-screen`);
    await expectAccessible(screen);
    const code = (await screen.getByTestId("checkin-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await screen.locator("svg").first().getAttribute("viewBox")).toBeTruthy();
    // Evening 1 (past) gets its own, different code.
    await screen.goto(`/cohorts/${cohort.slug}/evenings/1/checkin-screen`);
    const oldCode = (await screen.getByTestId("checkin-code").textContent())!.trim();
    expect(oldCode).not.toBe(code);
    await orgContext.close();

    const context = await newContext(browser, { phone: true });
    await loginAs(context, p.id);
    const page = await context.newPage();
    await page.goto("/checkin");
    await expectAccessible(page);
    await page.getByLabel("Kode").fill(oldCode);
    await page.getByRole("button", { name: "Sjekk inn" }).click();
    await page.getByText("Denne koden gjelder kveld 1, men nå pågår kveld 2.").waitFor();
    await expectAccessible(page);
    await page.getByLabel("Kode").fill(code.toLowerCase());
    await page.getByRole("button", { name: "Sjekk inn" }).click();
    await page.getByText("Du er sjekket inn på kveld 2").waitFor();
    await expectAccessible(page);
    // Scanning the QR code (the link) and checking in again is harmless.
    await page.goto(`/checkin?code=${code}`);
    await page.getByRole("button", { name: "Sjekk inn" }).click();
    await page.getByText("Du var allerede registrert på kveld 2").waitFor();
    const rows = db.select().from(attendance).where(and(eq(attendance.userId, p.id), eq(attendance.eveningId, evenings[1]!.id))).all();
    expect(rows).toMatchObject([{ status: "present", source: "checkin" }]);
    await context.close();

    const other = await newContext(browser);
    await loginAs(other, stranger.id);
    const op = await other.newPage();
    await op.goto("/checkin");
    await op.getByLabel("Kode").fill(code);
    await op.getByRole("button", { name: "Sjekk inn" }).click();
    await op.getByText("Du er ikke bekreftet deltaker på dette kurset").waitFor();
    await other.close();
  });

  it("after five evenings the organiser issues certificates; the participant downloads the PDF; /verify confirms it", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Kåre Kursansvarlig" });
    const { cohort, evenings } = createCohort(db, { slug: slug("bevis"), organiserIds: [org.id], eveningDates: PAST });
    const good = await createUser(db, { name: "Bjørg Ærø Håland", profession: "gp", hprNumber: "1234567" });
    const weak = await createUser(db, { name: "Sverre Sjelden", profession: "physio" });
    register(db, cohort.id, good);
    register(db, cohort.id, weak);
    for (const e of evenings) recordRollCall({ evening: e, userId: good.id, status: "present", recordedByUserId: org.id }, db);
    for (const e of evenings.slice(0, 2)) recordRollCall({ evening: e, userId: weak.id, status: "present", recordedByUserId: org.id }, db);

    const orgContext = await newContext(browser);
    await loginAs(orgContext, org.id);
    const op = await orgContext.newPage();
    await op.goto(`/cohorts/${cohort.slug}/credits`);
    await expectAccessible(op);
    await op.getByText("Oppmøte 40 % er under kravet på 80 %").waitFor();
    await op.getByRole("button", { name: "Utsted kursbevis" }).click();
    await op.getByText("1 kursbevis er utstedt.").waitFor();
    await expectAccessible(op);
    const csv = await op.request.get(`/cohorts/${cohort.slug}/credits.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("Bjørg Ærø Håland");
    await orgContext.close();

    const cert = db.select().from(certificates).where(eq(certificates.userId, good.id)).get()!;
    expect(cert.hours).toBe(20);

    const context = await newContext(browser);
    await loginAs(context, good.id);
    const page = await context.newPage();
    await page.goto("/");
    await expectAccessible(page);
    const link = page.getByRole("link", { name: /Last ned kursbevis/ });
    const href = (await link.getAttribute("href"))!;
    expect(href).toBe(`/certificates/${cert.id}.pdf`);
    const pdf = await page.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // Someone else cannot download it.
    const stranger = await createUser(db, { name: "Nysgjerrig Nils" });
    const other = await newContext(browser);
    await loginAs(other, stranger.id);
    expect((await other.request.get(`${baseUrl()}${href}`)).status()).toBe(404);
    await other.close();

    await page.goto(`/verify/${cert.verificationCode}`);
    await page.getByText("Kursbeviset er gyldig").waitFor();
    await page.getByText("Bjørg Ærø Håland").waitFor();
    await expectAccessible(page);
    const missing = await page.goto(`/verify/${"b".repeat(32)}`);
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { name: "Fant ikke kursbeviset" }).waitFor();
    await expectAccessible(page);
    await context.close();

    // The organiser revokes it: /verify now says revoked; reissuing gives a new valid code.
    const orgAgain = await newContext(browser);
    await loginAs(orgAgain, org.id);
    const op2 = await orgAgain.newPage();
    await op2.goto(`/cohorts/${cohort.slug}/credits`);
    await op2.getByLabel("Årsak til tilbaketrekking").fill("Feil navn");
    await op2.getByRole("button", { name: "Trekk tilbake" }).click();
    await op2.getByText("Kursbeviset er trukket tilbake.").waitFor();
    await expectAccessible(op2);
    await op2.goto(`/verify/${cert.verificationCode}`);
    await op2.getByText("Kursbeviset er trukket tilbake").waitFor();
    await op2.goto(`/cohorts/${cohort.slug}/credits`);
    await op2.getByRole("button", { name: "Utsted på nytt" }).click();
    await op2.getByText("Et nytt kursbevis er utstedt.").waitFor();
    const fresh = db.select().from(certificates).where(eq(certificates.userId, good.id)).all().find((x) => x.revokedAt == null)!;
    expect(fresh.verificationCode).not.toBe(cert.verificationCode);
    await op2.goto(`/verify/${fresh.verificationCode}`);
    await op2.getByText("Kursbeviset er gyldig").waitFor();
    await orgAgain.close();
  });

  it("the at-risk list shows someone who missed two evenings in a row", async () => {
    const db = e2eDb();
    const org = await createUser(db, { name: "Frode Frafall" });
    const { cohort, evenings } = createCohort(db, { slug: slug("frafall"), organiserIds: [org.id], eveningDates: [...PAST.slice(0, 3), "2099-01-01", "2099-02-01"] });
    const steady = await createUser(db, { name: "Stine Stødig", profession: "gp" });
    const risky = await createUser(db, { name: "Håkon Hullete", profession: "physio" });
    register(db, cohort.id, steady);
    register(db, cohort.id, risky);
    for (const e of evenings.slice(0, 3)) recordRollCall({ evening: e, userId: steady.id, status: "present", recordedByUserId: org.id }, db);
    recordRollCall({ evening: evenings[0]!, userId: risky.id, status: "present", recordedByUserId: org.id }, db);

    const context = await newContext(browser, { phone: true });
    await loginAs(context, org.id);
    const page = await context.newPage();
    await page.goto(`/cohorts/${cohort.slug}/attendance`);
    const table = page.getByTestId("at-risk");
    await table.getByText("Håkon Hullete").waitFor();
    expect(await table.getByText("Stine Stødig").count()).toBe(0);
    // The chart is an image drawn on the server (/attendance.svg): started, 3 past evenings, finished.
    const chart = page.locator("figure.bar-chart img");
    expect(await chart.getAttribute("alt")).toBe("Søylediagram: 2 startet, 2 fullførte.: Startet 2, Kveld 1 2, Kveld 2 1, Kveld 3 1, Fullført 2");
    const src = (await chart.getAttribute("src"))!;
    expect(src).toMatch(new RegExp(`^/cohorts/${cohort.slug}/attendance\\.svg\\?v=[\\w-]{16}$`));
    await chart.scrollIntoViewIfNeeded();
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(340);
    const image = await context.request.get(src);
    expect([image.status(), image.headers()["content-type"], image.headers()["cache-control"]]).toEqual([200, "image/svg+xml; charset=utf-8", "private, max-age=31536000, immutable"]);
    const svg = await image.text();
    expect(svg.match(/recharts-bar-rectangle"/g)).toHaveLength(5);
    expect(svg).toContain(">Kveld 3</tspan>");
    await expectAccessible(page);
    await context.close();
  });
});
