/** The organiser writes the meeting's summary in Markdown, previews it and publishes it to those who attended. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { OrganiserNav } from "~/components/organiser-nav";
import { getCohortSummary, publishCohortSummary, saveCohortSummary, summaryReaders } from "~/models/cohort-summary.server";
import i18next from "~/i18next.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import { PLAIN_TEXT_ERROR, plainText } from "~/utils/user-validation";

export const meta: MetaFunction = () => [{ title: "Oppsummering – Knutepunkt" }];

const SummarySchema = z
  .object({
    intent: z.enum(["preview", "save", "publish"]),
    summary: z.string().trim().max(20_000, { error: "validation.tooLong" }).refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR),
  })
  .refine((v) => v.intent !== "publish" || v.summary.length > 0, { path: ["summary"], error: "dialogue.summary.empty" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const lng = await i18next.getLocale(request);
  const { summary, publishedAt } = getCohortSummary(cohort.id);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    summary,
    publishedOn: publishedAt ? formatDateTime(publishedAt, lng) : null,
    readers: summaryReaders(cohort.id).length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const form = await request.formData();
  const parsed = SummarySchema.safeParse(Object.fromEntries(form));
  const typed = String(form.get("summary") ?? "");
  if (!parsed.success) return data({ typed, error: parsed.error.issues[0]?.message ?? "validation.required", previewHtml: null }, { status: 400 });
  const { intent, summary } = parsed.data;
  if (intent === "preview") return { typed, error: null, previewHtml: renderMarkdown(summary) };
  const t = await i18next.getFixedT(request);
  const here = `/cohorts/${cohort.slug}/summary`;
  if (intent === "save") {
    saveCohortSummary(cohort.id, summary, user.id);
    return redirectWithToast(here, { kind: "success", message: t("dialogue.summary.saved") });
  }
  const queued = await publishCohortSummary(cohort.id, summary, user.id);
  return redirectWithToast(here, {
    kind: "success",
    message: queued === null ? t("dialogue.summary.saved") : t("dialogue.summary.published", { count: queued }),
  });
}

export default function CohortSummary() {
  const { t } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = actionData?.error ? t(actionData.error) : undefined;
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <OrganiserNav slug={d.cohort.slug} />
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("dialogue.summary.title")}
        </Heading>
        <Paragraph className="muted">{d.cohort.title}</Paragraph>
        <Paragraph>{t("dialogue.summary.intro")}</Paragraph>
        <Paragraph data-testid="summary-status">
          {d.publishedOn ? t("dialogue.summary.publishedOn", { when: d.publishedOn }) : t("dialogue.summary.notPublished")}{" "}
          {t("dialogue.summary.readers", { count: d.readers })}
        </Paragraph>
      </div>
      <Form method="post" className="form">
        <Textfield
          multiline
          rows={12}
          name="summary"
          label={t("dialogue.summary.label")}
          defaultValue={actionData?.typed ?? d.summary}
          error={error}
        />
        <div className="row">
          <Button type="submit" name="intent" value="preview" variant="secondary" disabled={busy}>
            {t("dialogue.summary.preview")}
          </Button>
          <Button type="submit" name="intent" value="save" variant="secondary" disabled={busy}>
            {t("dialogue.summary.save")}
          </Button>
          {d.publishedOn ? null : (
            <Button type="submit" name="intent" value="publish" disabled={busy}>
              {t("dialogue.summary.publish")}
            </Button>
          )}
        </div>
      </Form>
      {actionData?.previewHtml != null ? (
        <section className="ds-card stack-sm" aria-labelledby="preview-heading" data-testid="summary-preview">
          <Heading level={2} data-size="sm" id="preview-heading">
            {t("dialogue.summary.previewHeading")}
          </Heading>
          {actionData.previewHtml ? <div className="markdown" dangerouslySetInnerHTML={{ __html: actionData.previewHtml }} /> : null}
        </section>
      ) : null}
    </div>
  );
}
