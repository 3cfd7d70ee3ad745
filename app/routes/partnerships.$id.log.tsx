import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import {
  addContact,
  collaborationStatus,
  CollaborationLogError,
  deleteContact,
  listContacts,
  monthlyTimeline,
} from "~/models/collaboration-log.server";
import { requireCollaborationLogAccess } from "~/utils/permissions.server";
import { calendarDate } from "~/utils/cohort-validation";
import { formatDate, instantToOslo } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import { CONTACT_FORMS, CONTACT_TOPICS } from "../../db/enums";
import { toAppLocale } from "~/i18n";

// Day, form, minutes and topic: the schema has no free-text field, so nothing about a patient gets in.
const ContactSchema = z.object({
  intent: z.literal("add"),
  occurredOn: calendarDate("collaboration.errors.date"),
  form: z.enum(CONTACT_FORMS, { error: "collaboration.errors.form" }),
  minutes: z
    .number({ error: "collaboration.errors.minutes" })
    .int({ error: "collaboration.errors.minutes" })
    .min(1, { error: "collaboration.errors.minutes" })
    .max(600, { error: "collaboration.errors.minutes" }),
  topic: z.enum(CONTACT_TOPICS, { error: "collaboration.errors.topic" }),
});
const DeleteSchema = z.object({ intent: z.literal("delete"), contactId: z.coerce.number().int().positive() });

