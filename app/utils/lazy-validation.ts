/**
 * Client-side Conform validation whose zod schema is downloaded only when the form is first used.
 *
 * zod and @conform-to/zod are ~30 kB gzip in the browser. Pages whose only forms are small and
 * optional (log in, withdraw from a cohort, partner request) load them on the first focus or
 * pointer press inside the form instead of with the page (issue 7: at most 150 kB of JavaScript
 * per participant page). Until the validator has arrived the form is validated by the action,
 * which returns the same i18n keys through `lastResult`, so the same messages appear next to the
 * same fields either way.
 */
import type { Submission } from "@conform-to/react";
import { useCallback, useRef, useState } from "react";

export type Validate<Output> = (formData: FormData) => Submission<Output, string[]>;

export function useLazyValidation<Output>(load: () => Promise<Validate<Output>>) {
  const [validate, setValidate] = useState<Validate<Output>>();
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
  };
}
