/** What every part of the survey model shares: the row types, the refusal error and the rules for a question and a window. */
import type { surveyQuestions, surveys } from "../../../db/schema";

export type Survey = typeof surveys.$inferSelect;
export type SurveyQuestion = typeof surveyQuestions.$inferSelect;
export type QuestionKind = SurveyQuestion["kind"];

/** Results of anonymous surveys (and per-group response rates) show only from this many answers. */
export const ANONYMITY_THRESHOLD = 5;
export const DAY = 24 * 60 * 60 * 1000;

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
  /** Closes at the start of the cohort's first evening, whatever closesAt says (pre-meeting.server.ts). */
  preMeeting?: boolean;
  createdByUserId?: number | null;
};

export function normaliseQuestion(q: QuestionInput) {
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

export function checkWindow(opensAt: Date, closesAt: Date) {
  if (!(closesAt.getTime() > opensAt.getTime())) throw new SurveyError("surveys.errors.closesBeforeOpens");
}
