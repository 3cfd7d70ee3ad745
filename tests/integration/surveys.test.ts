import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, partnerships, registrations, surveyAnswers, surveyParticipation, surveyPendingAnswers, surveyResponses, surveys } from "../../db/schema";
import { addQuestion, createEveningSurvey, createFinalSurvey, createSurvey, deleteQuestion, getSurvey, listQuestions, moveQuestion, updateQuestion } from "../../app/models/surveys/editor.server";
import { answerState } from "../../app/models/surveys/invitations.server";
import { compareEvenings, exportRows, getResults, getRespondents, TEXTS_SHOWN } from "../../app/models/surveys/results.server";
import { openSealedAnswers, submitResponse } from "../../app/models/surveys/answering.server";
import { openSurveysFor } from "../../app/models/surveys/dashboard.server";
import { nonResponders, remindOpenSurveys, sendSurveyInvitations, sendSurveyReminders } from "../../app/models/surveys/reminders.server";
import { SurveyError } from "../../app/models/surveys/rules";
import { deleteAccount } from "../../app/models/privacy.server";
import { buildAnswerSchema, fieldName, toAnswers, type AnswerQuestion } from "../../app/utils/survey-answers";
import * as resultsRoute from "../../app/routes/cohorts.$slug.surveys.$id.results";
import * as chartRoute from "../../app/routes/cohorts.$slug.surveys.$id.results_.chart.$questionId[.]svg";
import { createCohort, createPartnership, createSessionCookie, createUser, linkLearningGoals, register } from "../helpers/factories";
import type { Profession } from "../../db/schema";
import { routeArgs } from "../helpers/route-args";

const NOW = new Date("2027-02-01T12:00:00Z");
const DAY = 86_400_000;

async function cohortWithParticipants(n: number, profession: (i: number) => Profession = (i) => (i % 3 === 0 ? "gp" : "physio")) {
  const db = getDb();
  const organiser = await createUser(db, { name: "Org Anisator" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [organiser.id], capacityGp: 50, capacityPhysio: 50 });
  const people = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(db, { profession: profession(i), name: `Deltaker ${i}` });
    register(db, cohort.id, u, "confirmed");
    people.push(u);
  }
  return { db, organiser, cohort, evenings, people };
}

const openWindow = { opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + 7 * DAY) };
/** Anonymous answers stay sealed until a batch is opened; at the close the rest is (what the scheduler does). */
const openAtClose = (surveyId: number) => openSealedAnswers(surveyId, new Date(openWindow.closesAt.getTime() + 1));

/** Answers every required question; scale value and text vary by index. */
function answersFor(questions: ReturnType<typeof listQuestions>, i: number) {
  const m = new Map<number, { scaleValue?: number; choices?: string[]; text?: string }>();
  for (const q of questions) {
    if (q.kind === "scale") m.set(q.id, { scaleValue: (i % 5) + 1 });
    else if (q.kind === "single") m.set(q.id, { choices: [q.options![0]!] });
    else if (q.kind === "multi") m.set(q.id, { choices: q.options!.slice(0, 2) });
    else m.set(q.id, { text: `Svar nummer ${i}` });
  }
  return m;
}

function expectSurveyError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SurveyError);
    expect((e as SurveyError).code).toBe(code);
    return;
  }
  throw new Error(`expected SurveyError ${code}`);
}

describe("building surveys", () => {
  it("the evening template has relevance, one scale per linked learning goal, keep and change, with shared keys", async () => {
    const { db, cohort, evenings } = await cohortWithParticipants(0);
    const goals = linkLearningGoals(db, evenings[0]!.id, ["Felles forståelse av langvarige smertetilstander", "God kommunikasjon"]);
    const survey = await createEveningSurvey(cohort.id, evenings[0]!.id);
    const qs = listQuestions(survey.id);
    expect(survey.kind).toBe("evening");
    expect(survey.anonymous).toBe(true);
    expect(survey.eveningId).toBe(evenings[0]!.id);
    expect(qs.map((q) => q.kind)).toEqual(["scale", "scale", "scale", "text", "text"]);
    expect(qs.map((q) => q.sharedKey)).toEqual(["relevance", `goal-${goals[0]!.id}`, `goal-${goals[1]!.id}`, "keep", "change"]);
    expect(qs[1]!.prompt).toContain("Felles forståelse av langvarige smertetilstander");
    expect(qs[1]!.prompt).toMatch(/Hvor godt ble dette læringsmålet nådd/);
    expect(qs[0]!.scaleMinLabel).toBe("Ikke relevant");
    expect(qs[0]!.scaleMaxLabel).toBe("Svært relevant");
    expect(qs[1]!.learningGoalId).toBe(goals[0]!.id);
  });

  it("the final template asks the pair the two open questions and is answered per partnership", async () => {
    const { cohort } = await cohortWithParticipants(0);
    const survey = await createFinalSurvey(cohort.id);
    const qs = listQuestions(survey.id);
    expect(survey.answeredBy).toBe("partnership");
    expect(qs).toHaveLength(2);
    expect(qs.every((q) => q.kind === "text" && q.required)).toBe(true);
    expect(qs[0]!.prompt).toMatch(/^Hva har dere erfart/);
    expect(qs[1]!.prompt).toMatch(/kurset og deltakelsen/);
  });

  it("reorders questions, and once answered allows wording edits but refuses kind/option changes with a reason", async () => {
    const { cohort, people } = await cohortWithParticipants(1);
    const survey = createSurvey({ cohortId: cohort.id, title: "Test", ...openWindow }, [
      { kind: "single", prompt: "Farge?", options: ["Rød", "Blå"], required: true },
      { kind: "scale", prompt: "Hvor fornøyd?", scaleMinLabel: "Lite", scaleMaxLabel: "Mye" },
      { kind: "text", prompt: "Annet?" },
    ]);
    let qs = listQuestions(survey.id);
    moveQuestion({ surveyId: survey.id, questionId: qs[2]!.id }, "up");
    expect(listQuestions(survey.id).map((q) => q.prompt)).toEqual(["Farge?", "Annet?", "Hvor fornøyd?"]);
    moveQuestion({ surveyId: survey.id, questionId: qs[0]!.id }, "up"); // already first: no change
    expect(listQuestions(survey.id)[0]!.prompt).toBe("Farge?");
    expectSurveyError(() => createSurvey({ cohortId: cohort.id, title: "X", opensAt: NOW, closesAt: NOW }), "surveys.errors.closesBeforeOpens");
    expectSurveyError(() => addQuestion(survey.id, { kind: "single", prompt: "Én?", options: ["A"] }), "surveys.errors.optionsInvalid");
    // Before answers anything may change.
    updateQuestion({ surveyId: survey.id, questionId: qs[0]!.id }, { kind: "multi", prompt: "Farger?", options: ["Rød", "Blå", "Grønn"], required: true });

    qs = listQuestions(survey.id);
    submitResponse(survey.id, people[0]!, answersFor(qs, 0), NOW);
    const first = qs[0]!;
    const edited = updateQuestion({ surveyId: survey.id, questionId: first.id }, { kind: "multi", prompt: "Hvilke farger liker du?", options: ["Rød", "Blå", "Grønn"], required: true });
    expect(edited.prompt).toBe("Hvilke farger liker du?");
    expectSurveyError(() => updateQuestion({ surveyId: survey.id, questionId: first.id }, { kind: "single", prompt: "x", options: ["Rød", "Blå", "Grønn"] }), "surveys.errors.lockedKind");
    expectSurveyError(() => updateQuestion({ surveyId: survey.id, questionId: first.id }, { kind: "multi", prompt: "x", options: ["Rød", "Blå"] }), "surveys.errors.lockedOptions");
    expectSurveyError(() => deleteQuestion({ surveyId: survey.id, questionId: first.id }), "surveys.errors.lockedDeleteQuestion");
    expect(addQuestion(survey.id, { kind: "text", prompt: "Noe mer?" }).position).toBe(4);
  });
});

