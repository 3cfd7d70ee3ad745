import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, redirect, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { SurveyQuestions } from "~/components/survey-questions";
import { answerState } from "~/models/surveys/invitations.server";
import { getSurvey } from "~/models/surveys/editor.server";
import { submitResponse } from "~/models/surveys/answering.server";
import { SurveyError } from "~/models/surveys/rules";
import { notFound, requireCohortMember } from "~/utils/permissions.server";
import { fieldName, toAnswers } from "~/utils/survey-answers";
import { useLazyValidation } from "~/utils/lazy-validation";
import { answerValidator } from "~/schemas/survey-answer";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – Knutepunkt` }];

const IdSchema = z.coerce.number().int().positive();

function load(params: { id?: string }) {
  const id = IdSchema.safeParse(params.id);
  if (!id.success) notFound();
  const found = getSurvey(id.data);
  if (!found) notFound();
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, questions } = load(params);
  const { user } = await requireCohortMember(request, survey.cohortId);
  const state = answerState(survey, user.id);
  return {
    userId: user.id,
    survey: { id: survey.id, title: survey.title, intro: survey.intro, anonymous: survey.anonymous, answeredBy: survey.answeredBy },
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
      options: q.options,
      scaleMinLabel: q.scaleMinLabel,
      scaleMaxLabel: q.scaleMaxLabel,
    })),
    state:
      state.state === "notOpen"
        ? { state: state.state, at: state.opensAt.getTime() }
        : state.state === "closed"
          ? { state: state.state, at: state.closesAt.getTime() }
          : state.state === "answered"
            ? { state: state.state, answeredOn: state.answeredOn, byName: state.byName }
            : { state: state.state },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { survey, questions } = load(params);
  const { user } = await requireCohortMember(request, survey.cohortId);
  const submission = answerValidator(questions)(await request.formData());
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    submitResponse(survey.id, user, toAnswers(questions, submission.value));
  } catch (error) {
    if (error instanceof SurveyError) return data({ result: submission.reply({ formErrors: [error.code] }) }, { status: 409 });
    throw error;
  }
  // The page itself is the receipt (`?sent`): one message there, no toast repeating it.
  return redirect(`/surveys/${survey.id}?sent=1`);
}

/** The draft lives in this device's localStorage only (never on the server), keyed per survey and person. */
const draftKey = (surveyId: number, userId: number) => `kp-survey-draft:${surveyId}:${userId}`;

function readForm(form: HTMLFormElement) {
  const draft: Record<string, string[]> = {};
  for (const [name, value] of new FormData(form)) {
    if (!/^q\d+$/.test(name) || typeof value !== "string") continue;
    (draft[name] ??= []).push(value);
  }
  return draft;
}

function restoreForm(form: HTMLFormElement, draft: Record<string, string[]>) {
  for (const [name, values] of Object.entries(draft)) {
    for (const el of Array.from(form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`))) {
      if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) el.checked = values.includes(el.value);
      else el.value = values[0] ?? "";
    }
  }
}

export default function AnswerSurvey() {
  const { t, i18n } = useTranslation();
  const { survey, questions, state, userId } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const [restored, setRestored] = useState(false);
  const { onValidate, triggerProps, validateOn } = useLazyValidation(() => import("~/schemas/survey-answer").then((m) => m.answerValidator(questions)));
  const [form, fields] = useForm({
    id: `survey-${survey.id}`,
    lastResult: actionData?.result,
    onValidate,
    shouldValidate: "onSubmit",
    shouldRevalidate: validateOn("onInput"),
  });
  const key = draftKey(survey.id, userId);

  useEffect(() => {
    if (state.state === "answered") {
      window.localStorage.removeItem(key);
      return;
    }
    const form = formRef.current;
    const saved = window.localStorage.getItem(key);
    if (!form || !saved) return;
    try {
      restoreForm(form, JSON.parse(saved));
      setRestored(true);
    } catch {
      window.localStorage.removeItem(key);
    }
  }, [key, state.state]);

  const saveDraft = () => {
    if (formRef.current) window.localStorage.setItem(key, JSON.stringify(readForm(formRef.current)));
  };

  // Conform's `fields` is a proxy: read each question's field by name.
  const errors = Object.fromEntries(questions.map((q) => [fieldName(q.id), (fields as Record<string, { errors?: string[] }>)[fieldName(q.id)]?.errors]));
  const lang = i18n.language;

  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <Heading level={1} data-size="lg">
        {survey.title}
      </Heading>
      {survey.intro ? <Paragraph>{survey.intro}</Paragraph> : null}
      <FormErrors errors={form.errors} />
      {state.state === "notInvited" ? <Alert data-color="warning">{t("surveys.answer.notInvited")}</Alert> : null}
      {state.state === "notOpen" ? <Alert data-color="info">{t("surveys.answer.notOpen", { date: formatDateTime(state.at!, lang) })}</Alert> : null}
      {state.state === "closed" ? <Alert data-color="warning">{t("surveys.answer.closed", { date: formatDateTime(state.at!, lang) })}</Alert> : null}
      {state.state === "answered" ? <Receipt survey={survey} answeredOn={state.answeredOn} byName={state.byName} justSent={searchParams.has("sent")} /> : null}
      {state.state === "open" ? (
        <>
          {survey.anonymous ? <Alert data-color="info">{t("surveys.answer.anonymousInfo")}</Alert> : <Paragraph className="muted">{t("surveys.answer.draftInfo")}</Paragraph>}
          {survey.answeredBy === "partnership" ? <Paragraph>{t("surveys.answer.partnershipInfo")}</Paragraph> : null}
          {restored ? (
            <Paragraph role="status" className="muted">
              {t("surveys.answer.draftRestored")}
            </Paragraph>
          ) : null}
          <Form method="post" className="form" {...getFormProps(form)} {...triggerProps} ref={formRef} onInput={saveDraft} onChange={saveDraft}>
            <SurveyQuestions questions={questions} errors={errors} />
            <div className="row">
              <Button type="submit" disabled={navigation.state === "submitting"}>
                {t("surveys.answer.submit")}
              </Button>
            </div>
          </Form>
        </>
      ) : null}
      {state.state !== "open" ? (
        <Paragraph>
          <Link to="/">{t("courses.backHome")}</Link>
        </Paragraph>
      ) : null}
    </div>
  );
}

/**
 * The answered survey: right after sending, a thank-you with when the answer was registered; on a later
 * visit, that it has been answered (and by whom, for a partnership). One message either way.
 */
function Receipt({ survey, answeredOn, byName, justSent }: { survey: { answeredBy: string }; answeredOn: string; byName: string | null; justSent: boolean }) {
  const { t, i18n } = useTranslation();
  const date = formatDate(new Date(`${answeredOn}T12:00:00Z`), i18n.language);
  const text = byName
    ? t("surveys.answer.answeredByPartner", { name: byName, date })
    : survey.answeredBy === "partnership"
      ? t(justSent ? "surveys.answer.receivedPartnership" : "surveys.answer.answeredPartnership", { date })
      : t(justSent ? "surveys.answer.received" : "surveys.answer.answered", { date });
  return (
    <Alert data-color="success" role={justSent ? "status" : undefined}>
      {justSent ? (
        <Heading level={2} data-size="xs">
          {t("surveys.answer.thanks")}
        </Heading>
      ) : null}
      <Paragraph>{text}</Paragraph>
    </Alert>
  );
}
