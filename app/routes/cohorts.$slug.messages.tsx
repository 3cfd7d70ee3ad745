import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Alert, Button, Card, Field, Heading, Label, Paragraph, Select, Textfield, ValidationMessage } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { OrganiserNav } from "~/components/organiser-nav";
import { listCohortMessages, MESSAGE_AUDIENCES, messageRecipients, sendCohortMessage } from "~/models/cohort-messages.server";
import { appUrl } from "~/utils/env.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";

export const meta: MetaFunction = () => [{ title: "Meldinger til deltakerne – Knutepunkt" }];

const MessageSchema = z.object({
  intent: z.enum(["preview", "send"]),
  audience: z.enum(MESSAGE_AUDIENCES, { error: "messages.errors.audience" }),
  subject: z.string().trim().min(1, "messages.errors.subject").max(150, "messages.errors.subject"),
  body: z.string().trim().min(1, "messages.errors.body").max(5000, "messages.errors.body"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const now = new Date();
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    audiences: MESSAGE_AUDIENCES.map((a) => ({ value: a, count: messageRecipients(cohort.id, a, now).length })),
    history: listCohortMessages(cohort.id).map((m) => ({ ...m, createdAt: formatDateTime(m.createdAt) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const form = await request.formData();
  const parsed = MessageSchema.safeParse(Object.fromEntries(form));
  const values = { audience: String(form.get("audience") ?? ""), subject: String(form.get("subject") ?? ""), body: String(form.get("body") ?? "") };
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return data({ values, errors, preview: null }, { status: 400 });
  }
  const v = parsed.data;
  if (v.intent === "preview") {
    const count = messageRecipients(cohort.id, v.audience).length;
    return { values, errors: {} as Record<string, string>, preview: { ...v, count } };
  }
  const t = await i18next.getFixedT(request);
  const sent = await sendCohortMessage({
    cohortId: cohort.id,
    senderUserId: user.id,
    audience: v.audience,
    subject: v.subject,
    body: v.body,
    baseUrl: appUrl(),
  });
  if (sent.recipients === 0) return data({ values, errors: { audience: "messages.errors.noRecipients" }, preview: null }, { status: 400 });
  return redirectWithToast(`/cohorts/${cohort.slug}/messages`, { kind: "success", message: t("messages.sent", { count: sent.queued }) });
}

export default function CohortMessages() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const values = actionData?.values;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const preview = actionData?.preview;
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <OrganiserNav slug={d.cohort.slug} />
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("messages.title")}
        </Heading>
        <Paragraph className="muted">{d.cohort.title}</Paragraph>
        <Paragraph>{t("messages.intro")}</Paragraph>
      </div>
      {preview ? (
        <Card>
          <section className="stack-sm" aria-labelledby="preview-heading">
            <Heading level={2} data-size="sm" id="preview-heading">
              {t("messages.previewTitle")}
            </Heading>
            <Paragraph>
              <strong>{t(`messages.audiences.${preview.audience}`)}</strong>
            </Paragraph>
            <Paragraph>
              <strong>{preview.subject}</strong>
            </Paragraph>
            <Paragraph style={{ whiteSpace: "pre-wrap" }}>{preview.body}</Paragraph>
            {preview.count > 0 ? (
              <Alert data-color="info">{t("messages.willMail", { count: preview.count })}</Alert>
            ) : (
              <Alert data-color="warning">{t("messages.noRecipients")}</Alert>
            )}
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="send" />
              <input type="hidden" name="audience" value={preview.audience} />
              <input type="hidden" name="subject" value={preview.subject} />
              <input type="hidden" name="body" value={preview.body} />
              <Button type="submit" disabled={busy || preview.count === 0}>
                {t("messages.send")}
              </Button>
            </Form>
          </section>
        </Card>
      ) : null}
      <Form method="post" className="form" key={preview ? "editing" : "new"}>
        <input type="hidden" name="intent" value="preview" />
        <Field>
          <Label htmlFor="message-audience">{t("messages.audience")}</Label>
          <Select
            id="message-audience"
            name="audience"
            defaultValue={values?.audience ?? "confirmed"}
            aria-invalid={errors.audience ? true : undefined}
            aria-describedby={errors.audience ? "message-audience-error" : undefined}
          >
            {d.audiences.map((a) => (
              <Select.Option key={a.value} value={a.value}>
                {t("messages.audienceCount", { label: t(`messages.audiences.${a.value}`), count: a.count })}
              </Select.Option>
            ))}
          </Select>
          {errors.audience ? <ValidationMessage id="message-audience-error">{t(errors.audience)}</ValidationMessage> : null}
        </Field>
        <Textfield
          label={t("messages.subject")}
          name="subject"
          defaultValue={values?.subject ?? ""}
          error={errors.subject ? t(errors.subject) : undefined}
          maxLength={150}
        />
        <Textfield
          label={t("messages.body")}
          name="body"
          multiline
          rows={6}
          defaultValue={values?.body ?? ""}
          error={errors.body ? t(errors.body) : undefined}
        />
        <div>
          <Button type="submit" variant={preview ? "secondary" : "primary"} disabled={busy}>
            {t("messages.preview")}
          </Button>
        </div>
      </Form>
      <section className="stack-sm" aria-labelledby="history-heading">
        <Heading level={2} data-size="md" id="history-heading">
          {t("messages.history")}
        </Heading>
        {d.history.length === 0 ? (
          <Paragraph>{t("messages.noHistory")}</Paragraph>
        ) : (
          <ul>
            {d.history.map((m) => (
              <li key={m.id}>
                {t("messages.historyRow", {
                  when: m.createdAt,
                  subject: m.subject,
                  audience: t(`messages.audiences.${m.audience}`),
                  count: m.recipientCount,
                  sender: m.sender ?? "–",
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
