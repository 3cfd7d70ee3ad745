/**
 * Designsystemet fields wired to Conform: the error (an i18n key from the shared zod schema) is
 * translated and shown next to the field, and the value typed survives a failed submit.
 */
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Checkbox, Field, Label, Select, Textfield, ValidationMessage, ErrorSummary } from "@digdir/designsystemet-react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** A field of a Conform form, whatever its schema; the helpers only read its name, value, errors and ids. */
export type FieldMeta = FieldMetadata<unknown, Record<string, unknown>, string[]>;
type Meta = FieldMeta;

/** A field error's text: the errors are i18n keys of the shared zod schemas. */
export function fieldErrorText(t: TFunction, key: string) {
  return t(key, { min: 10, max: 1000 });
}

export function useFieldError() {
  const { t } = useTranslation();
  return (meta: Meta) => {
    const key = meta.errors?.[0];
    return key ? fieldErrorText(t, key) : undefined;
  };
}

export function TextField({
  meta,
  label,
  description,
  type = "text",
  autoComplete,
  multiline,
  rows,
}: {
  meta: Meta;
  label: string;
  description?: string;
  type?: "text" | "email" | "password" | "tel" | "number" | "date" | "time" | "url" | "datetime-local" | "search";
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
}) {
  const error = useFieldError()(meta);
  if (multiline) {
    const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
    return <Textfield key={key} multiline rows={rows ?? 4} label={label} description={description} error={error} {...props} />;
  }
  const { key, ...props } = getInputProps(meta, { type, ariaAttributes: true });
  return <Textfield key={key} label={label} description={description} error={error} autoComplete={autoComplete} {...props} />;
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
  description,
}: {
  meta: Meta;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
  description?: string;
}) {
  const error = useFieldError()(meta);
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <Field>
      <Label htmlFor={meta.id}>{label}</Label>
      {description ? <Field.Description>{description}</Field.Description> : null}
      <Select key={key} {...props} aria-invalid={error ? true : undefined}>
        {placeholder !== undefined ? <Select.Option value="">{placeholder}</Select.Option> : null}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label}
          </Select.Option>
        ))}
      </Select>
      {error ? <ValidationMessage id={meta.errorId}>{error}</ValidationMessage> : null}
    </Field>
  );
}

export function CheckboxField({ meta, label }: { meta: Meta; label: string }) {
  const error = useFieldError()(meta);
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaAttributes: true });
  return <Checkbox key={key} label={label} error={error} {...props} />;
}

/** Form-level errors (not tied to one field), announced to screen readers. */
export function FormErrors({ errors }: { errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ErrorSummary>
      <ErrorSummary.Heading>{t("common.fixErrors")}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {errors.map((e) => (
          <ErrorSummary.Item key={e}>{t(e)}</ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/**
 * A Designsystemet textarea field written as the plain elements `<Field>`/`<Textarea>` render, for a form
 * repeated on every card of a long list (partner finder, network), where the components' hooks would run on
 * every card. The error, when given, is shown under the field with `errorId` as its id.
 */
export function PlainTextareaField({
  id,
  label,
  description,
  error,
  errorId,
  ...textarea
}: { id: string; label: string; description?: string; error?: string; errorId?: string } & Omit<
  React.TextareaHTMLAttributes<HTMLTextAreaElement>,
  "id" | "className"
>) {
  return (
    <ds-field class="ds-field" suppressHydrationWarning>
      <label className="ds-label" htmlFor={id} suppressHydrationWarning>
        {label}
      </label>
      {description ? (
        <div data-field="description" suppressHydrationWarning>
          {description}
        </div>
      ) : null}
      <div className="ds-field-affixes">
        <textarea className="ds-input" id={id} aria-invalid={error ? true : undefined} {...textarea} />
      </div>
      {error ? (
        <p className="ds-validation-message" data-field="validation" id={errorId} suppressHydrationWarning>
          {error}
        </p>
      ) : null}
    </ds-field>
  );
}
