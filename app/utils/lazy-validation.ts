/**
 * Client-side Conform validation whose zod schema is downloaded only when the form is first used.
 *
 * zod and @conform-to/zod are a large part of a page's JavaScript. Pages whose only forms are small and
 * optional (log in, withdraw from a cohort, partner request) load them on the first focus or
 * pointer press inside the form instead of with the page, keeping participant pages light on phones. Until the validator has arrived the form is validated by the action,
 * which returns the same i18n keys through `lastResult`, so the same messages appear next to the
 * same fields either way.
 */
import type { Submission, SubmissionResult } from "@conform-to/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/** `Value` is what the form holds before parsing (zod's input type), `Output` what parsing gives. */
export type Validate<Output, Value = Output> = (formData: FormData) => Submission<Output, string[], Value>;

export function useLazyValidation<Output, Value = Output>(load: () => Promise<Validate<Output, Value>>) {
  const [validate, setValidate] = useState<Validate<Output, Value>>();
  const loadRef = useRef(load);
  loadRef.current = load;
  const started = useRef(false);
  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    loadRef.current().then(
      (v) => setValidate(() => v),
      () => {
        // Offline or a new deploy: the action still validates; try again on the next use.
        started.current = false;
      },
    );
  }, []);
  return {
    /** For useForm: undefined until the validator is loaded (the server validates meanwhile). */
    onValidate: validate ? ({ formData }: { formData: FormData }) => validate(formData) : undefined,
    /** Spread on the <Form>: starts the download when the form is first used. */
    triggerProps: { onFocus: start, onPointerDown: start },
    /**
     * For useForm's shouldValidate / shouldRevalidate: `mode` once the validator is loaded, "onSubmit"
     * until then. Without a validator Conform would send the form to the action on every blur or input.
     */
    validateOn: (mode: "onSubmit" | "onBlur" | "onInput") => (validate ? mode : "onSubmit"),
  };
}

/** What an action replies for one of a page's many forms: the form's id and Conform's reply. */
export type FormReply = { formId: string | null; result: SubmissionResult<string[]> | null } | undefined;

type Shown = { formId: string; errors: Record<string, string[]>; validated: string[]; reply: FormReply };

/** The errors to show: those of the validated fields (all of them when the whole form was validated). */
export function errorsToShow(error: Record<string, string[] | null> | null | undefined, validated: string[] | "all") {
  const shown: Record<string, string[]> = {};
  for (const [name, messages] of Object.entries(error ?? {})) {
    if (messages?.length && (validated === "all" || validated.includes(name))) shown[name] = messages;
  }
  return shown;
}

function focusFirstInvalid(form: HTMLFormElement, errors: Record<string, string[]>) {
  for (const element of Array.from(form.elements)) {
    const name = (element as HTMLInputElement).name;
    if (name && errors[name] && (element as HTMLInputElement).type !== "hidden") {
      (element as HTMLElement).focus();
      return;
    }
  }
}

/**
 * useLazyValidation for a page of many small forms of one schema (a request form on every card): one
 * validator and one piece of state for the whole page, instead of a Conform `useForm` per form (a form
 * store with subscriptions and field metadata per card, on every server render). It behaves
 * like those forms did (`shouldValidate: "onBlur"`, the default): a field is validated when it is left
 * (with "onSubmit" it is not), the whole form when it is sent, a form with errors is not sent and its first invalid field gets the focus.
 * Until the validator has arrived (and without JavaScript) the action validates, and its reply gives
 * the same i18n keys. Spread `formProps` on every form (each with its own `id`); `errorsOf(id)` gives
 * that form's errors by field name.
 */
export function useLazyFormsValidation<Output>(
  load: () => Promise<Validate<Output>>,
  reply: FormReply,
  { shouldValidate = "onBlur" }: { shouldValidate?: "onBlur" | "onSubmit" } = {},
) {
  const { onValidate, triggerProps } = useLazyValidation(load);
  const [shown, setShown] = useState<Shown>();
  const latest = useRef({ onValidate, reply });
  latest.current = { onValidate, reply };

  // A reply with errors (the action validated): focus its first invalid field, as Conform does.
  useEffect(() => {
    if (!reply?.formId || reply.result?.status !== "error") return;
    const form = document.getElementById(reply.formId);
    if (form instanceof HTMLFormElement) focusFirstInvalid(form, errorsToShow(reply.result.error, "all"));
  }, [reply]);

  const formProps = useMemo(() => {
    /** Validates the form (`field`: after leaving that field; null: on submit); false when it has errors. */
    const check = (form: HTMLFormElement, field: string | null) => {
      const { onValidate: validate, reply: current } = latest.current;
      if (!validate) return true;
      const formData = new FormData(form);
      const submission = validate({ formData });
      const error = submission.status === "error" ? submission.error : null;
      setShown((previous) => {
        const before = previous && previous.formId === form.id && previous.reply === current ? previous.validated : [];
        const validated = field === null ? [...new Set(formData.keys())] : [...new Set([...before, field])];
        const errors = errorsToShow(error, field === null ? "all" : validated);
        return { formId: form.id, errors, validated, reply: current };
      });
      if (field === null && error) focusFirstInvalid(form, errorsToShow(error, "all"));
      return !error || Object.keys(errorsToShow(error, "all")).length === 0;
    };
    return {
      noValidate: true,
      ...triggerProps,
      onBlur: (event: React.FocusEvent<HTMLFormElement>) => {
        const target: EventTarget = event.target;
        const isField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
        if (shouldValidate === "onSubmit") return;
        if (isField && target.name && target.form === event.currentTarget && target.type !== "hidden") check(event.currentTarget, target.name);
      },
      onSubmit: (event: React.FormEvent<HTMLFormElement>) => {
        if (!check(event.currentTarget, null)) event.preventDefault();
      },
    };
    // triggerProps is a new object on every render; its handler is stable.
  }, [triggerProps.onFocus, shouldValidate]);

  const errorsOf = (formId: string): Record<string, string[]> | undefined => {
    if (shown && shown.formId === formId && shown.reply === reply) return shown.errors;
    if (reply?.formId === formId && reply.result) return errorsToShow(reply.result.error, "all");
    return undefined;
  };
  return { formProps, errorsOf };
}
