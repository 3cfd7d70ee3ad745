/** Building surveys: creating, editing and ordering questions, and the evening and final templates. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import {
  eveningLearningGoals,
  evenings,
  learningGoals,
  surveyParticipation,
  surveyQuestions,
  surveyResponses,
  surveys,
} from "../../../db/schema";
import { NotFoundError } from "../errors";
import { getFixedT } from "../../i18next.server";
import { preMeetingClosesAt } from "./pre-meeting.server";
import { DAY, QuestionInput, Survey, SurveyError, SurveyInput, checkWindow, normaliseQuestion } from "./rules";

export function createSurvey(input: SurveyInput, questions: QuestionInput[] = []): Survey {
  if (!input.preMeeting) checkWindow(input.opensAt, input.closesAt);
  const db = getDb();
  const prepared = questions.map(normaliseQuestion);
  return db.transaction(
    (tx) => {
      const closesAt = input.preMeeting ? preMeetingClosesAt(tx, input.cohortId) : input.closesAt;
      checkWindow(input.opensAt, closesAt);
      if (input.eveningId) {
        const evening = tx.select().from(evenings).where(eq(evenings.id, input.eveningId)).get();
        if (!evening || evening.cohortId !== input.cohortId) throw new SurveyError("surveys.errors.eveningNotInCohort");
      }
      const survey = tx
        .insert(surveys)
        .values({
          cohortId: input.cohortId,
          eveningId: input.eveningId ?? null,
          title: input.title.trim(),
          intro: input.intro?.trim() ?? "",
          kind: input.kind ?? "custom",
          answeredBy: input.answeredBy ?? "participant",
          anonymous: input.anonymous ?? false,
          opensAt: input.opensAt,
          closesAt,
          preMeeting: input.preMeeting ?? false,
          createdByUserId: input.createdByUserId ?? null,
        })
        .returning()
        .get();
      prepared.forEach((q, i) =>
        tx
          .insert(surveyQuestions)
          .values({ ...q, surveyId: survey.id, position: i + 1 })
          .run()
      );
      return survey;
    },
    { behavior: "immediate" }
  );
}

// Read on every survey page and on the results page (built once, see db/prepared.ts).
const surveyById = preparedQuery((db) =>
  db
    .select()
    .from(surveys)
    .where(eq(surveys.id, sql.placeholder("id")))
    .prepare()
);
const questionsOf = preparedQuery((db) =>
  db
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, sql.placeholder("surveyId")))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id))
    .prepare()
);

export function getSurvey(id: number) {
  const survey = surveyById().get({ id });
  if (!survey) return null;
  return { survey, questions: listQuestions(id) };
}

export function listQuestions(surveyId: number) {
  return questionsOf().all({ surveyId });
}

export function hasAnswers(surveyId: number): boolean {
  const db = getDb();
  return (
    !!db
      .select({ id: surveyParticipation.id })
      .from(surveyParticipation)
      .where(eq(surveyParticipation.surveyId, surveyId))
      .limit(1)
      .get() || !!db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).limit(1).get()
  );
}

export function listCohortSurveys(cohortId: number) {
  const db = getDb();
  const rows = db
    .select({ survey: surveys, eveningNumber: evenings.number })
    .from(surveys)
    .leftJoin(evenings, eq(evenings.id, surveys.eveningId))
    .where(eq(surveys.cohortId, cohortId))
    .orderBy(asc(surveys.opensAt), asc(surveys.id))
    .limit(200)
    .all();
  return rows.map((r) => ({
    ...r.survey,
    eveningNumber: r.eveningNumber,
    answered: countParticipation(r.survey.id),
  }));
}

export function countParticipation(surveyId: number) {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(surveyParticipation)
      .where(eq(surveyParticipation.surveyId, surveyId))
      .get()?.n ?? 0
  );
}

/** Title, intro and window can always change; who answers and anonymity only before the first answer. */
/** A survey as an organiser page addresses it: through its cohort. A survey of another cohort is not found. */
export type SurveyRef = { cohortId: number; surveyId: number };
const inCohort = ({ cohortId, surveyId }: SurveyRef) => and(eq(surveys.id, surveyId), eq(surveys.cohortId, cohortId));

