/**
 * A survey's results grouped by the choice made in its grouping question (table or theme), so the
 * organiser can prepare each table's discussion. Each group follows the survey's anonymity rule on its own:
 * in an anonymous survey a group with fewer than ANONYMITY_THRESHOLD answer sets shows nothing, and within
 * a group a question with fewer answers than that is withheld (questionResult).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "../../../db/client";
import { surveyAnswers } from "../../../db/schema";
import type { getSurvey } from "./editor.server";
import { questionResult, type QuestionResult, type Tallies } from "./results.server";
import { ANONYMITY_THRESHOLD } from "./rules";

export type ResultGroup = {
  label: string;
  /** Answer sets in the group; not told for a hidden group (the grouping question's counts may be withheld too). */
  n: number | null;
  /** Anonymous survey and too few answer sets in the group: none of its answers are shown. */
  hidden: boolean;
  results: QuestionResult[];
};

const groupAnswer = alias(surveyAnswers, "group_answer");

/**
 * The other questions' results per choice of the grouping question, in the order of its options; null
 * when the survey has no (single-choice) grouping question. Counted in SQLite per group and answer value;
 * the answer sets that skipped the grouping question count only in the ungrouped results.
 */
export function getGroupedResults(found: NonNullable<ReturnType<typeof getSurvey>>, textsLimit?: number) {
  const { survey, questions } = found;
  const groupQuestion = questions.find((q) => q.id === survey.groupByQuestionId && q.kind === "single");
  if (!groupQuestion) return null;
  const others = questions.filter((q) => q.id !== groupQuestion.id);
  const db = getDb();
  const byGroupAnswer = and(eq(groupAnswer.responseId, surveyAnswers.responseId), eq(groupAnswer.questionId, groupQuestion.id));

  const sizes = db
    .select({ choices: surveyAnswers.choices, n: sql<number>`count(*)` })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.questionId, groupQuestion.id))
    .groupBy(surveyAnswers.choices)
    .all();
  const counted = others.filter((q) => q.kind !== "text").map((q) => q.id);
  const tallyRows = counted.length
    ? db
        .select({
          group: groupAnswer.choices,
          questionId: surveyAnswers.questionId,
          scaleValue: surveyAnswers.scaleValue,
          choices: surveyAnswers.choices,
          n: sql<number>`count(*)`,
        })
        .from(surveyAnswers)
        .innerJoin(groupAnswer, byGroupAnswer)
        .where(inArray(surveyAnswers.questionId, counted))
        .groupBy(groupAnswer.choices, surveyAnswers.questionId, surveyAnswers.scaleValue, surveyAnswers.choices)
        .all()
    : [];
  const written = others.filter((q) => q.kind === "text").map((q) => q.id);
  const textRows = written.length
    ? db
        .select({ group: groupAnswer.choices, questionId: surveyAnswers.questionId, text: surveyAnswers.text })
        .from(surveyAnswers)
        .innerJoin(groupAnswer, byGroupAnswer)
        .where(and(inArray(surveyAnswers.questionId, written), sql`${surveyAnswers.text} <> ''`))
        .orderBy(asc(surveyAnswers.responseId))
        .all()
    : [];

  const groupOf = (choices: string[] | null) => choices?.[0] ?? null;
  return (groupQuestion.options ?? []).map((label): ResultGroup => {
    const n = sizes.filter((s) => groupOf(s.choices) === label).reduce((sum, s) => sum + s.n, 0);
    if (survey.anonymous && n < ANONYMITY_THRESHOLD) return { label, n: null, hidden: true, results: [] };
    const tallies: Tallies = { byQuestion: new Map() };
    for (const q of others) {
      if (q.kind === "text")
        tallies.byQuestion.set(q.id, {
          tally: null,
          texts: textRows.filter((r) => r.questionId === q.id && groupOf(r.group) === label).map((r) => r.text!),
        });
      else
        tallies.byQuestion.set(q.id, {
          tally: tallyRows.filter((r) => r.questionId === q.id && groupOf(r.group) === label),
          texts: null,
        });
    }
    return { label, n, hidden: false, results: others.map((q) => questionResult(q, tallies, survey.anonymous, textsLimit)) };
  });
}
