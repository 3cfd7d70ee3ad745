import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Card, Details, Field, Heading, Label, Paragraph, Select, Tag } from "@digdir/designsystemet-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField, TextField } from "~/components/forms";
import { SurveyQuestions } from "~/components/survey-questions";
import {
  addQuestion,
  deleteQuestion,
  deleteSurvey,
  getSurvey,
  hasAnswers,
  moveQuestion,
  setGroupingQuestion,
  updateQuestion,
  updateSurvey,
} from "~/models/surveys/editor.server";
import { invitationRecipientCount, nonResponders, sendSurveyInvitations, sendSurveyReminders } from "~/models/surveys/reminders.server";
import { SurveyError } from "~/models/surveys/rules";
import { appUrl } from "~/utils/env.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime, instantToOslo, osloDateTimeToInstant } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import { NotFoundError } from "~/models/errors";
import { OrganiserNav } from "~/components/organiser-nav";
import { IdSchema, SurveyEditorSchema, toQuestionInput } from "~/schemas/survey-editor";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – Knutepunkt` }];

async function load(request: Request, params: { slug?: string; id?: string }) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const surveyId = IdSchema.safeParse(params.id);
  if (!surveyId.success) notFound();
  const found = getSurvey(surveyId.data);
  if (!found || found.survey.cohortId !== cohort.id) notFound();
  return { user, cohort, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort, survey, questions } = await load(request, params);
  const opens = instantToOslo(survey.opensAt);
  const closes = instantToOslo(survey.closesAt);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    survey: {
      id: survey.id,
      title: survey.title,
      intro: survey.intro,
      answeredBy: survey.answeredBy,
      anonymous: survey.anonymous,
      preMeeting: survey.preMeeting,
      groupBy: survey.groupByQuestionId,
      opensDate: opens.date,
      opensTime: opens.time,
      closesDate: closes.date,
      closesTime: closes.time,
      lastReminderAt: survey.lastReminderAt?.getTime() ?? null,
      invitedAt: survey.invitedAt?.getTime() ?? null,
      open: survey.opensAt <= new Date() && new Date() < survey.closesAt,
    },
    // Who the next mail would go to: the invitation's count before it has gone out, else those not answered.
    inviteCount: survey.invitedAt ? 0 : invitationRecipientCount(survey),
    notAnswered: nonResponders(survey),
    locked: hasAnswers(survey.id),
    questions: questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
      options: q.options,
      scaleMinLabel: q.scaleMinLabel,
      scaleMaxLabel: q.scaleMaxLabel,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { cohort, survey } = await load(request, params);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: SurveyEditorSchema });
  if (submission.status !== "success") return data({ formId, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const t = await i18next.getFixedT(request);
  const here = `/cohorts/${cohort.slug}/surveys/${survey.id}`;
  try {
    switch (v.intent) {
      case "settings":
        updateSurvey({ cohortId: cohort.id, surveyId: survey.id }, {
          title: v.title,
          intro: v.intro ?? "",
          opensAt: osloDateTimeToInstant(v.opensDate, v.opensTime),
          closesAt: osloDateTimeToInstant(v.closesDate, v.closesTime),
          answeredBy: v.answeredBy,
          anonymous: v.anonymous === "on",
          preMeeting: v.preMeeting === "on",
        });
        break;
      case "grouping":
        setGroupingQuestion({ cohortId: cohort.id, surveyId: survey.id }, v.groupBy ?? null);
        return redirectWithToast(here, { kind: "success", message: t("dialogue.grouping.saved") });
      case "question":
        updateQuestion({ surveyId: survey.id, questionId: v.questionId }, toQuestionInput(v));
        break;
      case "add":
        addQuestion(survey.id, toQuestionInput(v));
        break;
      case "move":
        moveQuestion({ surveyId: survey.id, questionId: v.questionId }, v.direction);
        break;
      case "delete-question":
        deleteQuestion({ surveyId: survey.id, questionId: v.questionId });
        break;
      case "invite": {
        const sent = await sendSurveyInvitations(survey.id, new Date(), appUrl());
        return redirectWithToast(here, {
          kind: sent === null ? "info" : "success",
          message: sent === null ? t("surveys.builder.alreadyInvited") : t("surveys.builder.invited", { count: sent }),
        });
      }
      case "remind": {
        const sent = await sendSurveyReminders(survey.id, new Date(), appUrl());
        return redirectWithToast(here, {
          kind: sent === null ? "info" : "success",
          message: sent === null ? t("surveys.builder.alreadyReminded") : t("surveys.builder.reminded", { count: sent }),
        });
      }
      case "delete-survey":
        deleteSurvey({ cohortId: cohort.id, surveyId: survey.id });
        return redirectWithToast(`/cohorts/${cohort.slug}/surveys`, { kind: "success", message: t("surveys.builder.deleted") });
    }
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof SurveyError) {
      if (!formId) return redirectWithToast(here, { kind: "danger", message: t(error.code) });
      return data({ formId, result: submission.reply({ formErrors: [error.code] }) }, { status: 400 });
    }
    throw error;
  }
  return redirectWithToast(here, { kind: "success", message: t("surveys.builder.saved") });
}

type LoaderQuestion = ReturnType<typeof useLoaderData<typeof loader>>["questions"][number];

function useResultFor(formId: string): SubmissionResult<string[]> | undefined {
  const actionData = useActionData<typeof action>();
  return actionData?.formId === formId ? (actionData.result as SubmissionResult<string[]>) : undefined;
}

function QuestionForm({ question, formId, number }: { question?: LoaderQuestion; formId: string; number?: number }) {
  const { t } = useTranslation();
  const lastResult = useResultFor(formId);
  const [kind, setKind] = useState<string>(question?.kind ?? "scale");
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue: question
      ? {
          prompt: question.prompt,
          kind: question.kind,
          required: question.required ? "on" : undefined,
          options: (question.options ?? []).join("\n"),
          scaleMinLabel: question.scaleMinLabel ?? "",
          scaleMaxLabel: question.scaleMaxLabel ?? "",
        }
      : { kind: "scale" },
    shouldValidate: "onSubmit",
  });
  return (
    <Form
      method="post"
      className="form"
      {...getFormProps(form)}
      onChange={(e) => {
        const target = e.target as HTMLSelectElement;
        if (target.name === "kind") setKind(target.value);
      }}
    >
      <input type="hidden" name="formId" value={formId} />
      <input type="hidden" name="intent" value={question ? "question" : "add"} />
      {question ? <input type="hidden" name="questionId" value={question.id} /> : null}
      <FormErrors errors={form.errors} />
      <TextField meta={fields.prompt} label={number ? `${t("surveys.builder.prompt")} (${t("surveys.builder.question", { number })})` : t("surveys.builder.prompt")} multiline rows={2} />
      <SelectField
        meta={fields.kind}
        label={t("surveys.builder.kind")}
        options={(["scale", "single", "multi", "text"] as const).map((k) => ({ value: k, label: t(`surveys.builder.kinds.${k}`) }))}
      />
      {kind === "single" || kind === "multi" ? <TextField meta={fields.options} label={t("surveys.builder.options")} multiline rows={4} /> : null}
      {kind === "scale" ? (
        <div className="row">
          <TextField meta={fields.scaleMinLabel} label={t("surveys.builder.scaleMinLabel")} />
          <TextField meta={fields.scaleMaxLabel} label={t("surveys.builder.scaleMaxLabel")} />
        </div>
      ) : null}
      <CheckboxField meta={fields.required} label={t("surveys.builder.required")} />
      <div>
        <Button type="submit" variant={question ? "secondary" : "primary"}>
          {question ? t("surveys.builder.saveQuestion") : t("surveys.builder.addQuestion")}
        </Button>
      </div>
    </Form>
  );
}

export default function SurveyBuilder() {
  const { t, i18n } = useTranslation();
  const { cohort, survey, questions, locked, inviteCount, notAnswered } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const settingsResult = useResultFor("settings");
  const [settingsForm, fields] = useForm({
    id: "settings",
    lastResult: settingsResult,
    defaultValue: { ...survey, anonymous: survey.anonymous ? "on" : undefined, preMeeting: survey.preMeeting ? "on" : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SurveyEditorSchema }),
    shouldValidate: "onSubmit",
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <Paragraph>
        <Link to={`/cohorts/${cohort.slug}/surveys`}>← {t("surveys.title")}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("surveys.builder.title")}: {survey.title}
      </Heading>
      <div className="row">
        <Link to={`/cohorts/${cohort.slug}/surveys/${survey.id}/results`}>{t("surveys.builder.results")}</Link>
        <Tag data-color={survey.anonymous ? "info" : "neutral"}>{survey.anonymous ? t("surveys.anonymous") : t("surveys.notAnonymous")}</Tag>
        <Tag>{t(`surveys.answeredBy.${survey.answeredBy}`)}</Tag>
        {survey.preMeeting ? <Tag data-color="warning">{t("dialogue.preMeeting.tag")}</Tag> : null}
      </div>
      {locked ? <Alert data-color="info">{t("surveys.builder.locked")}</Alert> : null}

      <Card>
        <Heading level={2} data-size="sm">
          {t("surveys.builder.settings")}
        </Heading>
        <Form method="post" className="form" {...getFormProps(settingsForm)}>
          <input type="hidden" name="formId" value="settings" />
          <input type="hidden" name="intent" value="settings" />
          <FormErrors errors={settingsForm.errors} />
          <TextField meta={fields.title} label={t("surveys.builder.surveyTitle")} />
          <TextField meta={fields.intro} label={t("surveys.builder.surveyIntro")} multiline rows={3} />
          <div className="row">
            <TextField meta={fields.opensDate} type="date" label={t("surveys.builder.opensDate")} />
            <TextField meta={fields.opensTime} type="time" label={t("surveys.builder.opensTime")} />
          </div>
          <div className="row">
            <TextField meta={fields.closesDate} type="date" label={t("surveys.builder.closesDate")} />
            <TextField meta={fields.closesTime} type="time" label={t("surveys.builder.closesTime")} />
          </div>
          <SelectField
            meta={fields.answeredBy}
            label={t("surveys.builder.answeredBy")}
            options={(["participant", "partnership"] as const).map((a) => ({ value: a, label: t(`surveys.answeredBy.${a}`) }))}
          />
          <CheckboxField meta={fields.anonymous} label={t("surveys.builder.anonymous")} />
          <CheckboxField meta={fields.preMeeting} label={t("dialogue.preMeeting.label")} />
          <div>
            <Button type="submit" disabled={busy}>
              {t("surveys.builder.save")}
            </Button>
          </div>
        </Form>
      </Card>

      <section className="stack" aria-labelledby="questions-heading">
        <Heading level={2} data-size="md" id="questions-heading">
          {t("surveys.builder.questions")}
        </Heading>
        {questions.map((q, i) => (
          <Card key={q.id}>
            <Heading level={3} data-size="xs">
              {t("surveys.builder.question", { number: i + 1 })}
            </Heading>
            <QuestionForm key={`${q.id}-${q.kind}-${q.prompt}`} question={q} formId={`question-${q.id}`} number={i + 1} />
            <div className="row">
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="questionId" value={q.id} />
                <input type="hidden" name="direction" value="up" />
                <Button type="submit" variant="tertiary" data-size="sm" disabled={i === 0 || busy}>
                  {t("surveys.builder.moveUp")}
                  <span className="visually-hidden"> ({t("surveys.builder.question", { number: i + 1 })})</span>
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="questionId" value={q.id} />
                <input type="hidden" name="direction" value="down" />
                <Button type="submit" variant="tertiary" data-size="sm" disabled={i === questions.length - 1 || busy}>
                  {t("surveys.builder.moveDown")}
                  <span className="visually-hidden"> ({t("surveys.builder.question", { number: i + 1 })})</span>
                </Button>
              </Form>
              {!locked ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete-question" />
                  <input type="hidden" name="questionId" value={q.id} />
                  <Button type="submit" variant="tertiary" data-color="danger" data-size="sm" disabled={busy}>
                    {t("surveys.builder.deleteQuestion")}
                    <span className="visually-hidden"> ({t("surveys.builder.question", { number: i + 1 })})</span>
                  </Button>
                </Form>
              ) : null}
            </div>
          </Card>
        ))}
        <Card>
          <Heading level={3} data-size="xs">
            {t("surveys.builder.addQuestion")}
          </Heading>
          <QuestionForm key={`add-${questions.length}`} formId="add" />
        </Card>
      </section>

      <GroupingForm questions={questions} groupBy={survey.groupBy} busy={busy} />

      <Details>
        <Details.Summary>{t("surveys.builder.preview")}</Details.Summary>
        <Details.Content>
          <div className="form">
            <SurveyQuestions questions={questions} idPrefix="preview-" />
          </div>
        </Details.Content>
      </Details>

      <Card>
        <section className="stack-sm" aria-labelledby="not-answered">
          <Heading level={2} data-size="xs" id="not-answered">
            {t("surveys.builder.notAnswered", { count: notAnswered.count })}
          </Heading>
          {notAnswered.names ? (
            notAnswered.names.length ? (
              <ul>
                {notAnswered.names.map((name, i) => (
                  <li key={i}>{name}</li>
                ))}
              </ul>
            ) : null
          ) : (
            <Paragraph data-size="sm">{t("surveys.builder.notAnsweredAnonymous")}</Paragraph>
          )}
        </section>
        {survey.invitedAt === null ? (
          <Form method="post" className="stack-sm">
            <input type="hidden" name="intent" value="invite" />
            <Paragraph>{t("surveys.builder.inviteWillMail", { count: inviteCount })}</Paragraph>
            <div>
              <Button type="submit" variant="secondary" disabled={busy || !survey.open}>
                {t("surveys.builder.invite")}
              </Button>
            </div>
            {!survey.open ? <Paragraph className="muted">{t("surveys.builder.inviteWhenOpen")}</Paragraph> : null}
          </Form>
        ) : (
          <Form method="post" className="stack-sm">
            <input type="hidden" name="intent" value="remind" />
            <Paragraph className="muted">{t("surveys.builder.invitedOn", { when: formatDateTime(survey.invitedAt, i18n.language) })}</Paragraph>
            {survey.lastReminderAt ? (
              <Paragraph className="muted">{t("surveys.builder.lastReminder", { when: formatDateTime(survey.lastReminderAt, i18n.language) })}</Paragraph>
            ) : null}
            <Paragraph>{t("surveys.builder.remindWillMail", { count: notAnswered.count })}</Paragraph>
            <div>
              <Button type="submit" variant="secondary" disabled={busy}>
                {t("surveys.builder.remind")}
              </Button>
            </div>
          </Form>
        )}
        {!locked ? (
          <Form method="post">
            <input type="hidden" name="intent" value="delete-survey" />
            <Button type="submit" variant="tertiary" data-color="danger" disabled={busy}>
              {t("surveys.builder.delete")}
            </Button>
          </Form>
        ) : null}
      </Card>
    </div>
  );
}

/** Which single-choice question (table or theme) the results page groups the other answers by. */
function GroupingForm({ questions, groupBy, busy }: { questions: LoaderQuestion[]; groupBy: number | null; busy: boolean }) {
  const { t } = useTranslation();
  const single = questions.filter((q) => q.kind === "single");
  if (single.length === 0) return null;
  return (
    <Card>
      <Form method="post" className="form" aria-labelledby="grouping-heading">
        <Heading level={2} data-size="sm" id="grouping-heading">
          {t("dialogue.grouping.heading")}
        </Heading>
        <Paragraph data-size="sm">{t("dialogue.grouping.intro")}</Paragraph>
        <input type="hidden" name="intent" value="grouping" />
        <Field>
          <Label htmlFor="group-by">{t("dialogue.grouping.label")}</Label>
          <Select id="group-by" name="groupBy" defaultValue={groupBy ?? ""}>
            <Select.Option value="">{t("dialogue.grouping.none")}</Select.Option>
            {single.map((q) => (
              <Select.Option key={q.id} value={q.id}>
                {q.prompt}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <div>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("dialogue.grouping.save")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