export const meta: MetaFunction = () => [{ title: "Samarbeidslogg – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const { user } = await requireCollaborationLogAccess(request, id);
  const locale = toAppLocale(await i18next.getLocale(request));
  const now = new Date();
  const day = (d: string) => formatDate(new Date(`${d}T12:00:00Z`), locale);
  return {
    id,
    today: instantToOslo(now).date,
    status: collaborationStatus(id, now),
    timeline: monthlyTimeline(id, now).map((m) => ({
      ...m,
      label: new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "nb-NO", { month: "long", year: "numeric", timeZone: "UTC" }).format(
        new Date(`${m.month}-15T12:00:00Z`),
      ),
    })),
    contacts: listContacts(id).map((c) => ({ ...c, date: day(c.occurredOn), mine: c.createdByUserId === user.id })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = Number(params.id);
  const { user } = await requireCollaborationLogAccess(request, id);
  const t = await i18next.getFixedT(request);
  const formData = await request.formData();
  const back = `/partnerships/${id}/log`;
  try {
    if (formData.get("intent") === "delete") {
      const parsed = DeleteSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ result: null, error: "validation.invalid" }, { status: 400 });
      deleteContact({ partnershipId: id, contactId: parsed.data.contactId, userId: user.id });
      return redirectWithToast(back, { kind: "success", message: t("collaboration.deleted") });
    }
    const submission = parseWithZod(formData, { schema: ContactSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
    const { intent: _intent, ...contact } = submission.value;
    addContact({ ...contact, partnershipId: id, userId: user.id });
    return redirectWithToast(back, { kind: "success", message: t("collaboration.saved") });
  } catch (error) {
    if (error instanceof CollaborationLogError)
      return data({ result: null, error: `collaboration.errors.${error.code}` }, { status: error.code === "notFound" ? 404 : error.code === "future" ? 400 : 403 });
    throw error;
  }
}

export default function CollaborationLogPage() {
  const { t } = useTranslation();
  const { id, status, timeline, contacts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const ago = (days: number) =>
    days === 0 ? t("collaboration.ago.today") : days < 14 ? t("collaboration.ago.days", { count: days }) : t("collaboration.ago.weeks", { count: Math.floor(days / 7) });
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("collaboration.title")}
        </Heading>
        <Paragraph>{t("collaboration.intro")}</Paragraph>
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}

      <section className="stack-sm" aria-labelledby="status-heading">
        <Heading level={2} data-size="md" id="status-heading">
          {status.agreedFrequency ? t("collaboration.agreed", { frequency: status.agreedFrequency }) : t("collaboration.noAgreement")}
        </Heading>
        <Paragraph data-testid="collaboration-status">
          {status.agreedFrequency ? `${t("collaboration.agreed", { frequency: status.agreedFrequency })}; ` : ""}
          {status.daysSinceLastMeeting !== null ? t("collaboration.lastMeeting", { ago: ago(status.daysSinceLastMeeting) }) : t("collaboration.noMeeting")}
          {status.agreedFrequency && status.intervalDays === null ? ` ${t("collaboration.unreadableFrequency")}` : ""}
        </Paragraph>
        {status.overdue ? (
          <Alert data-color="warning" data-testid="collaboration-overdue">
            {t("collaboration.overdue")}
          </Alert>
        ) : status.intervalDays !== null && status.daysSinceLastMeeting !== null ? (
          <Tag data-color="success">{t("collaboration.onTrack")}</Tag>
        ) : null}
        <Paragraph className="muted">
          {t("collaboration.meetingForms")} <Link to={`/partnerships/${id}/agreement`}>{t("collaboration.toAgreement")}</Link>
        </Paragraph>
      </section>

      <section className="stack-sm" aria-labelledby="timeline-heading">
        <Heading level={2} data-size="md" id="timeline-heading">
          {t("collaboration.timeline")}
        </Heading>
        <ol className="collaboration-timeline" data-testid="collaboration-timeline" style={{ paddingLeft: "1.25rem" }}>
          {timeline.map((m) => (
            <li key={m.month}>
              <strong>{m.label}</strong>: {m.contacts ? t("collaboration.monthContacts", { count: m.contacts }) : "–"}
              {m.meetings ? ` (${t("collaboration.monthMeetings", { count: m.meetings })})` : ""}
            </li>
          ))}
        </ol>
      </section>

      <ContactForm />

      <section className="stack-sm" aria-labelledby="history-heading">
        <Heading level={2} data-size="md" id="history-heading">
          {t("collaboration.history")}
        </Heading>
        {contacts.length === 0 ? (
          <Paragraph>{t("collaboration.empty")}</Paragraph>
        ) : (
          <TableWrap labelledBy="history-heading">
            <table className="ds-table" data-testid="collaboration-history">
              <thead>
                <tr>
                  <th>{t("collaboration.fields.occurredOn")}</th>
                  <th>{t("collaboration.fields.form")}</th>
                  <th>{t("collaboration.fields.minutes")}</th>
                  <th>{t("collaboration.fields.topic")}</th>
                  <th>
                    <span className="visually-hidden">{t("collaboration.delete")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {contacts.map((c) => (
                  <tr key={c.id}>
                    <td>{c.date}</td>
                    <td>{t(`collaboration.forms.${c.form}`)}</td>
                    <td>{t("collaboration.minutesValue", { count: c.minutes })}</td>
                    <td>{t(`collaboration.topics.${c.topic}`)}</td>
                    <td>
                      {c.mine ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="contactId" value={c.id} />
                          <Button type="submit" variant="tertiary" data-size="sm" aria-label={t("collaboration.deleteLabel", { date: c.date })}>
                            {t("collaboration.delete")}
                          </Button>
                        </Form>
                      ) : (
                        <span className="muted">{t("collaboration.byPartner")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}

function ContactForm() {
  const { t } = useTranslation();
  const { today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result ?? undefined,
    constraint: getZodConstraint(ContactSchema),
    defaultValue: { occurredOn: today, minutes: "30" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
    shouldRevalidate: "onInput",
  });
  const choices = (keys: readonly string[], prefix: string) => keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));
  return (
    <section className="stack-sm" aria-labelledby="add-heading">
      <Heading level={2} data-size="md" id="add-heading">
        {t("collaboration.add")}
      </Heading>
      <Alert data-color="warning">{t("collaboration.noPatientData")}</Alert>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="add" />
        <FormErrors errors={form.errors} />
        <TextField meta={fields.occurredOn} label={t("collaboration.fields.occurredOn")} type="date" />
        <SelectField meta={fields.form} label={t("collaboration.fields.form")} placeholder="–" options={choices(CONTACT_FORMS, "collaboration.forms")} />
        <TextField meta={fields.minutes} label={t("collaboration.fields.minutes")} type="number" />
        <SelectField meta={fields.topic} label={t("collaboration.fields.topic")} placeholder="–" options={choices(CONTACT_TOPICS, "collaboration.topics")} />
        <Button type="submit" disabled={navigation.state === "submitting"}>
          {t("collaboration.save")}
        </Button>
      </Form>
    </section>
  );
}
