/** /cohorts/:slug/evenings/:n/absence: a confirmed participant reports absence ahead, or takes it back. */
import { EveningCatchUp } from "~/components/evening-catch-up";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ABSENCE_REASON_MAX } from "~/schemas/absence";
import { AbsenceError, absenceFor, absenceOpen, reportAbsence, withdrawAbsence } from "~/models/absence.server";
import { getCohortBySlug } from "~/models/cohorts/pages.server";
import { isConfirmedParticipant } from "~/models/registration.server";
import { getFixedT } from "~/i18next.server";
import { PlainTextareaField } from "~/components/forms";
import { notFound, requireUser } from "~/utils/permissions.server";
import { formatEveningTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Meld forfall – Knutepunkt" }];

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("report"), reason: z.string().max(ABSENCE_REASON_MAX).optional() }),
  z.object({ intent: z.literal("withdraw") }),
]);

/** Only a confirmed participant of a visible cohort sees the page; anyone else gets 404. */
async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug ?? "");
  const n = Number(params.n);
  if (!cohort || cohort.status === "draft" || !Number.isSafeInteger(n) || !isConfirmedParticipant(user.id, cohort.id)) notFound();
  const found = absenceFor(cohort.id, n, user.id);
  if (!found) notFound();
  return { user, cohort, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cohort, evening, notice, materials } = await load(request, params);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    evening: {
      number: evening.number,
      theme: evening.theme,
      when: formatEveningTime(evening.startsAt, evening.endsAt, user.locale),
      selfStudyTask: evening.selfStudyTask,
      materials: materials.map((m) => ({ id: m.id, title: m.title, url: m.url })),
    },
    notice: notice ? { reason: notice.reason ?? "" } : null,
    open: absenceOpen(evening),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort, evening } = await load(request, params);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "validation.invalid" }, { status: 400 });
  const t = await getFixedT(user.locale);
  try {
    if (parsed.data.intent === "report") await reportAbsence({ evening, userId: user.id, reason: parsed.data.reason });
    else withdrawAbsence({ evening, userId: user.id });
  } catch (e) {
    if (e instanceof AbsenceError) return data({ error: e.message }, { status: 409 });
    throw e;
  }
  return redirectWithToast(`/cohorts/${cohort.slug}/evenings/${evening.number}/absence`, {
    kind: "success",
    message: t(parsed.data.intent === "report" ? "absence.reportedDone" : "absence.withdrawnDone"),
  });
}

export default function AbsencePage() {
  const { t } = useTranslation();
  const { cohort, evening, notice, open } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <Paragraph className="muted">
        <Link to={`/cohorts/${cohort.slug}`}>{cohort.title}</Link> · {evening.when}
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("absence.title", { number: evening.number })}
      </Heading>
      <Paragraph>{evening.theme}</Paragraph>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}
      {notice ? (
        <Alert data-color="info">
          {t("absence.reported")}
          {notice.reason ? ` ${t("absence.reportedReason", { reason: notice.reason })}` : null}
        </Alert>
      ) : null}
      {!open ? (
        <Paragraph>{t("absence.closed")}</Paragraph>
      ) : notice ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("absence.withdraw")}
          </Button>
        </Form>
      ) : (
        <Form method="post" className="stack-sm">
          <Paragraph>{t("absence.intro")}</Paragraph>
          <input type="hidden" name="intent" value="report" />
          <PlainTextareaField
            id="absence-reason"
            name="reason"
            label={t("absence.reason")}
            description={t("absence.reasonHint")}
            maxLength={ABSENCE_REASON_MAX}
            rows={2}
          />
          <div>
            <Button type="submit" disabled={busy}>
              {t("absence.submit")}
            </Button>
          </div>
        </Form>
      )}
      <section className="stack-sm" aria-labelledby="catch-up">
        <Heading level={2} data-size="md" id="catch-up">
          {t("absence.catchUp")}
        </Heading>
        <Paragraph>{t("absence.catchUpIntro")}</Paragraph>
        <EveningCatchUp selfStudyTask={evening.selfStudyTask} materials={evening.materials} />
        <Paragraph>
          <Link to={`/cohorts/${cohort.slug}`}>{t("absence.back")}</Link>
        </Paragraph>
      </section>
    </div>
  );
}
