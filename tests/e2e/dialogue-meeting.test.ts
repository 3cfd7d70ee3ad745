/** The dialogue-meeting format in the browser: answers grouped per table, and the summary only for those who attended. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { attendance, emailOutbox, surveyQuestions, surveys } from "../../db/schema";
import { e2eDb, expectAccessible, launchBrowser, loginAs, newContext } from "../helpers/e2e";
import { createCohort, createUser, register } from "../helpers/factories";
import { instantToOslo } from "../../app/utils/time";

let browser: Browser;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

const DAY = 86_400_000;

async function pageAs(userId: number) {
  const context = await newContext(browser);
  contexts.push(context);
  await loginAs(context, userId);
  return context.newPage();
}

describe("dialogue meeting", () => {
  it("groups the pre-meeting answers per table, and shows the published summary to an attendee but not to an absent participant", async () => {
    const db = e2eDb();
    const organiser = await createUser(db, { name: "Mona Møteleder" });
    const first = instantToOslo(new Date(Date.now() + 10 * DAY)).date;
    const slug = `dialog-e2e-${Date.now().toString(36)}`;
    const { cohort, evenings } = createCohort(db, { slug, organiserIds: [organiser.id], eveningDates: [first], capacityGp: 10, capacityPhysio: 10 });
    const attendee = await createUser(db, { name: "Anne Tilstede", profession: "gp" });
    const absent = await createUser(db, { name: "Bjørn Borte", profession: "physio" });
    for (const u of [attendee, absent]) register(db, cohort.id, u);
    const survey = db
      .insert(surveys)
      .values({ cohortId: cohort.id, title: "Før dialogmøtet", preMeeting: true, opensAt: new Date(Date.now() - DAY), closesAt: evenings[0]!.startsAt })
      .returning()
      .get();
    const table = db
      .insert(surveyQuestions)
      .values({ surveyId: survey.id, position: 1, kind: "single", prompt: "Hvilket bord sitter du ved?", options: ["Bord 1", "Bord 2"], required: true })
      .returning()
      .get();
    db.insert(surveyQuestions).values({ surveyId: survey.id, position: 2, kind: "text", prompt: "Hva vil du ta opp ved bordet?" }).run();

    // The organiser marks the table question as the grouping question.
    const org = await pageAs(organiser.id);
    await org.goto(`/cohorts/${slug}/surveys/${survey.id}`);
    await org.getByLabel("Grupper resultatene etter").selectOption(String(table.id));
    await org.getByRole("button", { name: "Lagre gruppering" }).click();
    await org.getByText("Grupperingen er lagret.").first().waitFor();
    expect(db.select().from(surveys).where(eq(surveys.id, survey.id)).get()!.groupByQuestionId).toBe(table.id);
    await expectAccessible(org);

    // Two members answer, at different tables.
    for (const [user, choice, text] of [
      [attendee, "Bord 1", "Henvisninger til fysioterapi"],
      [absent, "Bord 2", "Felles møteplasser"],
    ] as const) {
      const page = await pageAs(user.id);
      await page.goto(`/surveys/${survey.id}`);
      await page.getByRole("group", { name: /Hvilket bord/ }).getByRole("radio", { name: choice }).check();
      await page.getByLabel(/Hva vil du ta opp/).fill(text);
      await page.getByRole("button", { name: "Send svaret" }).click();
      await page.getByText("Takk for svaret!").waitFor();
    }

    await org.goto(`/cohorts/${slug}/surveys/${survey.id}/results`);
    const groups = org.getByTestId("result-group");
    await groups.first().waitFor();
    const bord1 = groups.filter({ has: org.getByRole("heading", { name: "Bord 1 (1 svar)" }) });
    const bord2 = groups.filter({ has: org.getByRole("heading", { name: "Bord 2 (1 svar)" }) });
    await bord1.getByText("Henvisninger til fysioterapi").waitFor();
    await bord2.getByText("Felles møteplasser").waitFor();
    expect(await bord1.getByText("Felles møteplasser").count()).toBe(0);
    await expectAccessible(org);

    // The meeting took place: one was there, the other not.
    db.insert(attendance).values({ eveningId: evenings[0]!.id, userId: attendee.id, status: "present", minutes: 180, source: "rollcall" }).run();
    db.insert(attendance).values({ eveningId: evenings[0]!.id, userId: absent.id, status: "absent", minutes: 0, source: "rollcall" }).run();

    await org.goto(`/cohorts/${slug}/manage`);
    await org.getByRole("navigation", { name: "Verktøy for kursansvarlig" }).getByRole("link", { name: "Oppsummering", exact: true }).click();
    await org.waitForURL((u) => u.pathname === `/cohorts/${slug}/summary`);
    await org.getByLabel("Oppsummering (Markdown)").fill("## Enighet\n\nVi møtes **to ganger i året**.");
    await org.getByRole("button", { name: "Forhåndsvis" }).click();
    await org.getByTestId("summary-preview").locator("strong", { hasText: "to ganger i året" }).waitFor();
    await expectAccessible(org);
    await org.getByRole("button", { name: "Publiser og send til deltakerne" }).click();
    await org.getByText("Oppsummeringen er publisert. 1 e-post er lagt i utboksen.").first().waitFor();

    const reader = await pageAs(attendee.id);
    await reader.goto(`/cohorts/${slug}`);
    await reader.getByTestId("cohort-summary").getByText("to ganger i året").waitFor();
    await expectAccessible(reader);

    const other = await pageAs(absent.id);
    await other.goto(`/cohorts/${slug}`);
    await other.getByRole("heading", { level: 1 }).waitFor();
    expect(await other.getByText("Oppsummering fra møtet").count()).toBe(0);
    expect(await other.content()).not.toContain("to ganger i året");

    const mails = (userId: number) =>
      db.select().from(emailOutbox).where(and(eq(emailOutbox.kind, "cohort-summary"), eq(emailOutbox.userId, userId))).all();
    expect(mails(attendee.id)).toHaveLength(1);
    expect(mails(absent.id)).toHaveLength(0);
  });
});
