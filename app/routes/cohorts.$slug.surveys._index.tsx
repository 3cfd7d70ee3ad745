import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Button, Card, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField } from "~/components/forms";
import { listEvenings } from "~/models/cohorts/pages.server";
import { createEveningSurvey, createFinalSurvey, createPreMeetingSurvey, listCohortSurveys } from "~/models/surveys/editor.server";
import { SurveyError } from "~/models/surveys/rules";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import { OrganiserNav } from "~/components/organiser-nav";

export const meta: MetaFunction = () => [{ title: "Evalueringer – Knutepunkt" }];

const CreateSchema = z.discriminatedUnion("template", [
  z.object({
    template: z.literal("evening"),
    eveningId: z.coerce.number({ error: "surveys.create.chooseEvening" }).int().positive({ error: "surveys.create.chooseEvening" }),
    anonymous: z.literal("on").optional(),
  }),
  z.object({ template: z.literal("final"), eveningId: z.string().optional(), anonymous: z.literal("on").optional() }),
  z.object({ template: z.literal("premeeting"), eveningId: z.string().optional(), anonymous: z.literal("on").optional() }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    evenings: listEvenings(cohort.id).map((e) => ({ id: e.id, number: e.number, theme: e.theme })),
    surveys: listCohortSurveys(cohort.id).map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      eveningNumber: s.eveningNumber,
      answeredBy: s.answeredBy,
      anonymous: s.anonymous,
      opensAt: s.opensAt.getTime(),
      closesAt: s.closesAt.getTime(),
      answered: s.answered,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const submission = parseWithZod(await request.formData(), { schema: CreateSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const locale = await i18next.getLocale(request);
  try {
    const survey =
      v.template === "evening"
        ? await createEveningSurvey(cohort.id, v.eveningId, { anonymous: v.anonymous === "on", createdByUserId: user.id, locale })
        : v.template === "final"
          ? await createFinalSurvey(cohort.id, { anonymous: v.anonymous === "on", createdByUserId: user.id, locale })
          : await createPreMeetingSurvey(cohort.id, { anonymous: v.anonymous === "on", createdByUserId: user.id, locale });
    const t = await i18next.getFixedT(request);
    return redirectWithToast(`/cohorts/${cohort.slug}/surveys/${survey.id}`, { kind: "success", message: t("surveys.create.created") });
  } catch (error) {
    if (error instanceof SurveyError) return data({ result: submission.reply({ formErrors: [error.code] }) }, { status: 400 });
    throw error;
  }
}

export default function CohortSurveys() {
  const { t, i18n } = useTranslation();
  const { cohort, evenings, surveys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { template: "evening", anonymous: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldValidate: "onSubmit",
  });
  const lang = i18n.language;
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <Heading level={1} data-size="lg">
        {t("surveys.title")} – {cohort.title}
      </Heading>
      <Paragraph>{t("surveys.intro")}</Paragraph>
      {surveys.length === 0 ? (
        <Paragraph>{t("surveys.empty")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("surveys.columns.title")}</Table.HeaderCell>
                <Table.HeaderCell>{t("surveys.columns.window")}</Table.HeaderCell>
                <Table.HeaderCell>{t("surveys.columns.answeredBy")}</Table.HeaderCell>
                <Table.HeaderCell>{t("surveys.columns.answers")}</Table.HeaderCell>
                <Table.HeaderCell>{t("surveys.columns.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {surveys.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    <Link to={`/cohorts/${cohort.slug}/surveys/${s.id}`}>{s.title}</Link>{" "}
                    <Tag data-color={s.anonymous ? "info" : "neutral"}>{s.anonymous ? t("surveys.anonymous") : t("surveys.notAnonymous")}</Tag>
                  </Table.Cell>
                  <Table.Cell>
                    {formatDateTime(s.opensAt, lang)} – {formatDateTime(s.closesAt, lang)}
                  </Table.Cell>
                  <Table.Cell>{t(`surveys.answeredBy.${s.answeredBy}`)}</Table.Cell>
                  <Table.Cell>{s.answered}</Table.Cell>
                  <Table.Cell>
                    <Link to={`/cohorts/${cohort.slug}/surveys/${s.id}/results`}>
                      {t("surveys.builder.results")}
                      <span className="visually-hidden">: {s.title}</span>
                    </Link>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <Card>
        <Heading level={2} data-size="sm">
          {t("surveys.create.title")}
        </Heading>
        <Form method="post" className="form" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <SelectField
            meta={fields.template}
            label={t("surveys.create.template")}
            options={[
              { value: "evening", label: t("surveys.create.eveningTemplate") },
              { value: "final", label: t("surveys.create.finalTemplate") },
              { value: "premeeting", label: t("dialogue.templates.option") },
            ]}
          />
          <SelectField
            meta={fields.eveningId}
            label={t("surveys.create.evening")}
            placeholder={t("surveys.create.chooseEvening")}
            options={evenings.map((e) => ({ value: String(e.id), label: `${t("surveys.eveningNumber", { number: e.number })}: ${e.theme}` }))}
          />
          <CheckboxField meta={fields.anonymous} label={t("surveys.create.anonymous")} />
          <div>
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("surveys.create.submit")}
            </Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
