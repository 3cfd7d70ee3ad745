import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { OrganiserNav } from "~/components/organiser-nav";
import { listEvenings } from "~/models/cohorts/pages.server";
import { COHORT_RETENTION_MONTHS, cohortRetentionState, cohortStatistics, deleteCohortPersonalData, RetentionError } from "~/models/privacy.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { formatDate } from "~/utils/time";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";

export const meta: MetaFunction = () => [{ title: "Personopplysninger – Knutepunkt" }];

const confirmSchema = (slug: string) =>
  z.object({
    confirmSlug: z
      .string({ error: "validation.required" })
      .trim()
      .refine((v) => v === slug, { error: "retention.confirmMismatch" }),
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const locale = toAppLocale(await i18next.getLocale(request));
  const state = cohortRetentionState(cohort.id)!;
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    eveningNumbers: listEvenings(cohort.id).map((e) => e.number),
    months: COHORT_RETENTION_MONTHS,
    canDelete: state.canDelete,
    deletedAt: state.deletedAt ? formatDate(state.deletedAt, locale) : null,
    lastEveningEnds: state.lastEveningEnds ? formatDate(state.lastEveningEnds, locale) : null,
    deletableFrom: state.deletableFrom ? formatDate(state.deletableFrom, locale) : null,
    movedEarlierFrom: state.movedEarlierFrom ? formatDate(state.movedEarlierFrom, locale) : null,
    statistics: cohortStatistics(cohort.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const submission = parseWithZod(await request.formData(), { schema: confirmSchema(cohort.slug) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    deleteCohortPersonalData(cohort.id, user.id);
  } catch (error) {
    if (error instanceof RetentionError) {
      return data({ result: submission.reply({ formErrors: [`retention.errors.${error.message}`] }) }, { status: 409 });
    }
    throw error;
  }
  const t = await i18next.getFixedT(request);
  return redirectWithToast(`/cohorts/${cohort.slug}/personal-data`, { kind: "success", message: t("retention.done") });
}

export default function CohortPersonalDataPage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldValidate: "onSubmit" });
  const s = d.statistics;
  return (
    <div className="stack" style={{ maxWidth: "44rem" }}>
      <OrganiserNav slug={d.cohort.slug} eveningNumbers={d.eveningNumbers} />
      <Heading level={1} data-size="lg">
        {t("retention.title")}
      </Heading>
      <Paragraph className="muted">{d.cohort.title}</Paragraph>
      <Paragraph>{t("retention.intro", { months: d.months })}</Paragraph>
      <Paragraph>{t("retention.removed")}</Paragraph>
      <Paragraph>{t("retention.kept")}</Paragraph>
      {d.lastEveningEnds ? <Paragraph>{t("retention.lastEvening", { date: d.lastEveningEnds })}</Paragraph> : <Paragraph>{t("retention.noEvenings")}</Paragraph>}
      {d.movedEarlierFrom ? <Paragraph>{t("retention.movedEarlier", { date: d.movedEarlierFrom })}</Paragraph> : null}
      <section className="stack-sm" aria-labelledby="stats">
        <Heading level={2} data-size="sm" id="stats">
          {t("retention.stats")}
        </Heading>
        <ul>
          {s.registrationsByStatus.map((r) => (
            <li key={`${r.profession}-${r.status}`}>
              {t("retention.registrations", { status: t(`registration.status.${r.status}`), profession: t(`common.professionsPlural.${r.profession}`), n: r.n })}
            </li>
          ))}
          {s.attendanceByEvening.map((a) => (
            <li key={`${a.number}-${a.status}`}>{t("retention.attendanceRow", { number: a.number, status: t(`attendance.statuses.${a.status}`), n: a.n })}</li>
          ))}
          <li>{t("retention.certificates", { n: s.certificatesIssued })}</li>
          <li>{t("retention.partnerships", { n: s.partnerships })}</li>
        </ul>
      </section>
      {d.deletedAt ? (
        <Alert data-color="info">{t("retention.alreadyDeleted", { date: d.deletedAt })}</Alert>
      ) : d.canDelete ? (
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.errors?.length ? <Alert data-color="danger">{t(form.errors[0]!)}</Alert> : null}
          <TextField meta={fields.confirmSlug} label={t("retention.confirmLabel", { slug: d.cohort.slug })} />
          <div>
            <Button type="submit" data-color="danger" disabled={navigation.state === "submitting"}>
              {t("retention.submit")}
            </Button>
          </div>
        </Form>
      ) : d.deletableFrom ? (
        <Alert data-color="info">{t("retention.notYet", { date: d.deletableFrom })}</Alert>
      ) : null}
    </div>
  );
}
