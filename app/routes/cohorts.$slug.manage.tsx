/** The organiser hub of one cohort: the cohort's fields, each evening, and the organisers. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { DangerZone, OrganiserNav } from "~/components/organiser-nav";
import { AuditLog } from "~/components/audit-log";
import { AddOrganiserSchema, CancelEveningSchema, CohortSchema, EveningSchema, ManageSchema, PublishSchema } from "~/schemas/cohort-manage";
import { confirmedCount, queuedWithKeyPrefix } from "~/models/outbox-counts.server";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Card, Checkbox, Fieldset, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/forms";
import { addOrganiser, CohortError, removeOrganiser, setEveningCancelled, updateCohort, updateEvening } from "~/models/cohorts/admin.server";
import { getCohortDetails, listCohortOrganisers, listSites } from "~/models/cohorts/pages.server";
import { cohortPhase, publishCohort, PublishError, setArchived, signUpClosesAt } from "~/models/cohorts/lifecycle.server";
import { listAudit } from "~/models/audit.server";
import i18next from "~/i18next.server";
import { NotFoundError } from "~/models/errors";
import { toAppLocale } from "~/i18n";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime, instantToOslo } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.cohort.title} – Knutepunkt` : "Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const details = getCohortDetails(cohort.id)!;
  const locale = toAppLocale(await i18next.getLocale(request));
  const osloDate = (d: Date | null) => (d ? instantToOslo(d).date : "");
  return {
    cohort: {
      slug: cohort.slug,
      title: cohort.title,
      siteId: String(cohort.siteId),
      venue: cohort.venue,
      description: cohort.description,
      opensOn: osloDate(cohort.registrationOpensAt),
      closesOn: osloDate(cohort.registrationClosesAt),
      capacityGp: String(cohort.capacityGp),
      capacityPhysio: String(cohort.capacityPhysio),
      capacityOther: String(cohort.capacityOther),
      registrationUntilEvening: String(cohort.registrationUntilEvening),
      status: cohort.status,
    },
    phase: cohortPhase(cohort, details.evenings),
    closesAt: (() => {
      const closes = signUpClosesAt(cohort, details.evenings);
      return closes ? formatDateTime(closes, locale) : null;
    })(),
    sites: listSites().map((s) => ({ value: String(s.id), label: s.name })),
    goals: details.goals.map((g) => ({ id: g.id, text: g.text })),
    evenings: details.evenings.map((e) => ({
      id: e.id,
      number: e.number,
      date: instantToOslo(e.startsAt).date,
      startTime: instantToOslo(e.startsAt).time,
      endTime: instantToOslo(e.endsAt).time,
      venue: e.venue,
      theme: e.theme,
      content: e.content,
      selfStudyTask: e.selfStudyTask,
      materials: e.materials.map((m) => `${m.title} | ${m.url}`).join("\n"),
      goalIds: e.goalIds,
      status: e.status,
      cancelReason: e.cancelReason,
      revision: e.revision,
    })),
    organisers: listCohortOrganisers(cohort.id),
    mailRecipients: confirmedCount(cohort.id),
    audit: listAudit(cohort.id).map((a) => ({
      id: a.id,
      when: formatDateTime(a.createdAt, locale),
      who: a.actorName,
      action: a.action.replace(/\./g, "_"),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ManageSchema });
  const key = `${formData.get("intent")}:${formData.get("eveningId") ?? ""}`;
  if (submission.status !== "success") return data({ key, result: submission.reply() }, { status: 400 });
  const t = await i18next.getFixedT(request);
  const v = submission.value;
  try {
    switch (v.intent) {
      case "cohort": {
        const { intent: _, ...input } = v;
        const saved = await updateCohort(cohort.id, input, user.id);
        return redirectWithToast(`/cohorts/${saved.slug}/manage`, { kind: "success", message: t("registration.manage.cohortSaved") });
      }
      case "publish":
        publishCohort(cohort.id, user.id);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("lifecycle.publish.done") });
      case "archive":
        setArchived(cohort.id, v.archived === "true", user.id);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, {
          kind: "success",
          message: t(v.archived === "true" ? "lifecycle.archive.done" : "lifecycle.archive.restored"),
        });
      case "evening": {
        const { intent: _, eveningId, ...input } = v;
        const row = await updateEvening({ cohortId: cohort.id, eveningId }, input, user.id);
        const queued = queuedWithKeyPrefix(`eveningChanged:${row.id}:${row.revision}:`);
        const message = t("registration.manage.eveningSaved") + (queued ? ` ${t("organiserMail.queued", { count: queued })}` : "");
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message });
      }
      case "cancelEvening":
      {
        const row = await setEveningCancelled({ cohortId: cohort.id, eveningId: v.eveningId }, true, v.reason, user.id);
        const queued = queuedWithKeyPrefix(`eveningCancelled:${row.id}:${row.revision}:`);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("organiserMail.cancelled", { count: queued }) });
      }
      case "reinstateEvening":
        await setEveningCancelled({ cohortId: cohort.id, eveningId: v.eveningId }, false, null, user.id);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("registration.manage.eveningReinstated") });
      case "addOrganiser":
        addOrganiser(cohort.id, v.email, user.id);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("registration.manage.organiserAdded") });
      case "removeOrganiser":
        removeOrganiser(cohort.id, v.userId, user.id);
        return redirectWithToast(`/cohorts/${cohort.slug}/manage`, { kind: "success", message: t("registration.manage.organiserRemoved") });
    }
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof PublishError) {
      const problems = error.problems.map((p) => t(p.key, p.values ?? {}));
      return data({ key, result: submission.reply({ formErrors: problems }) }, { status: 400 });
    }
    if (error instanceof CohortError) {
      const reply = error.field
        ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } })
        : submission.reply({ formErrors: [error.messageKey] });
      return data({ key, result: reply }, { status: 400 });
    }
    throw error;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function useResult(key: string): SubmissionResult<string[]> | undefined {
  const actionData = useActionData<typeof action>();
  return actionData?.key === key ? (actionData.result as SubmissionResult<string[]>) : undefined;
}

export default function ManagePage() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("registration.manage.title", { title: d.cohort.title })}
      </Heading>
      <OrganiserNav slug={d.cohort.slug} eveningNumbers={d.evenings.map((e) => e.number)} />
      <Lifecycle d={d} />
      <CohortForm d={d} />
      <section className="stack" aria-labelledby="evenings">
        <Heading level={2} data-size="md" id="evenings">
          {t("registration.manage.eveningsSection")}
        </Heading>
        {d.evenings.map((e) => (
          <EveningCard key={e.id} evening={e} goals={d.goals} mailRecipients={d.mailRecipients} />
        ))}
      </section>
      <Organisers d={d} />
      <AuditLog entries={d.audit} />
      <DangerZone slug={d.cohort.slug}>
        <CancelEvening d={d} />
      </DangerZone>
    </div>
  );
}

/** Cancelling an evening mails every confirmed participant, so it sits in the danger zone and asks to confirm. */
function CancelEvening({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const scheduled = d.evenings.filter((e) => e.status !== "cancelled");
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "cancel-evening",
    lastResult: actionData?.key?.startsWith("cancelEvening:") ? (actionData.result as SubmissionResult<string[]>) : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelEveningSchema }),
    shouldValidate: "onSubmit",
  });
  if (scheduled.length === 0) return null;
  return (
    <Form method="post" className="form" aria-labelledby="cancel-evening-heading" {...getFormProps(form)}>
      <Heading level={3} data-size="xs" id="cancel-evening-heading">
        {t("registration.manage.cancelEvening")}
      </Heading>
      <input type="hidden" name="intent" value="cancelEvening" />
      <FormErrors errors={form.errors} />
      <SelectField
        meta={fields.eveningId}
        label={t("organiserMail.cancelWhichEvening")}
        placeholder={t("organiserMail.chooseEvening")}
        options={scheduled.map((e) => ({ value: String(e.id), label: t("registration.manage.eveningHeading", { n: e.number, theme: e.theme }) }))}
      />
      <TextField meta={fields.reason} label={t("registration.form.cancelReason")} />
      <CheckboxField meta={fields.confirm} label={t("organiserMail.confirmCancel", { count: d.mailRecipients })} />
      <div>
        <Button type="submit" data-color="danger" disabled={busy}>
          {t("registration.manage.cancelEvening")}
        </Button>
      </div>
    </Form>
  );
}


