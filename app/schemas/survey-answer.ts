/** A survey's answer validator; the browser loads this module only when the answer form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { buildAnswerSchema, type AnswerQuestion } from "~/utils/survey-answers";

export const answerValidator = (questions: AnswerQuestion[]) => {
  const schema = buildAnswerSchema(questions);
  return (formData: FormData) => parseWithZod(formData, { schema });
};
