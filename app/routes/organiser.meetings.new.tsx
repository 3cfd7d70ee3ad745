/** An organiser creates a network meeting (fagdag / nettverksmøte): a one-session cohort (docs/decisions/016). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Checkbox, Fieldset, Heading, Paragraph, Radio, ValidationMessage } from "@digdir/designsystemet-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, TextField, useFieldError } from "~/components/forms";
import { CohortError } from "~/models/cohorts/admin.server";
import { publishCohort } from "~/models/cohorts/lifecycle.server";
import { createMeeting, meetingSitesFor } from "~/models/meetings/meetings.server";
import i18next from "~/i18next.server";
import { CohortFields, DateSchema, TimeSchema } from "~/utils/cohort-validation";
import { PLAIN_TEXT_ERROR, plainText } from "~/utils/user-validation";
import { forbidden, requireAnyOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { MEETING_AUDIENCES } from "../../db/schema";

const AUDIENCE_LABEL = { site: "Site", sites: "Sites", network: "Network" } as const;

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

const MeetingSchema = z.object({
  title: CohortFields.title,
  siteId: CohortFields.siteId,
  date: DateSchema,
  startTime: TimeSchema,
  endTime: TimeSchema,
  venue: z.string().trim().max(300, "validation.tooLong").refine(plainText(), PLAIN_TEXT_ERROR).optional().default(""),
  meetingUrl: z
    .string()
    .trim()
    .max(500, "validation.tooLong")
    .regex(/^https:\/\/\S+$/, "registration.errors.urlInvalid")
    .optional(),
  programme: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(10_000, "validation.tooLong"),
  description: CohortFields.description,
  capacityGp: CohortFields.capacityGp,
  capacityPhysio: CohortFields.capacityPhysio,
  capacityOther: CohortFields.capacityOther,
  audience: z.enum(MEETING_AUDIENCES, { error: "validation.required" }),
  audienceSiteIds: z.array(z.number().int()).optional().default([]),
  publishNow: z.boolean().optional().default(false),
});

export const meta: MetaFunction = () => [{ title: "Opprett fagdag – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyOrganiser(request);
  const mySites = meetingSitesFor(user);
  if (!mySites.length) forbidden();
  // Any site may be in the audience; the host is one where the organiser organises.
  const allSites = meetingSitesFor({ id: user.id, isAdmin: true });
  return {
    sites: mySites.map((s) => ({ value: String(s.id), label: s.name })),
    allSites: allSites.map((s) => ({ value: String(s.id), label: s.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAnyOrganiser(request);
  const submission = parseWithZod(await request.formData(), { schema: MeetingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { publishNow, meetingUrl, ...input } = submission.value;
  const t = await i18next.getFixedT(request);
  try {
    const meeting = createMeeting({ ...input, meetingUrl: meetingUrl ?? null }, user);
    if (publishNow) {
      publishCohort(meeting.id, user.id);
      return redirectWithToast(`/cohorts/${meeting.slug}`, { kind: "success", message: t("meetings.create.createdPublished") });
    }
    return redirectWithToast(`/cohorts/${meeting.slug}/manage`, { kind: "success", message: t("meetings.create.created") });
  } catch (error) {
    if (error instanceof CohortError) {
      return data({ result: submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function NewMeetingPage() {
  const { t } = useTranslation();
  const { sites, allSites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errorOf = useFieldError();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(MeetingSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MeetingSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      siteId: sites.length === 1 ? sites[0]!.value : undefined,
      startTime: "12:00",
      endTime: "15:30",
      capacityGp: "20",
      capacityPhysio: "40",
      capacityOther: "0",
      audience: "site",
    },
  });
  const audience = fields.audience.value ?? "site";
  const hydrated = useHydrated();
  const chosen = new Set([fields.audienceSiteIds.value].flat().filter(Boolean) as string[]);
  const siteIdsError = errorOf(fields.audienceSiteIds);
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("meetings.create.title")}
      </Heading>
      <Paragraph>{t("meetings.create.intro")}</Paragraph>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField meta={fields.title} label={t("meetings.form.title")} />
        <SelectField meta={fields.siteId} label={t("meetings.form.site")} options={sites} placeholder="—" />
        <TextField meta={fields.date} label={t("meetings.form.date")} type="date" />
        <TextField meta={fields.startTime} label={t("meetings.form.startTime")} type="time" />
        <TextField meta={fields.endTime} label={t("meetings.form.endTime")} type="time" />
        <TextField meta={fields.venue} label={t("meetings.form.venue")} description={t("meetings.form.venueHint")} />
        <TextField meta={fields.meetingUrl} label={t("meetings.form.meetingUrl")} description={t("meetings.form.meetingUrlHint")} type="url" />
        <TextField meta={fields.description} label={t("meetings.form.description")} multiline rows={3} />
        <TextField meta={fields.programme} label={t("meetings.form.programme")} description={t("meetings.form.programmeHint")} multiline rows={8} />
        <TextField meta={fields.capacityGp} label={t("registration.form.capacityGp")} type="number" />
        <TextField meta={fields.capacityPhysio} label={t("registration.form.capacityPhysio")} type="number" />
        <TextField meta={fields.capacityOther} label={t("registration.form.capacityOther")} type="number" />
        <Fieldset>
          <Fieldset.Legend>{t("meetings.form.audience")}</Fieldset.Legend>
          {MEETING_AUDIENCES.map((value) => {
            const { key: _key, ...props } = getInputProps(fields.audience, { type: "radio", value });
            return <Radio key={value} {...props} label={t(`meetings.form.audience${AUDIENCE_LABEL[value]}`)} />;
          })}
        </Fieldset>
        {/* Shown without JavaScript too; with it, only when chosen sites is picked. */}
        {audience === "sites" || !hydrated ? (
          <Fieldset>
            <Fieldset.Legend>{t("meetings.form.audienceSiteIds")}</Fieldset.Legend>
            {allSites.map((s) => (
              <Checkbox key={s.value} name={fields.audienceSiteIds.name} value={s.value} label={s.label} defaultChecked={chosen.has(s.value)} />
            ))}
            {siteIdsError ? <ValidationMessage id={fields.audienceSiteIds.errorId}>{siteIdsError}</ValidationMessage> : null}
          </Fieldset>
        ) : null}
        <CheckboxField meta={fields.publishNow} label={t("meetings.form.publishNow")} />
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("common.sending") : t("meetings.create.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
