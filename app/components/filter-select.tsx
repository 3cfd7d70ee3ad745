import { Field, Label, Select } from "@digdir/designsystemet-react";

/**
 * A list page's filter (a GET form, no Conform): a labelled select whose first option, "", means every
 * value. `options` are values, or value/label pairs when the label differs.
 */
export function FilterSelect({
  id,
  name,
  label,
  allLabel,
  options,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  options: readonly (string | { value: string; label: string })[];
  defaultValue: string;
}) {
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} defaultValue={defaultValue}>
        <Select.Option value="">{allLabel}</Select.Option>
        {options.map((o) => {
          const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <Select.Option key={value} value={value}>
              {text}
            </Select.Option>
          );
        })}
      </Select>
    </Field>
  );
}
