/**
 * The questions of a survey as form fields (the answer page and the organiser's preview).
 * Field names are `q<questionId>`; errors are i18n keys from app/utils/survey-answers.ts.
 */
import { Checkbox, Fieldset, Radio, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { fieldName, SCALE_MAX, SCALE_MIN } from "~/utils/survey-answers";

export type QuestionView = {
  id: number;
  kind: "scale" | "single" | "multi" | "text";
  prompt: string;
  required: boolean;
  options: string[] | null;
  scaleMinLabel: string | null;
  scaleMaxLabel: string | null;
};

export function SurveyQuestions({
  questions,
  errors = {},
  idPrefix = "",
  disabled,
}: {
  questions: QuestionView[];
  errors?: Record<string, string[] | undefined>;
  idPrefix?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {questions.map((q, index) => {
        const name = fieldName(q.id);
        const id = `${idPrefix}${name}`;
        const errorKey = errors[name]?.[0];
        const error = errorKey ? t(errorKey) : undefined;
        const errorId = `${id}-error`;
        const legend = (
          <>
            {index + 1}. {q.prompt}
            {q.required ? <span className="muted"> {t("surveys.answer.required")}</span> : null}
          </>
        );
        if (q.kind === "text") {
          return (
            <Textfield
              key={q.id}
              id={id}
              name={name}
              multiline
              rows={4}
              label={legend}
              description={t("common.noPatientData")}
              error={error}
              disabled={disabled}
              aria-required={q.required || undefined}
            />
          );
        }
        const choices =
          q.kind === "scale"
            ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => String(SCALE_MIN + i))
            : (q.options ?? []);
        return (
          <Fieldset key={q.id} id={id} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
            <Fieldset.Legend>{legend}</Fieldset.Legend>
            {q.kind === "scale" && (q.scaleMinLabel || q.scaleMaxLabel) ? (
              <Fieldset.Description>
                {t("surveys.answer.scaleHint", { min: q.scaleMinLabel ?? "", max: q.scaleMaxLabel ?? "" })}
              </Fieldset.Description>
            ) : null}
            <div className={q.kind === "scale" ? "row" : "stack-sm"} style={q.kind === "scale" ? { gap: "0.5rem 1.25rem" } : undefined}>
              {choices.map((value, i) => {
                const label =
                  q.kind === "scale" && i === 0 && q.scaleMinLabel
                    ? `${value} – ${q.scaleMinLabel}`
                    : q.kind === "scale" && i === choices.length - 1 && q.scaleMaxLabel
                      ? `${value} – ${q.scaleMaxLabel}`
                      : value;
                return q.kind === "multi" ? (
                  <Checkbox key={value} name={name} value={value} label={label} disabled={disabled} />
                ) : (
                  <Radio key={value} name={name} value={value} label={label} disabled={disabled} />
                );
              })}
            </div>
            {error ? <ValidationMessage id={errorId}>{error}</ValidationMessage> : null}
          </Fieldset>
        );
      })}
    </>
  );
}
