/**
 * Child records addressed by id from a URL are written only through their owner: an evening through its
 * cohort, a question through its survey. A write naming the wrong owner changes nothing, and the route
 * answers 404 even for the organiser of both.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, evenings, surveyQuestions } from "../../db/schema";
import { setEveningCancelled, updateEvening } from "../../app/models/cohorts/admin.server";
import { NotFoundError } from "../../app/models/errors";
import { createSurvey, deleteQuestion, deleteSurvey, getSurvey, listQuestions, moveQuestion, updateQuestion, updateSurvey } from "../../app/models/surveys/editor.server";
import * as manageRoute from "../../app/routes/cohorts.$slug.manage";
import * as surveyRoute from "../../app/routes/cohorts.$slug.surveys.$id._index";
import { createCohort, createSessionCookie, createUser } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const eveningInput = {
  date: "2027-05-06",
  startTime: "17:00",
  endTime: "20:00",
  venue: "Et annet sted",
  theme: "Flyttet",
  content: "",
  selfStudyTask: "",
  materials: [],
  learningGoalIds: [],
};

async function post(path: string, userId: number, fields: Record<string, string>) {
  const cookie = (await createSessionCookie(getDb(), userId)).header;
  return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(fields) });
}

async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("owner-scoped writes", () => {
  it("an evening of cohort A cannot be edited or cancelled through cohort B", async () => {
    const db = getDb();
    const organiser = await createUser(db);
    // Evening 1 can move to 6 May: the next evening is later.
    const a = createCohort(db, { organiserIds: [organiser.id], slug: "cohort-a", eveningDates: ["2027-01-28", "2027-09-16"] });
    const b = createCohort(db, { organiserIds: [organiser.id], slug: "cohort-b" });
    const target = a.evenings[0]!;
    const before = db.select().from(evenings).where(eq(evenings.id, target.id)).get()!;

    await expect(updateEvening({ cohortId: b.cohort.id, eveningId: target.id }, eveningInput, organiser.id)).rejects.toThrow(NotFoundError);
    await expect(setEveningCancelled({ cohortId: b.cohort.id, eveningId: target.id }, true, "Nei", organiser.id)).rejects.toThrow(NotFoundError);
    const status = await statusOf(async () =>
      manageRoute.action(
        routeArgs({
        request: await post(`/cohorts/${b.cohort.slug}/manage`, organiser.id, { intent: "cancelEvening", eveningId: String(target.id), reason: "Nei", confirm: "on" }),
        params: { slug: b.cohort.slug },
        context: {},
      }),
      ),
    );
    expect(status).toBe(404);

    expect(db.select().from(evenings).where(eq(evenings.id, target.id)).get()).toEqual(before);
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, target.id)).all()).toEqual([]);

    // Through its own cohort the same write goes through.
    const moved = await updateEvening({ cohortId: a.cohort.id, eveningId: target.id }, eveningInput, organiser.id);
    expect(moved.venue).toBe("Et annet sted");
  });

  it("a question of survey A cannot be edited, moved or deleted through survey B", async () => {
    const db = getDb();
    const organiser = await createUser(db);
    const { cohort } = createCohort(db, { organiserIds: [organiser.id], slug: "cohort-q" });
    const window = { opensAt: new Date("2027-02-01T12:00:00Z"), closesAt: new Date("2027-02-10T12:00:00Z") };
    const surveyA = createSurvey({ cohortId: cohort.id, title: "A", ...window }, [
      { kind: "text", prompt: "Første?" },
      { kind: "text", prompt: "Andre?" },
    ]);
    const surveyB = createSurvey({ cohortId: cohort.id, title: "B", ...window }, [{ kind: "text", prompt: "B?" }]);
    const [first, second] = listQuestions(surveyA.id);
    const wrong = { surveyId: surveyB.id, questionId: second!.id };

    expect(() => updateQuestion(wrong, { kind: "text", prompt: "Kapret?" })).toThrow(NotFoundError);
    expect(() => moveQuestion(wrong, "up")).toThrow(NotFoundError);
    expect(() => deleteQuestion(wrong)).toThrow(NotFoundError);
    const status = await statusOf(async () =>
      surveyRoute.action(
        routeArgs({
        request: await post(`/cohorts/${cohort.slug}/surveys/${surveyB.id}`, organiser.id, { intent: "delete-question", questionId: String(second!.id) }),
        params: { slug: cohort.slug, id: String(surveyB.id) },
        context: {},
      }),
      ),
    );
    expect(status).toBe(404);

    const rows = db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyA.id)).all();
    expect(rows.map((q) => [q.id, q.prompt, q.position])).toEqual([
      [first!.id, "Første?", 1],
      [second!.id, "Andre?", 2],
    ]);

    // Through its own survey the same write goes through.
    deleteQuestion({ surveyId: surveyA.id, questionId: second!.id });
    expect(listQuestions(surveyA.id).map((q) => q.id)).toEqual([first!.id]);
  });

  it("a survey of cohort A cannot be edited or deleted through cohort B", async () => {
    const db = getDb();
    const organiser = await createUser(db);
    const a = createCohort(db, { organiserIds: [organiser.id], slug: "survey-a" });
    const b = createCohort(db, { organiserIds: [organiser.id], slug: "survey-b" });
    const window = { opensAt: new Date("2027-02-01T12:00:00Z"), closesAt: new Date("2027-02-10T12:00:00Z") };
    const survey = createSurvey({ cohortId: a.cohort.id, title: "A", ...window }, [{ kind: "text", prompt: "Noe?" }]);
    const wrong = { cohortId: b.cohort.id, surveyId: survey.id };

    expect(() => updateSurvey(wrong, { title: "Kapret", closesAt: new Date("2027-02-02T12:00:00Z") })).toThrow(NotFoundError);
    expect(() => deleteSurvey(wrong)).toThrow(NotFoundError);
    expect(getSurvey(survey.id)!.survey).toEqual(survey);

    updateSurvey({ cohortId: a.cohort.id, surveyId: survey.id }, { title: "Ny tittel" });
    expect(getSurvey(survey.id)!.survey.title).toBe("Ny tittel");
  });
});
