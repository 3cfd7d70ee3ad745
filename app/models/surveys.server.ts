/**
 * Evaluation surveys: building them (with the evening and final templates), answering them once
 * per participant or per partnership, anonymous mode, results, exports and reminders.
 *
 * Anonymity: survey_participation records WHO answered (day only), survey_responses/answers hold
 * WHAT was answered. For an anonymous survey the response row has no user, partnership, profession
 * or time, and both response and answer ids are random, so neither a column nor the row order joins
 * the two. The answer is first stored sealed with the participation row, then opened in a shuffled
 * batch, so not even the database files' history ties them (docs/decisions/015).
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import crypto from "node:crypto";
import { pageWindow } from "../utils/pagination";
import { getDb, type Db } from "../../db/client";
import { encodedPlaceholder, preparedQuery } from "../../db/prepared";
import {
  cohorts,
  eveningLearningGoals,
  evenings,
  learningGoals,
  partnershipMembers,
  partnerships,
  registrations,
  surveyAnswers,
  surveyParticipation,
  surveyPendingAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
  users,
  type Profession,
} from "../../db/schema";
import type { BarDatum } from "../types/charts";
import { NotFoundError } from "./errors";
import { isConfirmedParticipant } from "./registration.server";
import { randomRowId } from "../utils/crypto.server";
import { appUrl, env } from "../utils/env.server";
import { instantToOslo } from "../utils/time";
import { SCALE_MAX, SCALE_MIN, type AnswerValue } from "../utils/survey-answers";
import { getFixedT } from "../i18next.server";
import { queueEmail } from "./notifications.server";

export type Survey = typeof surveys.$inferSelect;
export type SurveyQuestion = typeof surveyQuestions.$inferSelect;
export type QuestionKind = SurveyQuestion["kind"];

/** Results of anonymous surveys (and per-group response rates) show only from this many answers. */
export const ANONYMITY_THRESHOLD = 5;
const DAY = 24 * 60 * 60 * 1000;

/** A refusal with an i18n key saying why. */
export class SurveyError extends Error {
  constructor(public code: string) {
    super(code);
    this.name = "SurveyError";
  }
}

export type QuestionInput = {
  kind: QuestionKind;
  prompt: string;
  required?: boolean;
  options?: string[] | null;
  scaleMinLabel?: string | null;
  scaleMaxLabel?: string | null;
  sharedKey?: string | null;
  learningGoalId?: number | null;
};

export type SurveyInput = {
  cohortId: number;
  eveningId?: number | null;
  title: string;
  intro?: string;
  kind?: Survey["kind"];
  answeredBy?: Survey["answeredBy"];
  anonymous?: boolean;
  opensAt: Date;
  closesAt: Date;
  createdByUserId?: number | null;
};

function normaliseQuestion(q: QuestionInput) {
  const options = q.kind === "single" || q.kind === "multi" ? (q.options ?? []).map((o) => o.trim()).filter(Boolean) : null;
  if (options && (options.length < 2 || new Set(options).size !== options.length)) throw new SurveyError("surveys.errors.optionsInvalid");
  if (!q.prompt.trim()) throw new SurveyError("surveys.errors.required");
  return {
    kind: q.kind,
    prompt: q.prompt.trim(),
    required: q.required ?? false,
    options,
    scaleMinLabel: q.kind === "scale" ? q.scaleMinLabel?.trim() || null : null,
    scaleMaxLabel: q.kind === "scale" ? q.scaleMaxLabel?.trim() || null : null,
    sharedKey: q.sharedKey ?? null,
    learningGoalId: q.learningGoalId ?? null,
  };
}

function checkWindow(opensAt: Date, closesAt: Date) {
  if (!(closesAt.getTime() > opensAt.getTime())) throw new SurveyError("surveys.errors.closesBeforeOpens");
}

// ───────────────────────────── building ─────────────────────────────

export function createSurvey(input: SurveyInput, questions: QuestionInput[] = []): Survey {
  checkWindow(input.opensAt, input.closesAt);
  const db = getDb();
  const prepared = questions.map(normaliseQuestion);
  return db.transaction(
    (tx) => {
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
          closesAt: input.closesAt,
          createdByUserId: input.createdByUserId ?? null,
        })
        .returning()
        .get();
      prepared.forEach((q, i) => tx.insert(surveyQuestions).values({ ...q, surveyId: survey.id, position: i + 1 }).run());
      return survey;
    },
    { behavior: "immediate" },
  );
}

// Read on every survey page and on the results page (built once, see db/prepared.ts).
const surveyById = preparedQuery((db) =>
  db
    .select()
    .from(surveys)
    .where(eq(surveys.id, sql.placeholder("id")))
    .prepare(),
);
const questionsOf = preparedQuery((db) =>
  db
    .select()
    .from(surveyQuestions)
    .where(eq(surveyQuestions.surveyId, sql.placeholder("surveyId")))
    .orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id))
    .prepare(),
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
    !!db.select({ id: surveyParticipation.id }).from(surveyParticipation).where(eq(surveyParticipation.surveyId, surveyId)).limit(1).get() ||
    !!db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).limit(1).get()
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