/** Where the cohort is in its life, and the one step the organiser takes next: publish, archive, bring back. */
function Lifecycle({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const publishResult = useResult("publish:");
  const problems = publishResult?.error?.[""] ?? [];
  return (
    <section className="stack-sm" aria-labelledby="lifecycle-section">
      <Heading level={2} data-size="md" id="lifecycle-section">
        {t("lifecycle.section")}
      </Heading>
      <Paragraph>
        <Tag data-color={d.phase === "draft" ? "warning" : d.phase === "archived" || d.phase === "finished" ? "neutral" : "success"}>
          {t(`lifecycle.phase.${d.phase}`)}
        </Tag>
      </Paragraph>
      {d.closesAt && d.cohort.status === "published" ? <Paragraph>{t("lifecycle.closesAt", { date: d.closesAt })}</Paragraph> : null}
      {d.cohort.status === "draft" ? (
        <>
          <Paragraph>{t("lifecycle.publish.intro")}</Paragraph>
          {problems.length ? (
            <div role="alert" className="stack-sm">
              <Paragraph>{t("lifecycle.publish.cannot")}</Paragraph>
              <ul>
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <Button type="submit" disabled={busy}>
              {t("lifecycle.publish.button")}
            </Button>
          </Form>
        </>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="archived" value={d.cohort.status === "archived" ? "false" : "true"} />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t(d.cohort.status === "archived" ? "lifecycle.archive.restore" : "lifecycle.archive.button")}
          </Button>
        </Form>
      )}
    </section>
  );
}

function CohortForm({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "cohort",
    lastResult: useResult("cohort:"),
    constraint: getZodConstraint(CohortSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
    shouldValidate: "onBlur",
    defaultValue: d.cohort,
  });
  return (
    <section className="stack-sm" aria-labelledby="cohort-section">
      <Heading level={2} data-size="md" id="cohort-section">
        {t("registration.manage.cohortSection")}
      </Heading>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="cohort" />
        <FormErrors errors={form.errors} />
        <TextField meta={fields.title} label={t("registration.form.title")} />
        <TextField meta={fields.slug} label={t("registration.form.slug")} description={t("registration.form.slugHint")} />
        <SelectField meta={fields.siteId} label={t("registration.form.site")} options={d.sites} />
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
        <div>
          <Button type="submit" disabled={busy}>
            {t("registration.manage.saveCohort")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function EveningCard({
  evening: e,
  goals,
  mailRecipients,
}: {
  evening: LoaderData["evenings"][number];
  goals: LoaderData["goals"];
  mailRecipients: number;
}) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: `evening-${e.id}`,
    lastResult: useResult(`evening:${e.id}`),
    constraint: getZodConstraint(EveningSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EveningSchema }),
    shouldValidate: "onBlur",
    defaultValue: { ...e, changeNote: "" },
  });
  const headingId = `evening-${e.id}-heading`;
  return (
    <Card>
      <section className="stack-sm" aria-labelledby={headingId}>
        <Heading level={3} data-size="sm" id={headingId}>
          {t("registration.manage.eveningHeading", { n: e.number, theme: e.theme })}
        </Heading>
        <div className="row">
          <Tag>{t("registration.manage.revision", { revision: e.revision })}</Tag>
          {e.status === "cancelled" ? <Tag data-color="danger">{t("registration.cohort.cancelled")}</Tag> : null}
        </div>
        {e.status === "cancelled" && e.cancelReason ? <Paragraph>{t("registration.cohort.cancelledReason", { reason: e.cancelReason })}</Paragraph> : null}
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="evening" />
          <input type="hidden" name="eveningId" value={e.id} />
          <FormErrors errors={form.errors} />
          <TextField meta={fields.date} label={t("registration.form.date")} type="date" />
          <div className="row">
            <TextField meta={fields.startTime} label={t("registration.form.startTime")} type="time" />
            <TextField meta={fields.endTime} label={t("registration.form.endTime")} type="time" />
          </div>
          <TextField meta={fields.venue} label={t("registration.form.venue")} />
          <TextField meta={fields.theme} label={t("registration.form.theme")} />
          <TextField meta={fields.content} label={t("registration.form.content")} description={t("registration.form.contentHint")} multiline rows={6} />
          <TextField meta={fields.selfStudyTask} label={t("registration.form.selfStudyTask")} multiline rows={3} />
          <TextField meta={fields.materials} label={t("registration.form.materials")} multiline rows={3} />
          {goals.length ? (
            <Fieldset>
              <Fieldset.Legend>{t("registration.form.learningGoals")}</Fieldset.Legend>
              {goals.map((g) => (
                <Checkbox key={g.id} name="learningGoalIds" value={String(g.id)} label={g.text} defaultChecked={e.goalIds.includes(g.id)} />
              ))}
            </Fieldset>
          ) : null}
          <TextField meta={fields.changeNote} label={t("registration.form.changeNote")} />
          <Paragraph data-size="sm">{t("organiserMail.eveningChangeWillMail", { count: mailRecipients })}</Paragraph>
          <div>
            <Button type="submit" disabled={busy}>
              {t("registration.manage.saveEvening")}
            </Button>
          </div>
        </Form>
        {e.status === "cancelled" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="reinstateEvening" />
            <input type="hidden" name="eveningId" value={e.id} />
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("registration.manage.reinstateEvening")}
            </Button>
          </Form>
        ) : null}
      </section>
    </Card>
  );
}

function Organisers({ d }: { d: LoaderData }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "add-organiser",
    lastResult: useResult("addOrganiser:"),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddOrganiserSchema }),
    shouldValidate: "onSubmit",
  });
  const removeResult = useResult("removeOrganiser:");
  return (
    <section className="stack-sm" aria-labelledby="organisers">
      <Heading level={2} data-size="md" id="organisers">
        {t("registration.manage.organisersSection")}
      </Heading>
      <FormErrors errors={removeResult?.error?.[""] ?? undefined} />
      <ul className="stack-sm">
        {d.organisers.map((o) => (
          <li key={o.id} className="row">
            <span className="break-anywhere">
              {o.name} ({o.email})
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="removeOrganiser" />
              <input type="hidden" name="userId" value={o.id} />
              <Button type="submit" variant="tertiary" data-size="sm">
                {t("registration.manage.removeOrganiser", { name: o.name })}
              </Button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="addOrganiser" />
        <FormErrors errors={form.errors} />
        <TextField meta={fields.email} label={t("registration.form.organiserEmail")} type="email" />
        <div>
          <Button type="submit" variant="secondary">
            {t("registration.manage.addOrganiser")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