export function updateSurvey(
  ref: SurveyRef,
  changes: Partial<Pick<Survey, "title" | "intro" | "opensAt" | "closesAt" | "answeredBy" | "anonymous" | "eveningId" | "preMeeting">>
) {
  const db = getDb();
  return db.transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(inCohort(ref)).get();
      if (!survey) throw new NotFoundError("survey");
      const answered = hasAnswers(ref.surveyId);
      if (answered && changes.answeredBy !== undefined && changes.answeredBy !== survey.answeredBy)
        throw new SurveyError("surveys.errors.lockedAnsweredBy");
      if (answered && changes.anonymous !== undefined && changes.anonymous !== survey.anonymous)
        throw new SurveyError("surveys.errors.lockedAnonymous");
      const set = { ...changes };
      if (changes.preMeeting ?? survey.preMeeting) set.closesAt = preMeetingClosesAt(tx, ref.cohortId);
      checkWindow(set.opensAt ?? survey.opensAt, set.closesAt ?? survey.closesAt);
      return tx.update(surveys).set(set).where(inCohort(ref)).returning().get();
    },
    { behavior: "immediate" }
  );
}

export function deleteSurvey(ref: SurveyRef) {
  if (hasAnswers(ref.surveyId)) throw new SurveyError("surveys.errors.lockedDelete");
  const deleted = getDb().delete(surveys).where(inCohort(ref)).run();
  if (deleted.changes === 0) throw new NotFoundError("survey");
}

export function addQuestion(surveyId: number, q: QuestionInput) {
  const values = normaliseQuestion(q);
  const db = getDb();
  return db.transaction(
    (tx) => {
      if (hasAnswers(surveyId) && values.required) throw new SurveyError("surveys.errors.lockedRequiredNew");
      const max = tx
        .select({ p: sql<number>`coalesce(max(${surveyQuestions.position}), 0)` })
        .from(surveyQuestions)
        .where(eq(surveyQuestions.surveyId, surveyId))
        .get()!.p;
      return tx
        .insert(surveyQuestions)
        .values({ ...values, surveyId, position: max + 1 })
        .returning()
        .get();
    },
    { behavior: "immediate" }
  );
}

/** A question as a URL addresses it: through its survey. A question of another survey is not found. */
export type QuestionRef = { surveyId: number; questionId: number };
const ofSurvey = ({ surveyId, questionId }: QuestionRef) => and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId));

/**
 * Edits a question. Once answers exist, wording (prompt, scale end labels) may change, but not the kind
 * or the options: existing answers would then count under a different question or a missing option.
 */
export function updateQuestion({ surveyId, questionId }: QuestionRef, q: QuestionInput) {
  const db = getDb();
  const current = db.select().from(surveyQuestions).where(ofSurvey({ surveyId, questionId })).get();
  if (!current) throw new NotFoundError("question");
  const values = normaliseQuestion({
    ...q,
    sharedKey: q.sharedKey ?? current.sharedKey,
    learningGoalId: q.learningGoalId ?? current.learningGoalId,
  });
  if (hasAnswers(current.surveyId)) {
    if (values.kind !== current.kind) throw new SurveyError("surveys.errors.lockedKind");
    if (JSON.stringify(values.options ?? null) !== JSON.stringify(current.options ?? null))
      throw new SurveyError("surveys.errors.lockedOptions");
    if (values.required && !current.required) throw new SurveyError("surveys.errors.lockedRequired");
  }
  return db.transaction(
    (tx) => {
      // A grouping question that stops being single-choice no longer groups anything.
      if (values.kind !== "single")
        tx.update(surveys)
          .set({ groupByQuestionId: null })
          .where(and(eq(surveys.id, surveyId), eq(surveys.groupByQuestionId, questionId)))
          .run();
      return tx.update(surveyQuestions).set(values).where(ofSurvey({ surveyId, questionId })).returning().get();
    },
    { behavior: "immediate" }
  );
}

