/**
 * The form of an offer in the network (new and edit pages): treatment forms, description, where,
 * new patients and waiting time, how colleagues reach the practice, and whether it is listed.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Checkbox, Fieldset, Radio, ValidationMessage } from "@digdir/designsystemet-react";
import { Form, useNavigation } from "react-router";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, TextField, useFieldError } from "~/components/forms";
import { OfferSchema } from "~/models/offers/rules";
import { OFFER_CONTACT_CHANNELS } from "../../db/enums-offers";

export type OfferFormDefaults = {
  formIds: string[];
  description: string;
  municipality: string;
  address: string;
  takesNewPatients: "yes" | "no";
  waitingWeeks: string;
  contactChannel: string;
  contactDetail: string;
  published: "on" | "";
};

export function OfferForm({
  forms,
  defaults,
  lastResult,
}: {
  forms: { id: number; name: string }[];
  defaults: Partial<OfferFormDefaults>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const errorOf = useFieldError();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(OfferSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: defaults,
  });
  const chosen = ([] as unknown[]).concat(fields.formIds.initialValue ?? []).map(String);
  const formsError = errorOf(fields.formIds);
  const newError = errorOf(fields.takesNewPatients);
  const channelError = errorOf(fields.contactChannel);
  return (
    <Form method="post" className="form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <Fieldset aria-describedby={formsError ? fields.formIds.errorId : undefined}>
        <Fieldset.Legend>{t("offers.fields.forms")}</Fieldset.Legend>
        {forms.map((f) => (
          <Checkbox key={f.id} name={fields.formIds.name} value={String(f.id)} label={f.name} defaultChecked={chosen.includes(String(f.id))} aria-invalid={formsError ? true : undefined} />
        ))}
        {formsError ? <ValidationMessage id={fields.formIds.errorId}>{formsError}</ValidationMessage> : null}
      </Fieldset>
      <TextField meta={fields.description} label={t("offers.fields.description")} description={t("offers.fields.descriptionHint")} multiline rows={3} />
      <TextField meta={fields.municipality} label={t("offers.fields.municipality")} autoComplete="address-level2" />
      <TextField meta={fields.address} label={t("offers.fields.address")} autoComplete="street-address" />
      <Fieldset aria-describedby={newError ? fields.takesNewPatients.errorId : undefined}>
        <Fieldset.Legend>{t("offers.fields.takesNewPatients")}</Fieldset.Legend>
        {(["yes", "no"] as const).map((v) => (
          <Radio key={v} name={fields.takesNewPatients.name} value={v} label={t(`offers.fields.${v}`)} defaultChecked={fields.takesNewPatients.initialValue === v} />
        ))}
        {newError ? <ValidationMessage id={fields.takesNewPatients.errorId}>{newError}</ValidationMessage> : null}
      </Fieldset>
      <TextField meta={fields.waitingWeeks} label={t("offers.fields.waitingWeeks")} type="number" />
      <Fieldset aria-describedby={channelError ? fields.contactChannel.errorId : undefined}>
        <Fieldset.Legend>{t("offers.fields.contactChannel")}</Fieldset.Legend>
        {OFFER_CONTACT_CHANNELS.map((c) => (
          <Radio key={c} name={fields.contactChannel.name} value={c} label={t(`offers.channels.${c}`)} defaultChecked={fields.contactChannel.initialValue === c} />
        ))}
        {channelError ? <ValidationMessage id={fields.contactChannel.errorId}>{channelError}</ValidationMessage> : null}
      </Fieldset>
      <TextField meta={fields.contactDetail} label={t("offers.fields.contactDetail")} />
      <CheckboxField meta={fields.published} label={t("offers.fields.published")} />
      <Button type="submit" disabled={busy}>
        {t("offers.save")}
      </Button>
    </Form>
  );
}