function countParticipation(surveyId: number) {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(surveyParticipation)
      .where(eq(surveyParticipation.surveyId, surveyId))
      .get()?.n ?? 0
  );
}

/** Title, intro and window can always change; who answers and anonymity only before the first answer. */
export function updateSurvey(
  id: number,
  changes: Partial<Pick<Survey, "title" | "intro" | "opensAt" | "closesAt" | "answeredBy" | "anonymous" | "eveningId">>,
) {
  const db = getDb();
  return db.transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, id)).get();
      if (!survey) throw new SurveyError("surveys.errors.notFound");
      const answered = hasAnswers(id);
      if (answered && changes.answeredBy !== undefined && changes.answeredBy !== survey.answeredBy)
        throw new SurveyError("surveys.errors.lockedAnsweredBy");
      if (answered && changes.anonymous !== undefined && changes.anonymous !== survey.anonymous)
        throw new SurveyError("surveys.errors.lockedAnonymous");
      checkWindow(changes.opensAt ?? survey.opensAt, changes.closesAt ?? survey.closesAt);
      return tx.update(surveys).set(changes).where(eq(surveys.id, id)).returning().get();
    },
    { behavior: "immediate" },
  );
}

export function deleteSurvey(id: number) {
  if (hasAnswers(id)) throw new SurveyError("surveys.errors.lockedDelete");
  getDb().delete(surveys).where(eq(surveys.id, id)).run();
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
      return tx.insert(surveyQuestions).values({ ...values, surveyId, position: max + 1 }).returning().get();
    },
    { behavior: "immediate" },
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
  const values = normaliseQuestion({ ...q, sharedKey: q.sharedKey ?? current.sharedKey, learningGoalId: q.learningGoalId ?? current.learningGoalId });
  if (hasAnswers(current.surveyId)) {
    if (values.kind !== current.kind) throw new SurveyError("surveys.errors.lockedKind");
    if (JSON.stringify(values.options ?? null) !== JSON.stringify(current.options ?? null))
      throw new SurveyError("surveys.errors.lockedOptions");
    if (values.required && !current.required) throw new SurveyError("surveys.errors.lockedRequired");
  }
  return db.update(surveyQuestions).set(values).where(ofSurvey({ surveyId, questionId })).returning().get();
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
      list.forEach((q, k) => tx.update(surveyQuestions).set({ position: k + 1 }).where(eq(surveyQuestions.id, q.id)).run());
    },
    { behavior: "immediate" },
  );
}

// ───────────────────────────── templates ─────────────────────────────

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
      }),
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
    questions,
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
    ],
  );
}

// ───────────────────────────── who is invited ─────────────────────────────

/** The active partnership of a person in a cohort, if any. */
export function activePartnershipOf(cohortId: number, userId: number) {
  return (
    getDb()
      .select({ id: partnerships.id })
      .from(partnershipMembers)
      .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
      .where(
        and(
          eq(partnershipMembers.cohortId, cohortId),
          eq(partnershipMembers.userId, userId),
          isNull(partnershipMembers.leftAt),
          isNull(partnerships.dissolvedAt),
        ),
      )
      .get()?.id ?? null
  );
}


/** Invited people: confirmed participants; for partnership surveys, members of an active partnership. */
export function invitedPeople(survey: Survey) {
  const db = getDb();
  if (survey.answeredBy === "participant") {
    return db
      .select({ userId: users.id, name: users.name, email: users.email, profession: users.profession, locale: users.locale, notify: users.notifySurveyReminders, partnershipId: sql<number | null>`null` })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(and(eq(registrations.cohortId, survey.cohortId), eq(registrations.status, "confirmed")))
      .orderBy(asc(users.id))
      .all();
  }
  return db
    .select({ userId: users.id, name: users.name, email: users.email, profession: users.profession, locale: users.locale, notify: users.notifySurveyReminders, partnershipId: partnershipMembers.partnershipId })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(partnershipMembers.cohortId, survey.cohortId), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt)))
    .orderBy(asc(users.id))
    .all();
}

export type AnswerState =
  | { state: "notInvited" }
  | { state: "notOpen"; opensAt: Date }
  | { state: "closed"; closesAt: Date }
  | { state: "answered"; answeredOn: string; byName: string | null }
  | { state: "open"; partnershipId: number | null };