describe("answering", () => {
  it("a person cannot answer twice, not even with two concurrent submits", async () => {
    const { cohort, people } = await cohortWithParticipants(2);
    const survey = createSurvey({ cohortId: cohort.id, title: "Test", anonymous: true, ...openWindow }, [{ kind: "scale", prompt: "Hvor fornøyd?", required: true }]);
    const qs = listQuestions(survey.id);
    submitResponse(survey.id, people[0]!, answersFor(qs, 0), NOW);
    expectSurveyError(() => submitResponse(survey.id, people[0]!, answersFor(qs, 1), NOW), "surveys.errors.answered");

    const results = await Promise.allSettled([
      Promise.resolve().then(() => submitResponse(survey.id, people[1]!, answersFor(qs, 2), NOW)),
      Promise.resolve().then(() => submitResponse(survey.id, people[1]!, answersFor(qs, 3), NOW)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as SurveyError).code).toBe("surveys.errors.answered");
    // Even bypassing the state check, the unique index refuses a second participation row.
    expect(() =>
      getDb().insert(surveyParticipation).values({ surveyId: survey.id, userId: people[1]!.id, answeredOn: "2027-02-01" }).run(),
    ).toThrow(/UNIQUE/);
    expect(getDb().select().from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, survey.id)).all()).toHaveLength(2);
    // Fewer than a batch stay sealed even at the close (their results would stay hidden).
    expect(openAtClose(survey.id)).toBe(0);
    expect(getDb().select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id)).all()).toHaveLength(0);
  });

  it("per-partnership surveys take one answer per partnership; the other member sees who answered", async () => {
    const { db, cohort, people } = await cohortWithParticipants(3, (i) => (i === 0 ? "gp" : "physio"));
    const partnership = createPartnership(db, cohort.id, [people[0]!.id, people[1]!.id]);
    const survey = await createFinalSurvey(cohort.id, openWindow);
    const qs = listQuestions(survey.id);
    expect(answerState(survey, people[2]!.id, NOW).state).toBe("notInvited"); // not in a partnership
    expect(answerState(survey, people[0]!.id, NOW)).toEqual({ state: "open", partnershipId: partnership.id });
    submitResponse(survey.id, people[0]!, answersFor(qs, 0), NOW);
    expectSurveyError(() => submitResponse(survey.id, people[1]!, answersFor(qs, 1), NOW), "surveys.errors.answered");
    const seen = answerState(survey, people[1]!.id, NOW);
    expect(seen).toEqual({ state: "answered", answeredOn: "2027-02-01", byName: "Deltaker 0" });
    expect(getResults(survey.id)!.rate).toMatchObject({ unit: "partnership", invited: 1, answered: 1 });
  });

  it("refuses answers outside the open window", async () => {
    const { cohort, people } = await cohortWithParticipants(1);
    const survey = createSurvey({ cohortId: cohort.id, title: "Test", opensAt: new Date(NOW.getTime() + DAY), closesAt: new Date(NOW.getTime() + 2 * DAY) }, [
      { kind: "text", prompt: "Noe?" },
    ]);
    expectSurveyError(() => submitResponse(survey.id, people[0]!, new Map(), NOW), "surveys.errors.notOpen");
    expectSurveyError(() => submitResponse(survey.id, people[0]!, new Map(), new Date(NOW.getTime() + 2 * DAY)), "surveys.errors.closed");
    expect(submitResponse(survey.id, people[0]!, new Map(), new Date(NOW.getTime() + 1.5 * DAY)).ok).toBe(true);
  });

  it("refuses people who are not confirmed participants, and required answers missing on the server side", async () => {
    const { db, cohort, people } = await cohortWithParticipants(1);
    const waiting = await createUser(db, { profession: "physio" });
    register(db, cohort.id, waiting, "waitlisted");
    const survey = createSurvey({ cohortId: cohort.id, title: "Test", ...openWindow }, [{ kind: "text", prompt: "Noe?", required: true }]);
    expectSurveyError(() => submitResponse(survey.id, waiting, new Map(), NOW), "surveys.errors.notInvited");
    expectSurveyError(() => submitResponse(survey.id, people[0]!, new Map(), NOW), "surveys.errors.required");
    expectSurveyError(() => submitResponse(survey.id, people[0]!, new Map([[999999, { text: "x" }]]), NOW), "surveys.errors.unknownQuestion");
  });

  it("lists open, unanswered surveys for the dashboard", async () => {
    const { cohort, people } = await cohortWithParticipants(1);
    const survey = createSurvey({ cohortId: cohort.id, title: "Åpen nå", ...openWindow }, [{ kind: "text", prompt: "Noe?" }]);
    createSurvey({ cohortId: cohort.id, title: "Senere", opensAt: new Date(NOW.getTime() + DAY), closesAt: new Date(NOW.getTime() + 2 * DAY) });
    expect(openSurveysFor(people[0]!.id, NOW).map((s) => s.title)).toEqual(["Åpen nå"]);
    submitResponse(survey.id, people[0]!, new Map(), NOW);
    expect(openSurveysFor(people[0]!.id, NOW)).toEqual([]);
  });

  it("dashboard: partnership surveys for members of an active partnership until the partnership has answered; same verdict as answerState", async () => {
    const { db, cohort, people } = await cohortWithParticipants(6);
    const [gp, physio, withdrawn, partnerOfWithdrawn, dissolvedGp, dissolvedPhysio] = people as [typeof people[number], ...typeof people];
    createPartnership(db, cohort.id, [gp.id, physio.id]);
    createPartnership(db, cohort.id, [withdrawn.id, partnerOfWithdrawn.id]);
    const dissolved = createPartnership(db, cohort.id, [dissolvedGp!.id, dissolvedPhysio!.id]);
    db.update(partnerships).set({ dissolvedAt: NOW }).where(eq(partnerships.id, dissolved.id)).run();
    db.update(registrations).set({ status: "withdrawn" }).where(and(eq(registrations.cohortId, cohort.id), eq(registrations.userId, withdrawn!.id))).run();
    const { cohort: other } = createCohort(db);
    const mine = createSurvey({ cohortId: cohort.id, title: "Deltaker", ...openWindow, closesAt: new Date(NOW.getTime() + 2 * DAY) });
    const pair = createSurvey({ cohortId: cohort.id, title: "Samarbeid", answeredBy: "partnership", ...openWindow });
    createSurvey({ cohortId: cohort.id, title: "Lukket", opensAt: new Date(NOW.getTime() - 3 * DAY), closesAt: new Date(NOW.getTime() - DAY) });
    createSurvey({ cohortId: other.id, title: "Annet kull", ...openWindow });
    const titles = (userId: number) => openSurveysFor(userId, NOW).map((s) => s.title);
    const byAnswerState = (userId: number) =>
      db.select().from(surveys).orderBy(surveys.closesAt).all().filter((sv) => answerState(sv, userId, NOW).state === "open").map((sv) => sv.title);

    expect(titles(gp.id)).toEqual(["Deltaker", "Samarbeid"]);
    expect(titles(withdrawn!.id)).toEqual(["Samarbeid"]);
    expect(titles(dissolvedGp!.id)).toEqual(["Deltaker"]);
    submitResponse(pair.id, physio, new Map(), NOW);
    expect(titles(gp.id)).toEqual(["Deltaker"]);
    expect(titles(physio.id)).toEqual(["Deltaker"]);
    expect(titles(partnerOfWithdrawn!.id)).toEqual(["Deltaker", "Samarbeid"]);
    submitResponse(mine.id, gp, new Map(), NOW);
    expect(titles(gp.id)).toEqual([]);
    expect(openSurveysFor(physio.id, NOW)).toEqual([{ id: mine.id, title: "Deltaker", closesAt: mine.closesAt, cohortTitle: cohort.title }]);
    for (const person of people) expect(titles(person.id)).toEqual(byAnswerState(person.id));
  });
});