/**
 * Marks a single-choice question of the survey as the one its results are grouped by (tables or themes),
 * or clears it with null. Another kind of question, or one of another survey, is refused.
 */
export function setGroupingQuestion(ref: SurveyRef, questionId: number | null) {
  const db = getDb();
  db.transaction(
    (tx) => {
      if (questionId !== null) {
        const q = tx.select().from(surveyQuestions).where(ofSurvey({ surveyId: ref.surveyId, questionId })).get();
        if (!q) throw new NotFoundError("question");
        if (q.kind !== "single") throw new SurveyError("dialogue.errors.groupingNotSingle");
      }
      const done = tx.update(surveys).set({ groupByQuestionId: questionId }).where(inCohort(ref)).run();
      if (done.changes === 0) throw new NotFoundError("survey");
    },
    { behavior: "immediate" }
  );
}

export function deleteQuestion({ surveyId, questionId }: QuestionRef) {
  const db = getDb();
  const current = db.select().from(surveyQuestions).where(ofSurvey({ surveyId, questionId })).get();
  if (!current) throw new NotFoundError("question");
  if (hasAnswers(current.surveyId)) throw new SurveyError("surveys.errors.lockedDeleteQuestion");
  db.delete(surveyQuestions).where(ofSurvey({ surveyId, questionId })).run();
}

/** Moves a question one place up or down (swapping positions); reordering never corrupts results. */
export function moveQuestion({ surveyId, questionId }: QuestionRef, direction: "up" | "down") {
  const db = getDb();
  db.transaction(
    (tx) => {
      const current = tx.select().from(surveyQuestions).where(ofSurvey({ surveyId, questionId })).get();
      if (!current) throw new NotFoundError("question");
      const list = listQuestions(current.surveyId);
      const i = list.findIndex((q) => q.id === questionId);
      const j = direction === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= list.length) return;
      [list[i], list[j]] = [list[j]!, list[i]!];
      list.forEach((q, k) =>
        tx
          .update(surveyQuestions)
          .set({ position: k + 1 })
          .where(eq(surveyQuestions.id, q.id))
          .run()
      );
    },
    { behavior: "immediate" }
  );
}

type TemplateOptions = { opensAt?: Date; closesAt?: Date; anonymous?: boolean; createdByUserId?: number | null; locale?: string };

/** "After an evening": relevance, one scale per learning goal linked to the evening, keep, change. */
export async function createEveningSurvey(cohortId: number, eveningId: number, options: TemplateOptions = {}) {
  const db = getDb();
  const evening = db.select().from(evenings).where(eq(evenings.id, eveningId)).get();
  if (!evening || evening.cohortId !== cohortId) throw new SurveyError("surveys.errors.eveningNotInCohort");
  const t = await getFixedT(options.locale ?? "nb");
  const goals = db
    .select({ id: learningGoals.id, text: learningGoals.text, position: learningGoals.position })
    .from(eveningLearningGoals)
    .innerJoin(learningGoals, eq(learningGoals.id, eveningLearningGoals.learningGoalId))
    .where(eq(eveningLearningGoals.eveningId, eveningId))
    .orderBy(asc(learningGoals.position))
    .all();
  const questions: QuestionInput[] = [
    {
      kind: "scale",
      prompt: t("surveys.templates.evening.relevance"),
      required: true,
      scaleMinLabel: t("surveys.templates.evening.relevanceMin"),
      scaleMaxLabel: t("surveys.templates.evening.relevanceMax"),
      sharedKey: "relevance",
    },
    ...goals.map(
      (g): QuestionInput => ({
        kind: "scale",
        prompt: t("surveys.templates.evening.goal", { goal: g.text }),
        required: true,
        scaleMinLabel: t("surveys.templates.evening.goalMin"),
        scaleMaxLabel: t("surveys.templates.evening.goalMax"),
        sharedKey: `goal-${g.id}`,
        learningGoalId: g.id,
      })
    ),
    { kind: "text", prompt: t("surveys.templates.evening.keep"), sharedKey: "keep" },
    { kind: "text", prompt: t("surveys.templates.evening.change"), sharedKey: "change" },
  ];
  return createSurvey(
    {
      cohortId,
      eveningId,
      kind: "evening",
      title: t("surveys.templates.evening.title", { number: evening.number, theme: evening.theme }),
      intro: t("surveys.templates.evening.intro"),
      answeredBy: "participant",
      anonymous: options.anonymous ?? true,
      opensAt: options.opensAt ?? evening.startsAt,
      closesAt: options.closesAt ?? new Date(evening.endsAt.getTime() + 14 * DAY),
      createdByUserId: options.createdByUserId ?? null,
    },
    questions
  );
}

