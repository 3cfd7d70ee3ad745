/** The forms of the survey editor (/cohorts/:slug/surveys/:id), one intent each. */
import { z } from "zod";
import type { QuestionInput } from "~/models/surveys/rules";
import { calendarDate } from "~/utils/cohort-validation";
import { PLAIN_TEXT_ERROR, plainText } from "~/utils/user-validation";

// The prompt is a textarea; the title one line.
const text = (max: number, multiLine = false) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }).refine(plainText({ multiLine }), PLAIN_TEXT_ERROR);
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: "validation.tooLong" }).refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR).optional();
const date = calendarDate("surveys.errors.invalidDate");
const time = z.string({ error: "validation.required" }).regex(/^\d{2}:\d{2}$/, { error: "surveys.errors.invalidDate" });
const questionFields = {
  prompt: text(1000, true),
  kind: z.enum(["scale", "single", "multi", "text"]),
  required: z.literal("on").optional(),
  options: optionalText(4000),
  scaleMinLabel: optionalText(100),
  scaleMaxLabel: optionalText(100),
};
export const IdSchema = z.coerce.number().int().positive();

export const SurveyEditorSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("settings"),
    title: text(200),
    intro: optionalText(2000),
    opensDate: date,
    opensTime: time,
    closesDate: date,
    closesTime: time,
    answeredBy: z.enum(["participant", "partnership"]),
    anonymous: z.literal("on").optional(),
    preMeeting: z.literal("on").optional(),
  }),
  z.object({ intent: z.literal("grouping"), groupBy: z.coerce.number().int().positive().optional() }),
  z.object({ intent: z.literal("question"), questionId: IdSchema, ...questionFields }),
  z.object({ intent: z.literal("add"), ...questionFields }),
  z.object({ intent: z.literal("move"), questionId: IdSchema, direction: z.enum(["up", "down"]) }),
  z.object({ intent: z.literal("delete-question"), questionId: IdSchema }),
  z.object({ intent: z.literal("remind") }),
  z.object({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("delete-survey") }),
]);

/** A question form's fields as the editor's model takes them (one option per line). */
export function toQuestionInput(v: { prompt: string; kind: QuestionInput["kind"]; required?: "on"; options?: string; scaleMinLabel?: string; scaleMaxLabel?: string }): QuestionInput {
  return {
    kind: v.kind,
    prompt: v.prompt,
    required: v.required === "on",
    options: (v.options ?? "").split(/\r?\n/).map((o) => o.trim()).filter(Boolean),
    scaleMinLabel: v.scaleMinLabel || null,
    scaleMaxLabel: v.scaleMaxLabel || null,
  };
}
