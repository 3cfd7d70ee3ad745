/** Survey results for organisers: response rates, tallies, free texts, respondents, comparison of evenings and exports. */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import crypto from "node:crypto";
import { pageWindow } from "../../utils/pagination";
import { getDb, type Db } from "../../../db/client";
import { preparedQuery } from "../../../db/prepared";
import {
  evenings,
  partnershipMembers,
  partnerships,
  registrations,
  surveyAnswers,
  surveyParticipation,
  surveyQuestions,
  surveyResponses,
  surveys,
  users,
  type Profession,
} from "../../../db/schema";
import type { BarDatum } from "../../types/charts";
import { SCALE_MAX, SCALE_MIN } from "../../utils/survey-answers";
import { getSurvey, listQuestions } from "./editor.server";
import { ANONYMITY_THRESHOLD, Survey, SurveyQuestion } from "./rules";

export function shuffle<T>(list: T[]): T[] {
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
    .leftJoin(
      surveyParticipation,
      and(eq(surveyParticipation.surveyId, sql.placeholder("surveyId")), eq(surveyParticipation.userId, registrations.userId))
    )
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), eq(registrations.status, "confirmed")))
    .groupBy(users.profession)
    .orderBy(sql`min(${users.id})`)
    .prepare()
);
const invitedPartnerships = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(distinct ${partnershipMembers.partnershipId})` })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(
      and(eq(partnershipMembers.cohortId, sql.placeholder("cohortId")), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt))
    )
    .prepare()
);
const participationCounts = preparedQuery((db) =>
  db
    .select({ all: sql<number>`count(*)`, partnerships: sql<number>`count(${surveyParticipation.partnershipId})` })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.surveyId, sql.placeholder("surveyId")))
    .prepare()
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

/** How many answer sets a survey has (survey_responses_survey_submitted_idx). */
const responseCountOf = preparedQuery((db) =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, sql.placeholder("surveyId")))
    .prepare()
);

const tallyOf = preparedQuery((db) =>
  db
    .select({ scaleValue: surveyAnswers.scaleValue, choices: surveyAnswers.choices, n: sql<number>`count(*)` })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.questionId, sql.placeholder("questionId")))
    .groupBy(surveyAnswers.scaleValue, surveyAnswers.choices)
    .prepare()
);
const writtenTexts = preparedQuery((db) =>
  db
    .select({ text: surveyAnswers.text })
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.questionId, sql.placeholder("questionId")), sql`${surveyAnswers.text} <> ''`))
    .orderBy(asc(surveyAnswers.responseId))
    .prepare()
);

type Tally = { scaleValue: number | null; choices: string[] | null; n: number }[];
export type Tallies = {
  /** Per question: grouped counts (scale, choices) or every written text in response order (text). */
  byQuestion: Map<number, { tally: Tally; texts: null } | { tally: null; texts: readonly string[] }>;
};

/** Each question's counts or written texts, counted in SQLite one question at a time. */
function talliesOf(questions: SurveyQuestion[]): Tallies {
  const byQuestion: Tallies["byQuestion"] = new Map();
  for (const q of questions) {
    if (q.kind === "text")
      byQuestion.set(q.id, {
        tally: null,
        texts: writtenTexts()
          .all({ questionId: q.id })
          .map((a) => a.text!),
      });
    else byQuestion.set(q.id, { tally: tallyOf().all({ questionId: q.id }), texts: null });
  }
  return { byQuestion };
}

/** What a respondent table or an export reads of each answer. */
const ANSWER_COLUMNS = {
  questionId: surveyAnswers.questionId,
  responseId: surveyAnswers.responseId,
  scaleValue: surveyAnswers.scaleValue,
  choices: surveyAnswers.choices,
  text: surveyAnswers.text,
};

/** Named surveys' respondent table: each response's answers as shown. */
function answersByResponse(responseIds: number[]) {
  const byResponse = new Map<number, Record<number, string>>();
  const answers = getDb()
    .select(ANSWER_COLUMNS)
    .from(surveyAnswers)
    .where(inArray(surveyAnswers.responseId, responseIds))
    .all();
  for (const a of answers) {
    const row = byResponse.get(a.responseId) ?? {};
    row[a.questionId] = formatAnswer(a);
    byResponse.set(a.responseId, row);
  }
  return byResponse;
}

/** `k` of the list (all without k), drawn at random and in random order (a partial Fisher–Yates). */
export function sample<T>(list: readonly T[], k = list.length): T[] {
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
    .select({
      responseId: surveyResponses.id,
      name: users.name,
      email: users.email,
      profession: surveyResponses.respondentProfession,
      submittedAt: surveyResponses.submittedAt,
      partnershipId: surveyResponses.partnershipId,
    })
    .from(surveyResponses)
    .leftJoin(users, eq(users.id, surveyResponses.respondentUserId))
    .where(eq(surveyResponses.surveyId, sql.placeholder("surveyId")))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .prepare()
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
export function questionResult(q: SurveyQuestion, tallies: Tallies, anonymous: boolean, textsLimit?: number): QuestionResult {
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
  if (hidden)
    return { survey, questions, rate, responseCount, hidden: true as const, results: [], respondents: [], respondentPaging: noRespondents };

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
  // Only the answers of the people on this page (survey_answers_response_question).
  const byResponse = rows.length > 0 ? answersByResponse(rows.map((r) => r.responseId)) : null;
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
    return {
      surveyId: s.survey.id,
      title: s.survey.title,
      eveningNumber: s.eveningNumber,
      hidden: results.hidden,
      responseCount: results.responseCount,
      results: results.results,
    };
  });
  const keys = new Map<string, string>();
  for (const s of list)
    for (const q of listQuestions(s.survey.id))
      if (q.kind === "scale" && q.sharedKey && !keys.has(q.sharedKey)) keys.set(q.sharedKey, q.prompt);
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
    .select(ANSWER_COLUMNS)
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
    ...res.respondents.map((r) => [
      r.name ?? "",
      r.email ?? "",
      r.profession ? t(`common.professions.${r.profession}`) : "",
      ...rowFor(r.responseId),
    ]),
  ];
}