/** What this person can do with the survey now. */
export function answerState(survey: Survey, userId: number, now = new Date()): AnswerState {
  const db = getDb();
  let partnershipId: number | null = null;
  if (survey.answeredBy === "partnership") {
    partnershipId = activePartnershipOf(survey.cohortId, userId);
    if (!partnershipId) return { state: "notInvited" };
  } else if (!isConfirmedParticipant(userId, survey.cohortId)) return { state: "notInvited" };

  const done = db
    .select()
    .from(surveyParticipation)
    .where(
      and(
        eq(surveyParticipation.surveyId, survey.id),
        partnershipId ? eq(surveyParticipation.partnershipId, partnershipId) : eq(surveyParticipation.userId, userId),
      ),
    )
    .get();
  if (done) {
    let byName: string | null = null;
    if (partnershipId && !survey.anonymous) {
      byName =
        db
          .select({ name: users.name })
          .from(surveyResponses)
          .innerJoin(users, eq(users.id, surveyResponses.respondentUserId))
          .where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.partnershipId, partnershipId)))
          .get()?.name ?? null;
    }
    return { state: "answered", answeredOn: done.answeredOn, byName };
  }
  if (now < survey.opensAt) return { state: "notOpen", opensAt: survey.opensAt };
  if (now >= survey.closesAt) return { state: "closed", closesAt: survey.closesAt };
  return { state: "open", partnershipId };
}

// ───────────────────────────── answering ─────────────────────────────

/**
 * Sealed anonymous answer sets are opened only in batches of at least this many. While a survey is open a
 * batch is opened when twice as many are waiting, leaving this many sealed, so the batch opened at the close
 * is never smaller either (decision 015).
 */
export const ANONYMOUS_BATCH = ANONYMITY_THRESHOLD;

let sealingKey: { secret: string; key: Buffer } | undefined;
function answersKey() {
  const secret = env().sessionSecret;
  if (sealingKey?.secret !== secret)
    sealingKey = { secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, "knutepunkt", "anonymous survey answers v1", 32)) };
  return sealingKey.key;
}

/** Every sealed item is padded to a power of two (at least 4 KiB), so its size does not tell answers apart. */
function padded(json: string) {
  const body = Buffer.from(json, "utf8");
  let size = 4096;
  while (size < body.length + 4) size *= 2;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

type SealedAnswers = [questionId: number, answer: AnswerValue][];

function seal(surveyId: number, answers: Map<number, AnswerValue>): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", answersKey(), iv);
  cipher.setAAD(Buffer.from(`survey:${surveyId}`));
  const body = Buffer.concat([cipher.update(padded(JSON.stringify([...answers]))), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unseal(surveyId: number, sealed: Buffer): SealedAnswers {
  const decipher = crypto.createDecipheriv("aes-256-gcm", answersKey(), sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`survey:${surveyId}`));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString("utf8")) as SealedAnswers;
}

/**
 * Stores one answer set. The participation row and the answers are written in one immediate transaction;
 * the unique indexes on survey_participation make a second (or concurrent) answer fail. A named answer is
 * stored as it is; an anonymous one only sealed (survey_pending_answers), opened later in a shuffled batch.
 */
export function submitResponse(surveyId: number, user: { id: number; profession: Profession }, answers: Map<number, AnswerValue>, now = new Date()) {
  const db = getDb();
  let anonymous = false;
  try {
    db.transaction(
      (tx) => {
        const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
        if (!survey) throw new SurveyError("surveys.errors.notFound");
        const state = answerState(survey, user.id, now);
        if (state.state !== "open") throw new SurveyError(`surveys.errors.${state.state}`);
        const questions = listQuestions(surveyId);
        const known = new Set(questions.map((q) => q.id));
        for (const id of answers.keys()) if (!known.has(id)) throw new SurveyError("surveys.errors.unknownQuestion");
        for (const q of questions) if (q.required && !answers.has(q.id)) throw new SurveyError("surveys.errors.required");

        tx.insert(surveyParticipation)
          .values({
            surveyId,
            userId: survey.answeredBy === "participant" ? user.id : null,
            partnershipId: state.partnershipId,
            answeredOn: instantToOslo(now).date,
          })
          .run();
        if (survey.anonymous) {
          anonymous = true;
          tx.insert(surveyPendingAnswers).values({ id: randomRowId(), surveyId, sealed: seal(surveyId, answers) }).run();
          return;
        }
        const responseId = randomRowId();
        tx.insert(surveyResponses)
          .values({ id: responseId, surveyId, respondentUserId: user.id, partnershipId: state.partnershipId, respondentProfession: user.profession, submittedAt: now })
          .run();
        for (const q of questions) {
          const a = answers.get(q.id);
          if (!a) continue;
          tx.insert(surveyAnswers)
            .values({ id: randomRowId(), responseId, questionId: q.id, scaleValue: a.scaleValue ?? null, choices: a.choices ?? null, text: a.text ?? null })
            .run();
        }
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: survey_participation/.test(error.message))
      throw new SurveyError("surveys.errors.answered");
    throw error;
  }
  // Its own transaction: a failure here leaves the answer sealed, to be opened with the next batch.
  if (anonymous) openSealedAnswers(surveyId);
  return { ok: true as const };
}

/**
 * Opens a survey's sealed answer sets into survey_responses/answers when enough are waiting: while open,
 * all but ANONYMOUS_BATCH of them (drawn at random) once twice that many wait; at the close, all of them
 * once at least ANONYMOUS_BATCH wait (fewer stay sealed: their results would stay hidden anyway). Responses
 * and answers are inserted each in their own random order with random ids, so neither the order in the
 * pages nor an id says which sealed item became which response. Returns how many were opened.
 */
export function openSealedAnswers(surveyId: number, now = new Date()) {
  const db = getDb();
  const opened = db.transaction(
    (tx) => {
      const survey = tx.select({ closesAt: surveys.closesAt }).from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) return 0;
      const waiting = tx.select().from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, surveyId)).all();
      const closed = now >= survey.closesAt;
      if (waiting.length < (closed ? ANONYMOUS_BATCH : 2 * ANONYMOUS_BATCH)) return 0;
      const batch = sample(waiting, closed ? waiting.length : waiting.length - ANONYMOUS_BATCH);
      const rows = batch.map((item) => ({ id: randomRowId(), answers: unseal(surveyId, item.sealed) }));
      for (const r of shuffle(rows)) tx.insert(surveyResponses).values({ id: r.id, surveyId }).run();
      const answerRows = rows.flatMap((r) =>
        r.answers.map(([questionId, a]) => ({ id: randomRowId(), responseId: r.id, questionId, scaleValue: a.scaleValue ?? null, choices: a.choices ?? null, text: a.text ?? null })),
      );
      for (const a of shuffle(answerRows)) tx.insert(surveyAnswers).values(a).run();
      tx.delete(surveyPendingAnswers).where(inArray(surveyPendingAnswers.id, batch.map((b) => b.id))).run();
      return batch.length;
    },
    { behavior: "immediate" },
  );
  // secure_delete has zeroed the sealed items in the pages; this drops the WAL's older copies too.
  if (opened > 0) db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return opened;
}

