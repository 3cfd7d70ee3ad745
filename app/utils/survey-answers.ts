/**
 * The answer validator for a survey, built from its questions. Shared by the server (the action)
 * and the browser (Conform's onValidate). Each field is named `q<questionId>`; error messages are
 * i18n keys so every field gets its own Norwegian message.
 */
import { z } from "zod";
import { PLAIN_TEXT_ERROR, plainText } from "./user-validation";

export type AnswerQuestion = {
  id: number;
  kind: "scale" | "single" | "multi" | "text";
  required: boolean;
  options: string[] | null;
};

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
export const TEXT_MAX = 5000;

export type AnswerValue = { scaleValue?: number; choices?: string[]; text?: string };

export const fieldName = (questionId: number) => `q${questionId}`;

const REQUIRED = "surveys.errors.required";

function questionSchema(q: AnswerQuestion): z.ZodType {
  const options = q.options ?? [];
  let schema: z.ZodType;
  switch (q.kind) {
    case "scale":
      schema = z
        .string({ error: REQUIRED })
        .trim()
        .regex(/^\d+$/, { error: "surveys.errors.scaleRange" })
        .transform(Number)
        .refine((n) => n >= SCALE_MIN && n <= SCALE_MAX, { error: "surveys.errors.scaleRange" });
      break;
    case "single":
      schema = z.string({ error: REQUIRED }).refine((v) => options.includes(v), { error: "surveys.errors.unknownOption" });
      break;
    case "multi":
      schema = z.preprocess(
        (v) => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]),
        z
          .array(z.string(), { error: REQUIRED })
          .min(1, { error: REQUIRED })
          .refine((vs) => vs.every((v) => options.includes(v)), { error: "surveys.errors.unknownOption" })
          .refine((vs) => new Set(vs).size === vs.length, { error: "surveys.errors.unknownOption" }),
      );
      break;
    case "text":
      schema = z
        .string({ error: REQUIRED })
        .trim()
        .min(1, { error: REQUIRED })
        .max(TEXT_MAX, { error: "surveys.errors.tooLong" })
        .refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR);
      break;
  }
  return q.required ? schema : schema.optional();
}

/** A zod object with one field per question. Unknown fields are dropped. */
export function buildAnswerSchema(questions: AnswerQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions) shape[fieldName(q.id)] = questionSchema(q);
  return z.object(shape);
}

/** Parsed form values → one answer per answered question. */
export function toAnswers(questions: AnswerQuestion[], value: Record<string, unknown>): Map<number, AnswerValue> {
  const answers = new Map<number, AnswerValue>();
  for (const q of questions) {
    const v = value[fieldName(q.id)];
    if (v === undefined || v === null || v === "") continue;
    if (q.kind === "scale") answers.set(q.id, { scaleValue: v as number });
    else if (q.kind === "single") answers.set(q.id, { choices: [v as string] });
    else if (q.kind === "multi") answers.set(q.id, { choices: v as string[] });
    else answers.set(q.id, { text: v as string });
  }
  return answers;
}
