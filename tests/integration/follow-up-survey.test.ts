/** The six-month follow-up: made by the scheduler once per cohort, opened six months after the last evening, reminded like every evaluation. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, surveys } from "../../db/schema";
import "../../app/models/scheduler.server";
import { runDueNotifications } from "../../app/models/reminders.server";
import { createFollowUpSurvey, followUpWindow, scheduleFollowUpSurveys } from "../../app/models/surveys/follow-up.server";
import { createFinalSurvey, listQuestions } from "../../app/models/surveys/editor.server";
import { answerState } from "../../app/models/surveys/invitations.server";
import { openSurveysFor } from "../../app/models/surveys/dashboard.server";
import * as resultsRoute from "../../app/routes/cohorts.$slug.surveys.$id.results";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { osloDateTimeToInstant } from "../../app/utils/time";
import { routeArgs } from "../helpers/route-args";

const DATES = ["2027-01-14", "2027-02-11", "2027-03-11", "2027-04-15", "2027-05-20"];
const LAST_END = osloDateTimeToInstant("2027-05-20", "20:00");

async function cohortWithPeople() {
  const db = getDb();
  const organiser = await createUser(db);
  const { cohort } = createCohort(db, { organiserIds: [organiser.id], eveningDates: DATES });
  const people = [await createUser(db, { profession: "gp" }), await createUser(db, { profession: "physio" })];
  for (const p of people) register(db, cohort.id, p);
  return { db, organiser, cohort, people };
}

const followUpsOf = (cohortId: number) =>
  getDb().select().from(surveys).where(and(eq(surveys.cohortId, cohortId), eq(surveys.kind, "followup"))).all();

describe("follow-up survey six months after the last evening", () => {
  it("opens at 09.00 Oslo time six calendar months after the last evening, for 30 days", () => {
    const w = followUpWindow(LAST_END);
    expect(w.opensAt).toEqual(osloDateTimeToInstant("2027-11-20", "09:00"));
    expect(w.closesAt.getTime() - w.opensAt.getTime()).toBe(30 * 86_400_000);
    // Across the change to summer time the wall clock still says 09.00.
    expect(followUpWindow(osloDateTimeToInstant("2027-09-30", "20:00")).opensAt).toEqual(osloDateTimeToInstant("2028-03-30", "09:00"));
  });

  it("the scheduler creates it once the last evening is over, once, and reminds those who have not answered", async () => {
    const { db, cohort, people } = await cohortWithPeople();
    await runDueNotifications(new Date(LAST_END.getTime() - 60_000));
    expect(followUpsOf(cohort.id)).toEqual([]);

    await runDueNotifications(new Date(LAST_END.getTime() + 60_000));
    const [survey] = followUpsOf(cohort.id);
    expect(survey).toMatchObject({ title: "Oppfølging 6 måneder etter", anonymous: true, answeredBy: "participant", ...followUpWindow(LAST_END) });
    const questions = listQuestions(survey!.id);
    expect(questions.map((q) => q.kind)).toEqual(["single", "single", "text"]);
    expect(questions[0]!.prompt).toMatch(/fortsatt aktivt/);
    expect(questions[1]!.options).toContain("Omtrent hver måned");
    expect(questions[2]!.prompt).toMatch(/pasientflyten/);

    // Running again never makes a second one; the unique index refuses one made by hand too.
    expect(await scheduleFollowUpSurveys(new Date(LAST_END.getTime() + 86_400_000))).toBe(0);
    await expect(createFollowUpSurvey(cohort.id, followUpWindow(LAST_END))).rejects.toThrow(/UNIQUE/);
    expect(followUpsOf(cohort.id)).toHaveLength(1);

    // Not open before its day; then on the dashboard, and everyone gets an invitation like any evaluation.
    const before = new Date(survey!.opensAt.getTime() - 60_000);
    expect(answerState(survey!, people[0]!.id, before).state).toBe("notOpen");
    const open = new Date(survey!.opensAt.getTime() + 60_000);
    expect(answerState(survey!, people[0]!.id, open).state).toBe("open");
    expect(openSurveysFor(people[0]!.id, open).map((s) => s.id)).toContain(survey!.id);
    await runDueNotifications(open);
    const mails = db.select().from(emailOutbox).where(eq(emailOutbox.kind, "survey-invitation")).all();
    expect(mails.map((m) => m.toAddress).sort()).toEqual(people.map((p) => p.email).sort());
    expect(mails[0]!.textBody).toContain(`/surveys/${survey!.id}`);
  });

  it("no follow-up for a draft cohort, one whose personal data is gone, or one whose follow-up would already be closed", async () => {
    const db = getDb();
    const draft = createCohort(db, { eveningDates: DATES, status: "draft" }).cohort;
    const deleted = createCohort(db, { eveningDates: DATES, personalDataDeletedAt: new Date() }).cohort;
    const old = createCohort(db, { eveningDates: ["2024-01-11", "2024-05-16"] }).cohort;
    await scheduleFollowUpSurveys(new Date(LAST_END.getTime() + 60_000));
    for (const c of [draft, deleted, old]) expect(followUpsOf(c.id)).toEqual([]);
  });

  it("its results and the final evaluation's link to each other", async () => {
    const { db, organiser, cohort } = await cohortWithPeople();
    const final = await createFinalSurvey(cohort.id);
    const followUp = await createFollowUpSurvey(cohort.id, followUpWindow(LAST_END));
    const cookie = (await createSessionCookie(db, organiser.id)).header;
    for (const id of [final.id, followUp.id]) {
      const request = new Request(`http://localhost/cohorts/${cohort.slug}/surveys/${id}/results`, { headers: { Cookie: cookie } });
      const page = (await resultsRoute.loader(routeArgs({ request, params: { slug: cohort.slug, id: String(id) }, context: {} }))) as any;
      expect(page.related.map((r: { id: number; kind: string }) => [r.id, r.kind])).toEqual([
        [final.id, "final"],
        [followUp.id, "followup"],
      ]);
    }
  });
});