/** "Final evaluation": the two open questions of the course, to the partnership ("dere"). */
export async function createFinalSurvey(cohortId: number, options: TemplateOptions = {}) {
  const db = getDb();
  const t = await getFixedT(options.locale ?? "nb");
  const last = db.select().from(evenings).where(eq(evenings.cohortId, cohortId)).orderBy(desc(evenings.number)).limit(1).get();
  const opensAt = options.opensAt ?? last?.startsAt ?? new Date();
  return createSurvey(
    {
      cohortId,
      eveningId: null,
      kind: "final",
      title: t("surveys.templates.final.title"),
      intro: t("surveys.templates.final.intro"),
      answeredBy: "partnership",
      anonymous: options.anonymous ?? false,
      opensAt,
      closesAt: options.closesAt ?? new Date(opensAt.getTime() + 30 * DAY),
      createdByUserId: options.createdByUserId ?? null,
    },
    [
      { kind: "text", prompt: t("surveys.templates.final.collaboration"), required: true, sharedKey: "final-collaboration" },
      { kind: "text", prompt: t("surveys.templates.final.courseMattered"), required: true, sharedKey: "final-course" },
    ]
  );
}

/**
 * "Before the meeting": which table or theme (the grouping question), what to bring up, and experiences to
 * share; open from now until the first evening starts.
 */
export async function createPreMeetingSurvey(cohortId: number, options: TemplateOptions = {}) {
  const t = await getFixedT(options.locale ?? "nb");
  const survey = createSurvey(
    {
      cohortId,
      eveningId: null,
      kind: "custom",
      title: t("dialogue.templates.title"),
      intro: t("dialogue.templates.intro"),
      answeredBy: "participant",
      anonymous: options.anonymous ?? false,
      preMeeting: true,
      opensAt: options.opensAt ?? new Date(),
      // Replaced by the first evening's start (preMeeting).
      closesAt: options.opensAt ?? new Date(),
      createdByUserId: options.createdByUserId ?? null,
    },
    [
      { kind: "single", prompt: t("dialogue.templates.table"), required: true, options: [1, 2, 3].map((n) => t("dialogue.templates.tableOption", { n })) },
      { kind: "text", prompt: t("dialogue.templates.topics") },
      { kind: "text", prompt: t("dialogue.templates.experiences") },
    ]
  );
  const table = listQuestions(survey.id)[0]!;
  setGroupingQuestion({ cohortId, surveyId: survey.id }, table.id);
  return { ...survey, groupByQuestionId: table.id };
}

/** A survey only through its own cohort (organiser pages resolve the cohort from the slug first). */
export function getSurveyInCohort(surveyId: number, cohortId: number) {
  const found = Number.isSafeInteger(surveyId) && surveyId > 0 ? getSurvey(surveyId) : null;
  return found && found.survey.cohortId === cohortId ? found : null;
}