/** For the scheduler: opens what is left sealed of surveys that have closed. */
export function openSealedAnswersOfClosedSurveys(now = new Date()) {
  const closed = getDb()
    .selectDistinct({ surveyId: surveyPendingAnswers.surveyId })
    .from(surveyPendingAnswers)
    .innerJoin(surveys, eq(surveys.id, surveyPendingAnswers.surveyId))
    .where(lte(surveys.closesAt, now))
    .limit(500)
    .all();
  let opened = 0;
  for (const { surveyId } of closed) opened += openSealedAnswers(surveyId, now);
  return opened;
}

// ───────────────────────────── results ─────────────────────────────

function shuffle<T>(list: T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export type QuestionResult = {
  question: SurveyQuestion;
  n: number;
  /** For scale: values 1..5; for choices: the options. */
  counts: { label: string; count: number }[];
  mean: number | null;
  texts: string[];
  /** Anonymous survey, and this question has fewer than ANONYMITY_THRESHOLD answers: nothing of it is shown. */
  withheld: boolean;
};

// Response rate: counted in SQLite per profession (a big cohort has hundreds of invited people).
const participantRate = preparedQuery((db) =>
  db
    .select({
      profession: users.profession,
      invited: sql<number>`count(*)`,
      answered: sql<number>`count(${surveyParticipation.id})`,
      firstUserId: sql<number>`min(${users.id})`,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .leftJoin(surveyParticipation, and(eq(surveyParticipation.surveyId, sql.placeholder("surveyId")), eq(surveyParticipation.userId, registrations.userId)))
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), eq(registrations.status, "confirmed")))
    .groupBy(users.profession)
    .orderBy(sql`min(${users.id})`)
    .prepare(),
);
const invitedPartnerships = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(distinct ${partnershipMembers.partnershipId})` })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(partnershipMembers.cohortId, sql.placeholder("cohortId")), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt)))
    .prepare(),
);
const participationCounts = preparedQuery((db) =>
  db
    .select({ all: sql<number>`count(*)`, partnerships: sql<number>`count(${surveyParticipation.partnershipId})` })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.surveyId, sql.placeholder("surveyId")))
    .prepare(),
);

/** Participation counts; per profession only for participant surveys and only when no group is below the threshold (anonymous). */
export function responseRate(survey: Survey) {
  const participation = participationCounts().get({ surveyId: survey.id })!;
  if (survey.answeredBy === "partnership") {
    const invited = invitedPartnerships().get({ cohortId: survey.cohortId })?.n ?? 0;
    return { unit: "partnership" as const, invited, answered: participation.partnerships, perProfession: null };
  }
  // Groups in the order of their first invited person (by user id).
  const groups = participantRate().all({ surveyId: survey.id, cohortId: survey.cohortId });
  let perProfession: { profession: Profession; invited: number; answered: number }[] | null = groups.map((g) => ({
    profession: g.profession,
    invited: g.invited,
    answered: g.answered,
  }));
  if (survey.anonymous && perProfession.some((g) => g.answered < ANONYMITY_THRESHOLD)) perProfession = null;
  const invited = groups.reduce((n, g) => n + g.invited, 0);
  return { unit: "participant" as const, invited, answered: participation.all, perProfession };
}

/** The results page shows this many respondents per page and this many free-text answers per question. */
export const RESPONDENTS_PAGE_SIZE = 25;
export const TEXTS_SHOWN = 20;

/** Named surveys list at most this many respondents on a page's listing; the export has everyone. */
const MAX_RESPONDENTS_LISTED = 1000;

/** Which respondents a listing shows: a page of `perPage` out of at most MAX_RESPONDENTS_LISTED. */
function respondentWindow(responseCount: number, requestedPage: number | undefined, perPage = RESPONDENTS_PAGE_SIZE) {
  const total = Math.min(responseCount, MAX_RESPONDENTS_LISTED);
  const { page, pages, limit, offset } = pageWindow(total, requestedPage, perPage);
  return { paging: { total, page, pages }, window: { limit, offset } };
}

/** What the results page shows of the per-answer listings; without it getResults returns everything (exports). */
export type ResultsView = {
  respondentPage?: number;
  respondentsPerPage?: number;
  textsPerQuestion?: number;
  /** The summary page leaves the respondent table to its own page (…/results/respondents). */
  withoutRespondents?: boolean;
};

/** The survey's question ids, as a subquery of a prepared query (placeholder "surveyId"). */
const questionIdsOfSurvey = (db: Db) =>
  db.select({ id: surveyQuestions.id }).from(surveyQuestions).where(eq(surveyQuestions.surveyId, sql.placeholder("surveyId")));

/** How many answer sets a survey has (survey_responses_survey_submitted_idx). */
const responseCountOf = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, sql.placeholder("surveyId")))
    .prepare(),
);

const tallyOf = preparedQuery((db) =>
  db
    .select({ scaleValue: surveyAnswers.scaleValue, choices: surveyAnswers.choices, n: sql<number>`count(*)` })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.questionId, sql.placeholder("questionId")))
    .groupBy(surveyAnswers.scaleValue, surveyAnswers.choices)
    .prepare(),
);
const writtenTexts = preparedQuery((db) =>
  db
    .select({ text: surveyAnswers.text })
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.questionId, sql.placeholder("questionId")), sql`${surveyAnswers.text} <> ''`))
    .orderBy(asc(surveyAnswers.responseId))
    .prepare(),
);

type Tally = { scaleValue: number | null; choices: string[] | null; n: number }[];
type Tallies = {
  /** Per question: grouped counts (scale, choices) or every written text in response order (text). */
  byQuestion: Map<number, { tally: Tally; texts: null } | { tally: null; texts: readonly string[] }>;
};

/** Each question's counts or written texts, counted in SQLite one question at a time. */
function talliesOf(questions: SurveyQuestion[]): Tallies {
  const byQuestion: Tallies["byQuestion"] = new Map();
  for (const q of questions) {
    if (q.kind === "text") byQuestion.set(q.id, { tally: null, texts: writtenTexts().all({ questionId: q.id }).map((a) => a.text!) });
    else byQuestion.set(q.id, { tally: tallyOf().all({ questionId: q.id }), texts: null });
  }
  return { byQuestion };
}

const answersOfSurvey = preparedQuery((db) =>
  db
    .select({ questionId: surveyAnswers.questionId, responseId: surveyAnswers.responseId, scaleValue: surveyAnswers.scaleValue, choices: surveyAnswers.choices, text: surveyAnswers.text })
    .from(surveyAnswers)
    .where(
      inArray(surveyAnswers.questionId, questionIdsOfSurvey(db)),
    )
    .prepare(),
);

/** Named surveys' respondent table: each response's answers as shown. */
function answersByResponse(surveyId: number) {
  const byResponse = new Map<number, Record<number, string>>();
  for (const a of answersOfSurvey().all({ surveyId })) {
    const row = byResponse.get(a.responseId) ?? {};
    row[a.questionId] = formatAnswer(a);
    byResponse.set(a.responseId, row);
  }
  return byResponse;
}

/** `k` of the list (all without k), drawn at random and in random order (a partial Fisher–Yates). */
function sample<T>(list: readonly T[], k = list.length): T[] {
  const a = [...list];
  const m = Math.min(k, a.length);
  for (let i = 0; i < m; i++) {
    const j = i + crypto.randomInt(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  a.length = m;
  return a;
}

const respondentsPage = preparedQuery((db) =>
  db
    .select({ responseId: surveyResponses.id, name: users.name, email: users.email, profession: surveyResponses.respondentProfession, submittedAt: surveyResponses.submittedAt, partnershipId: surveyResponses.partnershipId })
    .from(surveyResponses)
    .leftJoin(users, eq(users.id, surveyResponses.respondentUserId))
    .where(eq(surveyResponses.surveyId, sql.placeholder("surveyId")))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare(),
);

/** Anonymous surveys show no results (charts, texts, respondents) under ANONYMITY_THRESHOLD answers. */
function resultsHidden(survey: Survey, responseCount: number) {
  return survey.anonymous && responseCount < ANONYMITY_THRESHOLD;
}

/**
 * One question's result from the tallies: counts (and the mean of a scale) from every answer; for free
 * text the count and at most `textsLimit` texts (anonymous: a random sample, drawn anew every time, in
 * random order; named: response order).
 */
function questionResult(q: SurveyQuestion, tallies: Tallies, anonymous: boolean, textsLimit?: number): QuestionResult {
  const result = countedResult(q, tallies, anonymous, textsLimit);
  // The survey's answer count is not enough: an optional question, or one added late, can have far fewer
  // answers than the survey, and one person's answer would be on show.
  if (anonymous && result.n < ANONYMITY_THRESHOLD) return { question: q, n: 0, counts: [], mean: null, texts: [], withheld: true };
  return result;
}

function countedResult(q: SurveyQuestion, tallies: Tallies, anonymous: boolean, textsLimit?: number): QuestionResult {
  const { tally, texts: written } = tallies.byQuestion.get(q.id)!;
  if (tally) {
    if (q.kind === "scale") {
      let n = 0;
      let sum = 0;
      const byValue = new Map<number, number>();
      for (const t of tally) {
        if (t.scaleValue === null) continue;
        n += t.n;
        sum += t.scaleValue * t.n;
        byValue.set(t.scaleValue, (byValue.get(t.scaleValue) ?? 0) + t.n);
      }
      const counts = [];
      for (let v = SCALE_MIN; v <= SCALE_MAX; v++) counts.push({ label: String(v), count: byValue.get(v) ?? 0 });
      return { question: q, n, counts, mean: n ? sum / n : null, texts: [], withheld: false };
    }
    const counts = (q.options ?? []).map((o) => ({ label: o, count: tally.reduce((c, t) => (t.choices?.includes(o) ? c + t.n : c), 0) }));
    return { question: q, n: tally.reduce((c, t) => c + t.n, 0), counts, mean: null, texts: [], withheld: false };
  }
  const texts = anonymous ? sample(written!, textsLimit) : written!.slice(0, textsLimit);
  return { question: q, n: written!.length, counts: [], mean: null, texts, withheld: false };
}

/**
 * Aggregates are always computed from every answer. The free-text lists and the respondent table can be
 * bounded with `view`: texts are cut to textsPerQuestion (for anonymous surveys a random sample, shown in
 * random order), respondents are paged in submission order. `found` is the survey with its questions when
 * the caller has read them already.
 */
export function getResults(surveyId: number, view?: ResultsView, found: ReturnType<typeof getSurvey> = getSurvey(surveyId)) {
  if (!found || found.survey.id !== surveyId) return null;
  const { survey, questions } = found;
  const rate = responseRate(survey);
  const responseCount = responseCountOf().get({ surveyId })!.n;
  const hidden = resultsHidden(survey, responseCount);
  const noRespondents = { total: 0, page: 1, pages: 1 };
  if (hidden) return { survey, questions, rate, responseCount, hidden: true as const, results: [], respondents: [], respondentPaging: noRespondents };

  // Counted in SQLite, one question at a time (survey_answers_question_idx): a survey with thousands of
  // answers returns a few rows per question.
  const tallies = talliesOf(questions);
  const results = questions.map((q) => questionResult(q, tallies, survey.anonymous, view?.textsPerQuestion));

  // Non-anonymous: organisers see who answered what (at most MAX_RESPONDENTS_LISTED; a page with `view`).
  let respondentPaging = noRespondents;
  let window = { limit: MAX_RESPONDENTS_LISTED, offset: 0 };
  if (!survey.anonymous && view && !view.withoutRespondents) {
    ({ paging: respondentPaging, window } = respondentWindow(responseCount, view.respondentPage, view.respondentsPerPage));
  }
  const respondents = survey.anonymous || view?.withoutRespondents ? [] : respondentsWithAnswers(surveyId, window);
  if (!survey.anonymous && !view) respondentPaging = { total: respondents.length, page: 1, pages: 1 };
  return { survey, questions, rate, responseCount, hidden: false as const, results, respondents, respondentPaging };
}

/** A window of a named survey's respondents in submission order, each with their answers as shown. */
function respondentsWithAnswers(surveyId: number, window: { limit: number; offset: number }) {
  const rows = respondentsPage().all({ surveyId, ...window });
  const byResponse = rows.length > 0 ? answersByResponse(surveyId) : null;
  return rows.map((r) => ({ ...r, answers: { ...byResponse?.get(r.responseId) } }));
}

/**
 * Who answered what, for the results' own page of it: a page of a named survey's respondents with their
 * answers (respondentWindow), the same as getResults gives with a view, without the response rate and
 * the charts. Anonymous surveys list no one.
 */
export function getRespondents(found: NonNullable<ReturnType<typeof getSurvey>>, requestedPage?: number) {
  const { survey, questions } = found;
  const responseCount = responseCountOf().get({ surveyId: survey.id })!.n;
  if (survey.anonymous) return { survey, questions, responseCount, respondents: [], paging: { total: 0, page: 1, pages: 1 } };
  const { paging, window } = respondentWindow(responseCount, requestedPage);
  const respondents = respondentsWithAnswers(survey.id, window);
  return { survey, questions, responseCount, respondents, paging };
}

/**
 * One question's result for its chart image, under the same rules as the results page (getResults): null
 * for a question not in the survey, or while the results are hidden.
 */
export function getQuestionResult(found: NonNullable<ReturnType<typeof getSurvey>>, questionId: number): QuestionResult | null {
  const { survey, questions } = found;
  const q = questions.find((x) => x.id === questionId);
  if (!q) return null;
  if (resultsHidden(survey, responseCountOf().get({ surveyId: survey.id })!.n)) return null;
  return questionResult(q, talliesOf([q]), survey.anonymous, 0);
}

/**
 * The bars of a question's chart on the results page and in its image: one per scale value (the ends
 * carry their labels, "1 – Ikke relevant", so the chart reads on its own) or per option; null for free text.
 */
export function chartDataOf(r: QuestionResult): BarDatum[] | null {
  if (r.question.kind === "text" || r.withheld) return null;
  if (r.question.kind !== "scale") return r.counts;
  const { scaleMinLabel, scaleMaxLabel } = r.question;
  return r.counts.map((c, i, all) => {
    const end = i === 0 ? scaleMinLabel : i === all.length - 1 ? scaleMaxLabel : null;
    return end ? { ...c, label: `${c.label} – ${end}` } : c;
  });
}

function formatAnswer(a: { scaleValue: number | null; choices: string[] | null; text: string | null }) {
  if (a.scaleValue !== null) return String(a.scaleValue);
  if (a.choices) return a.choices.join("; ");
  return a.text ?? "";
}

/** Mean of each shared scale question per evening survey of the cohort, for side-by-side comparison. */
export function compareEvenings(cohortId: number) {
  const db = getDb();
  const list = db
    .select({ survey: surveys, eveningNumber: evenings.number })
    .from(surveys)
    .leftJoin(evenings, eq(evenings.id, surveys.eveningId))
    .where(and(eq(surveys.cohortId, cohortId), eq(surveys.kind, "evening")))
    .orderBy(asc(evenings.number), asc(surveys.id))
    .limit(50)
    .all();
  const columns = list.map((s) => {
    const results = getResults(s.survey.id)!;
    return { surveyId: s.survey.id, title: s.survey.title, eveningNumber: s.eveningNumber, hidden: results.hidden, responseCount: results.responseCount, results: results.results };
  });
  const keys = new Map<string, string>();
  for (const s of list)
    for (const q of listQuestions(s.survey.id)) if (q.kind === "scale" && q.sharedKey && !keys.has(q.sharedKey)) keys.set(q.sharedKey, q.prompt);
  const rows = [...keys].map(([key, prompt]) => ({
    key,
    prompt,
    cells: columns.map((c) => {
      const r = c.results.find((x) => x.question.sharedKey === key);
      return r ? { mean: r.mean, n: r.n } : null;
    }),
  }));
  return { columns: columns.map(({ results: _r, ...c }) => c), rows };
}

/** Rows for CSV/.xlsx export. Anonymous exports contain no person data and are shuffled. */
export function exportRows(surveyId: number, t: (key: string) => string): string[][] | null {
  const res = getResults(surveyId);
  if (!res || res.hidden) return null;
  const db = getDb();
  const answers = db
    .select({ questionId: surveyAnswers.questionId, responseId: surveyAnswers.responseId, scaleValue: surveyAnswers.scaleValue, choices: surveyAnswers.choices, text: surveyAnswers.text })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(eq(surveyResponses.surveyId, surveyId))
    .all();
  // Anonymous: a question under the threshold keeps its column, saying why it is empty.
  const withheld = new Set(res.results.filter((r) => r.withheld).map((r) => r.question.id));
  const header = res.questions.map((q) => (withheld.has(q.id) ? `${q.prompt} (${t("surveys.results.questionWithheld")})` : q.prompt));
  const rowFor = (responseId: number) =>
    res.questions.map((q) => {
      if (withheld.has(q.id)) return "";
      const a = answers.find((x) => x.responseId === responseId && x.questionId === q.id);
      return a ? formatAnswer(a) : "";
    });
  if (res.survey.anonymous) {
    const ids = shuffle([...new Set(answers.map((a) => a.responseId))]);
    const all = db.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).all();
    for (const r of all) if (!ids.includes(r.id)) ids.push(r.id);
    return [header, ...ids.map(rowFor)];
  }
  return [
    [t("surveys.results.name"), t("surveys.results.email"), t("surveys.results.profession"), ...header],
    ...res.respondents.map((r) => [r.name ?? "", r.email ?? "", r.profession ? t(`common.professions.${r.profession}`) : "", ...rowFor(r.responseId)]),
  ];
}

// ───────────────────────────── dashboard ─────────────────────────────

// One query for the dashboard, built once: the open surveys of my cohorts (confirmed, or in a partnership)
// and, per survey, whether answerState would say "open" – invited (confirmed participant, or member of an
// active partnership for partnership surveys) and not answered (by me, or by my partnership).
const openSurveysOf = preparedQuery((db) => {
  const me = sql.placeholder("userId");
  const now = encodedPlaceholder(surveys.opensAt, "now");
  const myCohorts = sql`(select ${registrations.cohortId} from ${registrations} where ${registrations.userId} = ${me} and ${registrations.status} = 'confirmed'
    union select ${partnershipMembers.cohortId} from ${partnershipMembers} where ${partnershipMembers.userId} = ${me} and ${partnershipMembers.leftAt} is null)`;
  const partnershipCanAnswer = sql`exists (select 1 from ${partnershipMembers} inner join ${partnerships} on ${partnerships.id} = ${partnershipMembers.partnershipId}
    where ${partnershipMembers.cohortId} = ${surveys.cohortId} and ${partnershipMembers.userId} = ${me} and ${partnershipMembers.leftAt} is null and ${partnerships.dissolvedAt} is null
    and not exists (select 1 from ${surveyParticipation} where ${surveyParticipation.surveyId} = ${surveys.id} and ${surveyParticipation.partnershipId} = ${partnershipMembers.partnershipId}))`;
  const participantCanAnswer = sql`exists (select 1 from ${registrations} where ${registrations.cohortId} = ${surveys.cohortId} and ${registrations.userId} = ${me} and ${registrations.status} = 'confirmed')
    and not exists (select 1 from ${surveyParticipation} where ${surveyParticipation.surveyId} = ${surveys.id} and ${surveyParticipation.userId} = ${me})`;
  return db
    .select({
      id: surveys.id,
      title: surveys.title,
      closesAt: surveys.closesAt,
      cohortTitle: cohorts.title,
      open: sql<number>`case when ${surveys.answeredBy} = 'partnership' then ${partnershipCanAnswer} else ${participantCanAnswer} end`,
    })
    .from(surveys)
    .innerJoin(cohorts, eq(cohorts.id, surveys.cohortId))
    .where(and(sql`${surveys.cohortId} in ${myCohorts}`, lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .orderBy(asc(surveys.closesAt))
    .limit(20)
    .prepare();
});

/** Open surveys this person is invited to and has not answered (for the dashboard). */
export function openSurveysFor(userId: number, now = new Date()) {
  return openSurveysOf()
    .all({ userId, now })
    .filter((s) => s.open)
    .map(({ open: _open, ...rest }) => rest);
}

// ───────────────────────────── reminders ─────────────────────────────

/**
 * E-mails invited people who have not answered (through survey_participation, so anonymous surveys
 * too), at most once a day per survey. Returns how many e-mails were queued, or null when skipped.
 */
export async function sendSurveyReminders(surveyId: number, now = new Date(), baseUrl = appUrl()) {
  const db = getDb();
  const claimed = db.transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) throw new SurveyError("surveys.errors.notFound");
      if (now < survey.opensAt || now >= survey.closesAt) throw new SurveyError("surveys.errors.reminderNotOpen");
      if (survey.lastReminderAt && now.getTime() - survey.lastReminderAt.getTime() < DAY) return null;
      tx.update(surveys).set({ lastReminderAt: now }).where(eq(surveys.id, surveyId)).run();
      return survey;
    },
    { behavior: "immediate" },
  );
  if (!claimed) return null;
  const participation = db.select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, surveyId)).all();
  const doneUsers = new Set(participation.map((p) => p.userId));
  const doneUnits = new Set(participation.map((p) => p.partnershipId));
  const pending = invitedPeople(claimed).filter((p) =>
    claimed.answeredBy === "partnership" ? !doneUnits.has(p.partnershipId) : !doneUsers.has(p.userId),
  );
  const day = instantToOslo(now).date;
  let queued = 0;
  for (const p of pending) {
    if (!p.notify) continue;
    const t = await getFixedT(p.locale);
    const ok = queueEmail(
      {
        to: p.email,
        userId: p.userId,
        subject: t("surveys.reminder.subject", { title: claimed.title }),
        text: t("surveys.reminder.body", { name: p.name, title: claimed.title, url: `${baseUrl.replace(/\/$/, "")}/surveys/${surveyId}` }),
        kind: "survey-reminder",
        dedupeKey: `survey-reminder:${surveyId}:${p.userId}:${day}`,
      },
      p.locale,
    );
    if (ok) queued++;
  }
  return queued;
}

/** For a scheduler: reminds about every open survey whose last reminder is a day old or more. */
export async function remindOpenSurveys(now = new Date(), baseUrl?: string) {
  const db = getDb();
  const open = db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .limit(500)
    .all();
  let total = 0;
  for (const s of open) total += (await sendSurveyReminders(s.id, now, baseUrl)) ?? 0;
  return total;
}



/** A survey only through its own cohort (organiser pages resolve the cohort from the slug first). */
export function getSurveyInCohort(surveyId: number, cohortId: number) {
  const found = Number.isSafeInteger(surveyId) && surveyId > 0 ? getSurvey(surveyId) : null;
  return found && found.survey.cohortId === cohortId ? found : null;
}
