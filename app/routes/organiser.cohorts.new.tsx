import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useFetcher, useLoaderData, useNavigation } from "react-router";
import { useEffect, useRef } from "react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { CohortError, createCohortFromTemplate } from "~/models/cohorts/admin.server";
import { getTemplate, listSites } from "~/models/cohorts/pages.server";
import i18next from "~/i18next.server";
import { CohortFields, DateSchema } from "~/utils/cohort-validation";
import { requireAnyOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { suggestSlug } from "~/utils/slug";
import type { loader as slugLoader } from "./organiser.cohorts.slug-available";

const NewCohortSchema = z.object({
  ...CohortFields,
  registrationUntilEvening: z.number().int().min(1).max(2).optional().default(1),
  date1: DateSchema,
  date2: DateSchema,
  date3: DateSchema,
  date4: DateSchema,
  date5: DateSchema,
});

export const meta: MetaFunction = () => [{ title: "Opprett kurs – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnyOrganiser(request);
  return { sites: listSites().map((s) => ({ value: String(s.id), label: s.name })), themes: getTemplate()?.themes.map((x) => x.theme) ?? [] };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAnyOrganiser(request);
  const submission = parseWithZod(await request.formData(), { schema: NewCohortSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { date1, date2, date3, date4, date5, ...input } = submission.value;
  try {
    const cohort = createCohortFromTemplate({ ...input, eveningDates: [date1, date2, date3, date4, date5] }, user.id);
    const t = await i18next.getFixedT(request);
    return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("registration.create.created") });
  } catch (error) {
    if (error instanceof CohortError) {
      return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function NewCohortPage() {
  const { t } = useTranslation();
  const { sites, themes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(NewCohortSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCohortSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { capacityGp: "20", capacityPhysio: "40", capacityOther: "0", registrationUntilEvening: "1" },
  });
  const dates = [fields.date1, fields.date2, fields.date3, fields.date4, fields.date5];
  // The address follows the title until the organiser edits it; whether it is free is asked as they type.
  const slugEdited = useRef(false);
  const check = useFetcher<typeof slugLoader>();
  const slug = typeof fields.slug.value === "string" ? fields.slug.value : "";
  useEffect(() => {
    if (!slug) return;
    const timer = setTimeout(() => check.load(`/organiser/cohorts/slug-available?slug=${encodeURIComponent(slug)}`), 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slug]);
  const onInput = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === fields.slug.name) slugEdited.current = target.value !== "";
    if (target.name === fields.title.name && !slugEdited.current) form.update({ name: fields.slug.name, value: suggestSlug(target.value) });
  };
  const checked = check.data && check.data.slug === slug ? check.data : null;
  const slugStatus = checked
    ? t(checked.available ? "lifecycle.slug.available" : "lifecycle.slug.taken")
    : !slugEdited.current && slug
      ? t("lifecycle.slug.suggested")
      : undefined;
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("registration.create.title")}
      </Heading>
      <Paragraph>{t("registration.create.intro")}</Paragraph>
      <Form method="post" className="form" {...getFormProps(form)} onInput={onInput}>
        <FormErrors errors={form.errors} />
        <TextField meta={fields.title} label={t("registration.form.title")} />
        <TextField
          meta={fields.slug}
          label={t("registration.form.slug")}
          description={slugStatus ? `${t("registration.form.slugHint")} ${slugStatus}` : t("registration.form.slugHint")}
        />
        <p aria-live="polite" className="visually-hidden">
          {slugStatus}
        </p>
        <SelectField meta={fields.siteId} label={t("registration.form.site")} options={sites} placeholder="—" />
        <TextField meta={fields.venue} label={t("registration.form.venue")} />
        <TextField meta={fields.description} label={t("registration.form.description")} multiline rows={4} />
        <TextField meta={fields.opensOn} label={t("registration.form.opensAt")} type="date" />
        <TextField meta={fields.closesOn} label={t("registration.form.closesAt")} type="date" />
        <SelectField
          meta={fields.registrationUntilEvening}
          label={t("lifecycle.registrationUntil.label")}
          options={[
            { value: "1", label: t("lifecycle.registrationUntil.first") },
            { value: "2", label: t("lifecycle.registrationUntil.second") },
          ]}
        />
        <TextField meta={fields.capacityGp} label={t("registration.form.capacityGp")} type="number" />
        <TextField meta={fields.capacityPhysio} label={t("registration.form.capacityPhysio")} type="number" />
        <TextField meta={fields.capacityOther} label={t("registration.form.capacityOther")} type="number" />
        <Fieldset>
          <Fieldset.Legend>{t("registration.cohort.evenings")}</Fieldset.Legend>
          <div className="stack">
            {dates.map((meta, i) => (
              <TextField key={meta.name} meta={meta} type="date" label={t("registration.form.eveningDate", { n: i + 1, theme: themes[i] ?? "" })} />
            ))}
          </div>
        </Fieldset>
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("common.sending") : t("registration.create.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