describe("anonymity", () => {
  it("no column or row order of any table links an anonymous answer to a person", async () => {
    const { db, cohort, people } = await cohortWithParticipants(10);
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, ...openWindow }, [
      { kind: "scale", prompt: "Skala", required: true },
      { kind: "single", prompt: "Ett valg", options: ["A", "B"], required: true },
      { kind: "text", prompt: "Fritekst", required: true },
    ]);
    const qs = listQuestions(survey.id);
    // Everyone answers at a different time of day; the text is unique per person so we can trace it.
    people.forEach((p, i) => submitResponse(survey.id, p, answersFor(qs, i), new Date(NOW.getTime() + i * 3_600_000 * 0.5)));
    // The tenth answer opened a batch of five at random; the close opens the five left.
    expect(getDb().select().from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, survey.id)).all()).toHaveLength(5);
    expect(openAtClose(survey.id)).toBe(5);

    const sqlite = db.$client;
    const columns = (table: string) => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns("survey_responses")).toEqual(["id", "survey_id", "respondent_user_id", "partnership_id", "respondent_profession", "submitted_at"]);
    expect(columns("survey_answers")).toEqual(["id", "response_id", "question_id", "scale_value", "choices", "text"]);
    expect(columns("survey_participation")).toEqual(["id", "survey_id", "user_id", "partnership_id", "answered_on"]);
    // No foreign key joins participation and responses.
    for (const [a, b] of [["survey_participation", "survey_responses"], ["survey_responses", "survey_participation"], ["survey_answers", "survey_participation"]])
      expect((sqlite.prepare(`PRAGMA foreign_key_list(${a})`).all() as { table: string }[]).map((f) => f.table)).not.toContain(b);

    // Every column of every response row: person columns are empty.
    const responses = sqlite.prepare(`SELECT * FROM survey_responses WHERE survey_id = ?`).all(survey.id) as Record<string, unknown>[];
    expect(responses).toHaveLength(10);
    for (const r of responses) {
      expect(Object.keys(r).sort()).toEqual(["id", "partnership_id", "respondent_profession", "respondent_user_id", "submitted_at", "survey_id"]);
      expect(r.respondent_user_id).toBeNull();
      expect(r.partnership_id).toBeNull();
      expect(r.respondent_profession).toBeNull();
      expect(r.submitted_at).toBeNull();
      expect(r.id as number).toBeGreaterThan(2 ** 32); // random, not a sequence
    }
    // Every column of every answer row holds only the answer itself.
    const answers = sqlite
      .prepare(`SELECT a.* FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = ?`)
      .all(survey.id) as Record<string, unknown>[];
    expect(answers).toHaveLength(30);
    const personValues = new Set<unknown>(people.flatMap((p) => [p.email, p.name]));
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(["choices", "id", "question_id", "response_id", "scale_value", "text"]);
      expect(a.id as number).toBeGreaterThan(2 ** 32);
      for (const v of Object.values(a)) expect(personValues.has(v)).toBe(false);
      expect(people.map((p) => p.id)).not.toContain(a.response_id);
    }
    // Participation: who, and only the day.
    const participation = sqlite.prepare(`SELECT * FROM survey_participation WHERE survey_id = ? ORDER BY id`).all(survey.id) as Record<string, unknown>[];
    expect(participation.map((p) => p.user_id)).toEqual(people.map((p) => p.id));
    for (const p of participation) expect(p.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const responseIds = new Set(responses.map((r) => r.id));
    const answerIds = new Set(answers.map((a) => a.id));

    // No other table anywhere in the database mentions a response or answer id.
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      if (table === "survey_responses" || table === "survey_answers") continue;
      for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
        for (const v of Object.values(row)) {
          expect(responseIds.has(v as number), `${table} mentions a response id`).toBe(false);
          expect(answerIds.has(v as number), `${table} mentions an answer id`).toBe(false);
        }
    }

    // Row order: the physical (rowid) order of responses does not follow the order people answered in.
    const rowidOrderTexts = (
      sqlite
        .prepare(`SELECT a.text FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id WHERE r.survey_id = ? AND a.text IS NOT NULL ORDER BY r.rowid`)
        .all(survey.id) as { text: string }[]
    ).map((r) => r.text);
    const answeredOrder = people.map((_, i) => `Svar nummer ${i}`);
    expect(rowidOrderTexts.slice().sort()).toEqual(answeredOrder.slice().sort());
    expect(rowidOrderTexts).not.toEqual(answeredOrder); // 1 in 10! chance of a false failure
    // The unordered SELECT (what a curious admin would run) is rowid order too: also unrelated.
    const plain = (sqlite.prepare(`SELECT id FROM survey_responses WHERE survey_id = ?`).all(survey.id) as { id: number }[]).map((r) => r.id);
    const sortedById = [...plain].sort((a, b) => a - b);
    expect(plain).toEqual(sortedById);
    // Organiser results show no respondents for anonymous surveys; exports hold no person data.
    const results = getResults(survey.id)!;
    expect(results.hidden).toBe(false);
    expect(results.respondents).toEqual([]);
    const rows = exportRows(survey.id, (k) => k)!;
    expect(rows[0]).toEqual(["Skala", "Ett valg", "Fritekst"]);
    expect(rows).toHaveLength(11);
    const flat = rows.flat();
    for (const p of people) {
      expect(flat).not.toContain(p.name);
      expect(flat).not.toContain(p.email);
    }
  });

  it("hides anonymous results under 5 answers and per-profession rates when a group is under 5", async () => {
    const { cohort, people } = await cohortWithParticipants(12, (i) => (i < 4 ? "gp" : "physio"));
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, ...openWindow }, [
      { kind: "scale", prompt: "Skala", required: true },
      { kind: "text", prompt: "Fritekst" },
    ]);
    const qs = listQuestions(survey.id);
    for (let i = 0; i < 4; i++) submitResponse(survey.id, people[i + 4]!, answersFor(qs, i), NOW);
    let res = getResults(survey.id)!;
    expect(res.hidden).toBe(true);
    expect(res.results).toEqual([]);
    expect(exportRows(survey.id, (k) => k)).toBeNull();
    expect(res.rate).toMatchObject({ invited: 12, answered: 4, perProfession: null });

    submitResponse(survey.id, people[8]!, answersFor(qs, 4), NOW);
    expect(getResults(survey.id)!.hidden).toBe(true); // five sealed: opened at ten, or at the close
    openAtClose(survey.id);
    res = getResults(survey.id)!;
    expect(res.hidden).toBe(false);
    const scale = res.results[0]!;
    expect(scale.counts.map((c) => c.count)).toEqual([1, 1, 1, 1, 1]);
    expect(scale.mean).toBe(3);
    expect(res.results[1]!.texts.slice().sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Svar nummer ${i}`));
    // Five physios answered but no GP: per-profession rates would reveal too much.
    expect(res.rate.perProfession).toBeNull();
  });

  it("non-anonymous surveys show organisers who answered what, and per-profession rates", async () => {
    const { cohort, people } = await cohortWithParticipants(3, (i) => (i === 0 ? "gp" : "physio"));
    const survey = createSurvey({ cohortId: cohort.id, title: "Åpen", anonymous: false, ...openWindow }, [{ kind: "scale", prompt: "Skala", required: true }]);
    const qs = listQuestions(survey.id);
    submitResponse(survey.id, people[0]!, answersFor(qs, 3), NOW);
    const res = getResults(survey.id)!;
    expect(res.hidden).toBe(false);
    expect(res.respondents).toHaveLength(1);
    expect(res.respondents[0]).toMatchObject({ name: "Deltaker 0", profession: "gp", answers: { [qs[0]!.id]: "4" } });
    expect(res.rate.perProfession).toEqual([
      { profession: "gp", invited: 1, answered: 1 },
      { profession: "physio", invited: 2, answered: 0 },
    ]);
    const rows = exportRows(survey.id, (k) => k)!;
    expect(rows[1]).toEqual(["Deltaker 0", people[0]!.email, "common.professions.gp", "4"]);
  });

  it("compares evenings side by side on shared questions", async () => {
    const { cohort, evenings, people } = await cohortWithParticipants(5);
    const s1 = await createEveningSurvey(cohort.id, evenings[0]!.id, { ...openWindow, anonymous: false });
    const s2 = await createEveningSurvey(cohort.id, evenings[1]!.id, { ...openWindow, anonymous: true });
    submitResponse(s1.id, people[0]!, answersFor(listQuestions(s1.id), 4), NOW); // relevance 5
    people.forEach((p, i) => submitResponse(s2.id, p, answersFor(listQuestions(s2.id), i), NOW)); // 1..5, mean 3
    openAtClose(s2.id);
    const cmp = compareEvenings(cohort.id);
    expect(cmp.columns.map((c) => c.eveningNumber)).toEqual([1, 2]);
    const relevance = cmp.rows.find((r) => r.key === "relevance")!;
    expect(relevance.cells).toEqual([{ mean: 5, n: 1 }, { mean: 3, n: 5 }]);
  });
});

describe("invitations and reminders", () => {
  const window10 = { opensAt: NOW, closesAt: new Date(NOW.getTime() + 10 * DAY) };
  const kindsTo = (u: { email: string }, surveyId: number) =>
    getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, u.email))
      .all()
      .filter((m) => m.textBody.includes(`/surveys/${surveyId}`))
      .map((m) => m.kind);

  it("the first mail is an invitation to everyone; reminders follow after 3 and 7 days, only to those who have not answered", async () => {
    const { cohort, people } = await cohortWithParticipants(3);
    const survey = createSurvey({ cohortId: cohort.id, title: "Kveld 1", anonymous: true, ...window10 }, [{ kind: "text", prompt: "Noe?" }]);
    const at = (days: number) => new Date(NOW.getTime() + days * DAY);
    await remindOpenSurveys(NOW, "https://knutepunkt.test");
    expect(people.map((p) => kindsTo(p, survey.id))).toEqual([["survey-invitation"], ["survey-invitation"], ["survey-invitation"]]);
    const invitation = getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, people[0]!.email)).get()!;
    expect(invitation.subject).toBe("Invitasjon til evaluering: Kveld 1");
    submitResponse(survey.id, people[0]!, new Map(), at(0.1));
    await remindOpenSurveys(at(2.9), "https://knutepunkt.test");
    expect(people.map((p) => kindsTo(p, survey.id).length)).toEqual([1, 1, 1]);
    await remindOpenSurveys(at(3), "https://knutepunkt.test");
    await remindOpenSurveys(at(3.5), "https://knutepunkt.test");
    expect(people.map((p) => kindsTo(p, survey.id))).toEqual([
      ["survey-invitation"],
      ["survey-invitation", "survey-reminder"],
      ["survey-invitation", "survey-reminder"],
    ]);
    expect(getDb().select().from(emailOutbox).where(and(eq(emailOutbox.toAddress, people[1]!.email), eq(emailOutbox.kind, "survey-reminder"))).get()!.subject).toBe(
      "Påminnelse: Kveld 1"
    );
    submitResponse(survey.id, people[1]!, new Map(), at(4));
    await remindOpenSurveys(at(7), "https://knutepunkt.test");
    await remindOpenSurveys(at(9), "https://knutepunkt.test");
    expect(people.map((p) => kindsTo(p, survey.id).length)).toEqual([1, 2, 3]);
  });

  it("a reminder by hand needs the invitation first and waits a day after the last mail", async () => {
    const { cohort, people } = await cohortWithParticipants(2);
    const survey = createSurvey({ cohortId: cohort.id, title: "Kveld 2", ...window10 }, [{ kind: "text", prompt: "Noe?" }]);
    await expect(sendSurveyReminders(survey.id, NOW)).rejects.toThrow("surveys.errors.notInvitedYet");
    expect(await sendSurveyInvitations(survey.id, NOW, "https://knutepunkt.test")).toBe(2);
    expect(await sendSurveyInvitations(survey.id, NOW, "https://knutepunkt.test")).toBeNull();
    submitResponse(survey.id, people[0]!, new Map(), NOW);
    expect(await sendSurveyReminders(survey.id, new Date(NOW.getTime() + DAY - 1000))).toBeNull();
    expect(await sendSurveyReminders(survey.id, new Date(NOW.getTime() + DAY), "https://knutepunkt.test")).toBe(1);
    expect(kindsTo(people[1]!, survey.id)).toEqual(["survey-invitation", "survey-reminder"]);
  });

  it("the organiser sees who has not answered on a named survey, only how many on an anonymous one", async () => {
    const { cohort, people } = await cohortWithParticipants(3);
    const named = createSurvey({ cohortId: cohort.id, title: "Navngitt", anonymous: false, ...window10 }, [{ kind: "text", prompt: "Noe?" }]);
    const anon = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, ...window10 }, [{ kind: "text", prompt: "Noe?" }]);
    for (const s of [named, anon]) submitResponse(s.id, people[0]!, new Map(), NOW);
    expect(nonResponders(getSurvey(named.id)!.survey)).toEqual({ count: 2, names: [people[1]!.name, people[2]!.name] });
    expect(nonResponders(getSurvey(anon.id)!.survey)).toEqual({ count: 2, names: null });
  });
});

describe("answer validation (field by field)", () => {
  const questions: AnswerQuestion[] = [
    { id: 1, kind: "scale", required: true, options: null },
    { id: 2, kind: "single", required: true, options: ["Ja", "Nei"] },
    { id: 3, kind: "multi", required: false, options: ["A", "B", "C"] },
    { id: 4, kind: "text", required: true, options: null },
  ];
  const schema = buildAnswerSchema(questions);
  const errorsOf = (input: Record<string, unknown>) => {
    const r = schema.safeParse(input);
    if (r.success) return {};
    return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
  };

  it("gives each invalid field its own message", () => {
    expect(errorsOf({ q1: "7", q2: "Kanskje", q3: ["A", "Z"] })).toEqual({
      q1: "surveys.errors.scaleRange",
      q2: "surveys.errors.unknownOption",
      q3: "surveys.errors.unknownOption",
      q4: "surveys.errors.required",
    });
    const ok = schema.parse({ q1: "3", q2: "Ja", q3: "B", q4: " Fint " });
    expect(toAnswers(questions, ok)).toEqual(
      new Map([
        [1, { scaleValue: 3 }],
        [2, { choices: ["Ja"] }],
        [3, { choices: ["B"] }],
        [4, { text: "Fint" }],
      ]),
    );
  });

  it("property: valid answers pass; any out-of-range scale, unknown option or missing required is refused on exactly that field", () => {
    const valid = fc.record({
      q1: fc.integer({ min: 1, max: 5 }).map(String),
      q2: fc.constantFrom("Ja", "Nei"),
      q3: fc.option(fc.subarray(["A", "B", "C"], { minLength: 1 }), { nil: undefined }),
      q4: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0),
    });
    const breakage = fc.oneof(
      fc.record({ field: fc.constant("q1"), value: fc.oneof(fc.integer().filter((n) => n < 1 || n > 5).map(String), fc.constant(undefined), fc.string().filter((s) => !/^\s*[1-5]\s*$/.test(s))) }),
      fc.record({ field: fc.constant("q2"), value: fc.oneof(fc.string().filter((s) => s !== "Ja" && s !== "Nei"), fc.constant(undefined)) }),
      fc.record({ field: fc.constant("q3"), value: fc.array(fc.string().filter((s) => !["A", "B", "C"].includes(s)), { minLength: 1, maxLength: 3 }) }),
      fc.record({ field: fc.constant("q4"), value: fc.oneof(fc.constant(undefined), fc.constantFrom("", "   "), fc.constant("x".repeat(5001))) }),
    );
    fc.assert(
      fc.property(valid, breakage, (input, broken) => {
        expect(schema.safeParse(input).success).toBe(true);
        const errors = errorsOf({ ...input, [broken.field]: broken.value });
        expect(Object.keys(errors)).toEqual([broken.field]);
        expect(errors[broken.field]).toMatch(/^surveys\.errors\./);
      }),
      { numRuns: 300 },
    );
  });

  it("the schema matches the stored questions of a survey (field names q<id>)", async () => {
    const { cohort } = await cohortWithParticipants(0);
    const survey = createSurvey({ cohortId: cohort.id, title: "Test", ...openWindow }, [{ kind: "scale", prompt: "Skala", required: true }]);
    const { questions } = getSurvey(survey.id)!;
    expect(Object.keys(buildAnswerSchema(questions).shape)).toEqual([fieldName(questions[0]!.id)]);
  });
});

describe("results page bounds (issue 7)", () => {
  for (const anonymous of [false, true]) {
    it(`${anonymous ? "anonymous" : "named"}: charts count every answer; texts are cut and respondents paged only with a view`, async () => {
      const n = 60;
      const { cohort, people } = await cohortWithParticipants(n);
      const survey = createSurvey({ cohortId: cohort.id, title: "Stor", anonymous, ...openWindow }, [
        { kind: "scale", prompt: "Skala", required: true },
        { kind: "text", prompt: "Fritekst", required: true },
      ]);
      const [scale, text] = listQuestions(survey.id);
      for (const [i, p] of people.entries())
        submitResponse(survey.id, p, new Map([[scale!.id, { scaleValue: (i % 5) + 1 }], [text!.id, { text: `Svar ${i}` }]]), new Date(NOW.getTime() + i * 1000));

      if (anonymous) openAtClose(survey.id);
      const full = getResults(survey.id)!;
      const paged = getResults(survey.id, { respondentPage: 2, respondentsPerPage: 25, textsPerQuestion: 10 })!;
      expect(paged.hidden).toBe(false);
      // Aggregates are identical and complete.
      expect(paged.results[0]!.counts).toEqual(full.results[0]!.counts);
      expect(paged.results[0]!.counts.reduce((s, c) => s + c.count, 0)).toBe(n);
      expect(paged.results[0]!.mean).toBe(full.results[0]!.mean);
      expect(paged.results[1]!.n).toBe(n);
      // Free texts: all without a view, a bounded list with one.
      expect(full.results[1]!.texts).toHaveLength(n);
      expect(paged.results[1]!.texts).toHaveLength(10);
      for (const t of paged.results[1]!.texts) expect(full.results[1]!.texts).toContain(t);
      if (anonymous) {
        // No respondent listing at any page; no count of respondents either.
        expect(getRespondents(getSurvey(survey.id)!, 2)).toMatchObject({ respondents: [], paging: { total: 0, page: 1, pages: 1 } });
        expect(paged.respondents).toEqual([]);
        expect(paged.respondentPaging).toEqual({ total: 0, page: 1, pages: 1 });
        expect(full.respondents).toEqual([]);
      } else {
        expect(paged.respondentPaging).toEqual({ total: n, page: 2, pages: 3 });
        expect(paged.respondents.map((r) => r.responseId)).toEqual(full.respondents.slice(25, 50).map((r) => r.responseId));
        expect(paged.respondents[0]!.name).toBe("Deltaker 25"); // submission order
        expect(paged.respondents[0]!.answers[text!.id]).toBe("Svar 25");
        const last = getResults(survey.id, { respondentPage: 99, respondentsPerPage: 25 })!;
        expect([last.respondentPaging.page, last.respondents.length]).toEqual([3, 10]);
        // Their own page gives the same people and answers as the paged results.
        const own = getRespondents(getSurvey(survey.id)!, 2);
        expect(own.paging).toEqual({ total: n, page: 2, pages: 3 });
        expect(own.respondents).toEqual(paged.respondents);
        expect(getRespondents(getSurvey(survey.id)!, 99).respondents).toHaveLength(10);
        // The summary page's view: the same aggregates, no respondents (they have their own page).
        const summary = getResults(survey.id, { textsPerQuestion: 10, withoutRespondents: true })!;
        expect(summary.results[0]!.counts).toEqual(full.results[0]!.counts);
        expect([summary.respondents, summary.respondentPaging]).toEqual([[], { total: 0, page: 1, pages: 1 }]);
        expect(exportRows(survey.id, (k) => k)!).toHaveLength(n + 1); // the export still has everyone
      }
    });
  }

  it("counts choices, scale values and written texts in SQL exactly as per answer", async () => {
    const { cohort, people } = await cohortWithParticipants(6);
    const survey = createSurvey({ cohortId: cohort.id, title: "Telling", anonymous: false, ...openWindow }, [
      { kind: "multi", prompt: "Farger?", options: ["Rød", "Blå", "Grønn"] },
      { kind: "scale", prompt: "Skala" },
      { kind: "text", prompt: "Fritekst" },
    ]);
    const [multi, scale, text] = listQuestions(survey.id);
    const given: [string[] | null, number | null, string | null][] = [
      [["Rød", "Blå"], 5, "Én"],
      [["Blå"], 5, ""],
      [[], 1, "To"],
      [["Grønn", "Rød"], null, null],
      [["Blå", "Rød"], 2, "Tre"],
      [null, 4, "Fire"],
    ];
    for (const [i, [choices, scaleValue, t]] of given.entries()) {
      const m = new Map<number, { scaleValue?: number; choices?: string[]; text?: string }>();
      if (choices) m.set(multi!.id, { choices });
      if (scaleValue !== null) m.set(scale!.id, { scaleValue });
      if (t !== null) m.set(text!.id, { text: t });
      submitResponse(survey.id, people[i]!, m, new Date(NOW.getTime() + i * 1000));
    }
    const res = getResults(survey.id, { respondentPage: 1, textsPerQuestion: 2 })!;
    const [m, sc, tx] = res.results;
    expect([m!.n, m!.counts]).toEqual([5, [{ label: "Rød", count: 3 }, { label: "Blå", count: 3 }, { label: "Grønn", count: 1 }]]);
    expect([sc!.n, sc!.counts.map((c) => c.count), sc!.mean]).toEqual([5, [1, 1, 0, 1, 2], 17 / 5]);
    expect(tx!.n).toBe(4); // the empty text is not counted
    expect(tx!.texts).toHaveLength(2);
    for (const t of tx!.texts) expect(["Én", "To", "Tre", "Fire"]).toContain(t);
    expect(getResults(survey.id)!.results[2]!.texts.slice().sort()).toEqual(["Én", "Fire", "To", "Tre"].sort());
    expect(res.respondents.map((r) => r.answers[multi!.id] ?? null)).toEqual(["Rød; Blå", "Blå", "", "Grønn; Rød", "Blå; Rød", null]);
  });

  it("below the anonymity threshold a view changes nothing: still hidden", async () => {
    const { cohort, people } = await cohortWithParticipants(4);
    const survey = createSurvey({ cohortId: cohort.id, title: "Liten", anonymous: true, ...openWindow }, [{ kind: "text", prompt: "Fritekst", required: true }]);
    const [text] = listQuestions(survey.id);
    for (const p of people) submitResponse(survey.id, p, new Map([[text!.id, { text: "hei" }]]), NOW);
    const res = getResults(survey.id, { respondentPage: 1, textsPerQuestion: 20 })!;
    expect([res.hidden, res.results, res.respondents]).toEqual([true, [], []]);
  });
});

describe("results follow every change", () => {
  const view = { respondentPage: 1, textsPerQuestion: TEXTS_SHOWN };
  const scaleCounts = (surveyId: number) => getResults(surveyId, view)!.results[0]!.counts.map((c) => c.count);

  it("a new answer, a deleted answer set and a deleted account all show on the next results page", async () => {
    const { db, cohort, people } = await cohortWithParticipants(8);
    const survey = createSurvey({ cohortId: cohort.id, title: "Teller", anonymous: false, ...openWindow }, [
      { kind: "scale", prompt: "Skala", required: true },
      { kind: "text", prompt: "Fritekst", required: true },
    ]);
    const qs = listQuestions(survey.id);
    for (let i = 0; i < 5; i++) submitResponse(survey.id, people[i]!, answersFor(qs, i), new Date(NOW.getTime() + i * 1000));
    expect(scaleCounts(survey.id)).toEqual([1, 1, 1, 1, 1]);

    // A new answer.
    submitResponse(survey.id, people[5]!, answersFor(qs, 9), new Date(NOW.getTime() + 9000)); // scale 5
    let res = getResults(survey.id, view)!;
    expect(res.results[0]!.counts.map((c) => c.count)).toEqual([1, 1, 1, 1, 2]);
    expect(res.results[1]!.n).toBe(6);
    expect(res.results[1]!.texts).toContain("Svar nummer 9");

    // An answer set deleted (its answers go by cascade).
    const gone = db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.respondentUserId, people[0]!.id)).get()!;
    db.delete(surveyResponses).where(eq(surveyResponses.id, gone.id)).run();
    res = getResults(survey.id, view)!;
    expect(res.results[0]!.counts.map((c) => c.count)).toEqual([0, 1, 1, 1, 2]);
    expect(res.results[1]!.texts).not.toContain("Svar nummer 0");
    expect(res.respondents.map((r) => r.name)).not.toContain("Deltaker 0");

    // A deleted account: the answers stay (detached), the person is gone from the respondent table at once.
    await deleteAccount(people[1]!.id, NOW);
    res = getResults(survey.id, view)!;
    expect(res.results[0]!.counts.map((c) => c.count)).toEqual([0, 1, 1, 1, 2]);
    expect(res.respondents.map((r) => r.name)).not.toContain("Deltaker 1");
    expect(res.respondents.map((r) => r.name)).toContain(null);
  });

  it("anonymous free texts are a new random sample on every request", async () => {
    const { cohort, people } = await cohortWithParticipants(40);
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym stor", anonymous: true, ...openWindow }, [{ kind: "text", prompt: "Fritekst", required: true }]);
    const qs = listQuestions(survey.id);
    people.forEach((p, i) => submitResponse(survey.id, p, answersFor(qs, i), NOW));
    openAtClose(survey.id);
    const samples = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const texts = getResults(survey.id, view)!.results[0]!.texts;
      expect(texts).toHaveLength(TEXTS_SHOWN);
      expect(new Set(texts).size).toBe(TEXTS_SHOWN);
      samples.add(JSON.stringify(texts));
    }
    expect(samples.size).toBe(5); // equal samples in random order: practically never
    expect(getResults(survey.id)!.results[0]!.texts.slice().sort()).toEqual(people.map((_, i) => `Svar nummer ${i}`).sort());
  });
});


describe("chart images (issue 7): the results page sends URLs, the image route the SVG", () => {
  const call = async (fn: () => Promise<unknown>) => {
    try {
      return (await fn()) as Response;
    } catch (e) {
      if (e instanceof Response) return e;
      throw e;
    }
  };
  async function request(path: string, userId: number) {
    return new Request(`http://localhost${path}`, { headers: { Cookie: (await createSessionCookie(getDb(), userId)).header } });
  }

  it("only the organiser gets a question's chart, with the page's bars; the URL's version follows the answers", async () => {
    const { db, organiser, cohort, people } = await cohortWithParticipants(8);
    const survey = createSurvey({ cohortId: cohort.id, title: "Bilder", anonymous: false, ...openWindow }, [
      { kind: "scale", prompt: "Skala", required: true, scaleMinLabel: "Ikke nyttig", scaleMaxLabel: "Svært nyttig" },
      { kind: "single", prompt: "Farge", required: true, options: ["Rød", "Blå"] },
      { kind: "text", prompt: "Fritekst", required: true },
    ]);
    const [scale, single, text] = listQuestions(survey.id);
    for (let i = 0; i < 3; i++) submitResponse(survey.id, people[i]!, answersFor(listQuestions(survey.id), i), new Date(NOW.getTime() + i * 1000));
    const base = `/cohorts/${cohort.slug}/surveys/${survey.id}/results`;
    const pageData = async () => (await resultsRoute.loader(routeArgs({ request: await request(base, organiser.id), params: { slug: cohort.slug, id: String(survey.id) }, context: {} }))) as any;
    const image = async (path: string, userId: number, params: Record<string, string> = {}) => {
      const questionId = path.match(/chart\/(\d+)\.svg/)![1]!;
      return call(async () =>
        chartRoute.loader(routeArgs({ request: await request(path, userId), params: { slug: cohort.slug, id: String(survey.id), questionId, ...params }, context: {} })),
      );
    };

    // The page: numbers and a versioned image URL per chart, no SVG in the loader data.
    const data = await pageData();
    expect(JSON.stringify(data)).not.toMatch(/<svg|recharts/);
    const [scaleChart, singleChart, textChart] = data.results.map((r: { chart: unknown }) => r.chart);
    expect(textChart).toBeNull();
    expect(scaleChart).toMatchObject({ width: 340, height: 5 * 34 + 16 });
    expect(scaleChart.data).toEqual([
      { label: "1 – Ikke nyttig", count: 1 },
      { label: "2", count: 1 },
      { label: "3", count: 1 },
      { label: "4", count: 0 },
      { label: "5 – Svært nyttig", count: 0 },
    ]);
    expect(scaleChart.src).toMatch(new RegExp(`^${base}/chart/${scale!.id}\\.svg\\?v=[\\w-]{16}$`));
    expect(singleChart.data).toEqual([
      { label: "Rød", count: 3 },
      { label: "Blå", count: 0 },
    ]);

    // The image: the organiser gets the SVG with the same bars, cached for a year at this version.
    const res = await image(scaleChart.src, organiser.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).toContain(">1 – Ikke nyttig</tspan>");
    expect(svg.match(/recharts-bar-rectangle"/g)).toHaveLength(5);
    // The count labels: three 1s and two 0s (the axis says "1 – Ikke nyttig", "2" … "5 – Svært nyttig").
    expect([svg.match(/>1<\/tspan>/g)?.length, svg.match(/>0<\/tspan>/g)?.length]).toEqual([3, 2]);
    const colours = await (await image(singleChart.src, organiser.id)).text();
    expect(colours).toContain(">Rød</tspan>");
    expect(colours).toContain(">3</tspan>");

    // Not for anyone else; not for free text, a question of another survey or an unknown question.
    const outsider = await createUser(db, { name: "Annen kursansvarlig" });
    const other = createCohort(db, { organiserIds: [outsider.id] });
    expect((await image(scaleChart.src, people[0]!.id)).status).toBe(403);
    expect((await image(scaleChart.src, outsider.id)).status).toBe(403);
    expect((await image(scaleChart.src, outsider.id, { slug: other.cohort.slug })).status).toBe(404); // their cohort, not their survey
    expect((await image(`${base}/chart/${text!.id}.svg`, organiser.id)).status).toBe(404);
    expect((await image(`${base}/chart/99999999.svg`, organiser.id)).status).toBe(404);
    const elsewhere = createSurvey({ cohortId: cohort.id, title: "Annen", anonymous: false, ...openWindow }, [{ kind: "scale", prompt: "Skala" }]);
    expect((await image(`${base}/chart/${listQuestions(elsewhere.id)[0]!.id}.svg`, organiser.id)).status).toBe(404);
    expect((await image(`/cohorts/${cohort.slug}/surveys/${elsewhere.id}/results/chart/${single!.id}.svg`, organiser.id, { id: String(elsewhere.id) })).status).toBe(404);

    // A new answer: a new version for the charts it changes; the old URL gets the new image, not cached.
    submitResponse(survey.id, people[5]!, answersFor(listQuestions(survey.id), 3), new Date(NOW.getTime() + 9000)); // scale 4
    const after = await pageData();
    expect(after.results[0].chart.src).not.toBe(scaleChart.src);
    expect(after.results[1].chart.src).not.toBe(singleChart.src); // Rød 4
    const old = await image(scaleChart.src, organiser.id);
    expect(old.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(await old.text()).toBe(await (await image(after.results[0].chart.src, organiser.id)).text());
  });

  it("no chart image while an anonymous survey's results are hidden", async () => {
    const { organiser, cohort, people } = await cohortWithParticipants(6);
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, ...openWindow }, [{ kind: "scale", prompt: "Skala", required: true }]);
    const [scale] = listQuestions(survey.id);
    const path = `/cohorts/${cohort.slug}/surveys/${survey.id}/results/chart/${scale!.id}.svg`;
    const params = { slug: cohort.slug, id: String(survey.id), questionId: String(scale!.id) };
    const status = async () => (await call(async () => chartRoute.loader(routeArgs({ request: await request(path, organiser.id), params, context: {} })))).status;
    for (let i = 0; i < 4; i++) submitResponse(survey.id, people[i]!, answersFor(listQuestions(survey.id), i), NOW);
    expect(await status()).toBe(404);
    submitResponse(survey.id, people[4]!, answersFor(listQuestions(survey.id), 4), NOW);
    openAtClose(survey.id);
    expect(await status()).toBe(200);
  });
});
