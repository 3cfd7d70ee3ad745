/**
 * Phone screenshots (390×844) for docs/screenshots/: the sign-up flow from a course page and the
 * certificate's verification page. Starts the production build (`npm run build` first) on a free port with
 * a fresh demo database, adds a finished course with a certificate, and drives Debian's Chromium.
 *
 *   npx tsx scripts/screenshots.ts
 */
import path from "node:path";
import { chromium } from "playwright-core";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/client";
import { certificates, users } from "../db/schema";
import { recordRollCall } from "../app/models/attendance.server";
import { issueCertificates } from "../app/models/certificates.server";
import { startAppServer } from "../tests/setup/e2e-server";
import { createCohort, createUser, register, uniqueEmail } from "../tests/helpers/factories";

const OUT = path.resolve("docs/screenshots");
const PHONE = { width: 390, height: 844 };

const server = await startAppServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
try {
  const db = openDatabase(server.dbPath, { runMigrations: false });

  // A finished course with a certificate for a demo GP.
  const organiser = db.select().from(users).where(eq(users.email, "kursansvarlig@knutepunkt.test")).get()!;
  const { cohort, evenings } = createCohort(db, {
    slug: "trondheim-host-2025",
    title: "Knutepunkt Trondheim høst 2025",
    organiserIds: [organiser.id],
    eveningDates: ["2025-09-04", "2025-10-02", "2025-10-30", "2025-11-27"],
  });
  const gp = await createUser(db, { name: "Ingrid Haugen", profession: "gp", municipality: "Trondheim" });
  register(db, cohort.id, gp);
  for (const evening of evenings) recordRollCall({ evening, userId: gp.id, status: "present", recordedByUserId: organiser.id }, db);
  issueCertificates(cohort.id, organiser.id, new Date(), db);
  const certificate = db.select().from(certificates).where(eq(certificates.userId, gp.id)).get()!;

  const context = await browser.newContext({ baseURL: server.baseUrl, viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "nb-NO", timezoneId: "Europe/Oslo", reducedMotion: "reduce" });
  const page = await context.newPage();
  const shot = (name: string) => page.screenshot({ path: path.join(OUT, name), fullPage: true });

  // The sign-up flow: course page → account form with the course → confirmation with the next steps.
  await page.goto("/cohorts/trondheim-2027");
  await page.evaluate(() => document.fonts.ready);
  // The long course page: the screen the sign-up link is on.
  await page.getByRole("link", { name: "Opprett konto og meld deg på" }).evaluate((a) => a.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: path.join(OUT, "signup-1-course-page.png") });
  await page.getByRole("link", { name: "Opprett konto og meld deg på" }).click();
  await page.waitForURL("**/signup?**");
  await page.waitForFunction(() => "__reactRouterDataRouter" in window);
  await page.getByLabel("Fullt navn").fill("Kari Nordmann");
  await page.getByLabel("E-post").fill(uniqueEmail("kari"));
  await page.getByLabel("Yrke").selectOption("physio");
  await page.getByLabel("Kommune").fill("Trondheim");
  await page.getByLabel("Passord", { exact: true }).fill("et-langt-passord");
  await page.getByLabel("Gjenta passordet").fill("et-langt-passord");
  await page.getByLabel(/Vis profilen min for andre deltakere/).check();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot("signup-2-account-form.png");
  await page.getByRole("button", { name: "Opprett konto" }).click();
  await page.waitForURL("**/cohorts/trondheim-2027/register");
  await page.getByTestId("signup-result").waitFor();
  await shot("signup-3-confirmation.png");

  // The certificate as anyone checking it sees it.
  await page.goto(`/verify/${certificate.verificationCode}`);
  await page.evaluate(() => document.fonts.ready);
  await shot("certificate-verify.png");
  console.info(`Screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
