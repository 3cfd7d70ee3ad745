import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { attendanceChartData, attendanceOverview, overviewProfessions, setAtRiskThreshold } from "~/models/attendance.server";
import { noticeCountsByEvening } from "~/models/absence.server";
import { chartImage } from "~/models/charts.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { formatDate } from "~/utils/time";
import i18next from "~/i18next.server";
import { OrganiserNav } from "~/components/organiser-nav";

export const ThresholdSchema = z.object({
  atRiskThreshold: z.number({ error: "validation.number" }).int({ error: "validation.invalid" }).min(1, { error: "validation.invalid" }).max(20, { error: "validation.invalid" }),
});

export const meta: MetaFunction = () => [{ title: "Oppmøte og frafall – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const o = attendanceOverview(cohort);
  const professions = overviewProfessions(cohort);
  const t = await i18next.getFixedT(request);
  // The chart is an image from /cohorts/:slug/attendance.svg; the page sends its numbers and versioned URL.
  const chart = chartImage(`/cohorts/${cohort.slug}/attendance.svg`, attendanceChartData(o, professions, (k) => t(k)));
  return { cohort: { slug: cohort.slug, title: cohort.title, atRiskThreshold: cohort.atRiskThreshold }, professions, chart, notices: noticeCountsByEvening(cohort.id), ...o };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const submission = parseWithZod(await request.formData(), { schema: ThresholdSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  setAtRiskThreshold(cohort.id, submission.value.atRiskThreshold);
  const t = await i18next.getFixedT(request);
  return redirectWithToast(`/cohorts/${cohort.slug}/attendance`, { kind: "success", message: t("attendance.overview.thresholdSaved") });
}

export default function AttendanceOverview() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { atRiskThreshold: String(d.cohort.atRiskThreshold) },
    constraint: getZodConstraint(ThresholdSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ThresholdSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <OrganiserNav slug={d.cohort.slug} />
      <Paragraph className="muted">{d.cohort.title}</Paragraph>
      <Heading level={1} data-size="lg">
        {t("attendance.overview.title")}
      </Heading>
      <nav className="row" aria-label={t("attendance.overview.title")}>
        <Link to={`/cohorts/${d.cohort.slug}/credits`}>{t("attendance.overview.credits")}</Link>
      </nav>

      <section className="stack-sm" aria-labelledby="at-risk">
        <Heading level={2} data-size="md" id="at-risk">
          {t("attendance.overview.atRisk")}
        </Heading>
        <Paragraph>{t("attendance.overview.atRiskIntro", { count: d.cohort.atRiskThreshold })}</Paragraph>
        {d.atRisk.length === 0 ? (
          <Paragraph>{t("attendance.overview.atRiskEmpty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table data-testid="at-risk">
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("attendance.overview.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.profession")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.missed")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.inRow")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {d.atRisk.map((r) => (
                  <Table.Row key={r.userId}>
                    <Table.Cell>
                      <a href={`mailto:${r.email}`}>{r.name}</a>
                    </Table.Cell>
                    <Table.Cell>{t(`common.professions.${r.profession}`)}</Table.Cell>
                    <Table.Cell>{r.missed.join(", ")}</Table.Cell>
                    <Table.Cell>{r.missedInRow}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        <Form method="post" className="row" style={{ alignItems: "flex-end" }} {...getFormProps(form)}>
          <TextField meta={fields.atRiskThreshold} label={t("attendance.overview.threshold")} type="number" />
          <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
            {t("attendance.overview.saveThreshold")}
          </Button>
        </Form>
      </section>

      <section className="stack-sm" aria-labelledby="chart">
        <Heading level={2} data-size="md" id="chart">
          {t("attendance.overview.chart")}
        </Heading>
        <BarChart chart={d.chart} label={t("attendance.overview.chartDesc", { started: d.started, finished: d.finished })} />
      </section>

      <section className="stack-sm" aria-labelledby="per-evening">
        <Heading level={2} data-size="md" id="per-evening">
          {t("attendance.overview.perEvening")}
        </Heading>
        <div className="table-wrap">
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("attendance.overview.evening")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.overview.profession")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.overview.registered")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.overview.attended")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.overview.absent")}</Table.HeaderCell>
                <Table.HeaderCell>{t("absence.overviewColumn")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {d.evenings.flatMap((e) =>
                d.professions.map((p, i) => (
                  <Table.Row key={`${e.id}-${p}`}>
                    <Table.Cell>
                      {i === 0 ? (
                        <>
                          <Link to={`/cohorts/${d.cohort.slug}/evenings/${e.number}/attendance`}>
                            {t("attendance.overview.evening")} {e.number}
                          </Link>{" "}
                          <span className="muted">{formatDate(e.startsAt, i18n.language)}</span>{" "}
                          {e.cancelled ? <Tag data-color="warning">{t("attendance.overview.cancelled")}</Tag> : null}
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>{t(`common.professionsPlural.${p}`)}</Table.Cell>
                    <Table.Cell>{e.registered[p]}</Table.Cell>
                    <Table.Cell>{e.isPast ? e.attended[p] : t("attendance.overview.upcoming")}</Table.Cell>
                    <Table.Cell>{e.isPast ? e.absent[p] : "–"}</Table.Cell>
                    <Table.Cell>{d.notices[`${e.id}:${p}`] ?? 0}</Table.Cell>
                  </Table.Row>
                )),
              )}
            </Table.Body>
          </Table>
        </div>
      </section>

      <section className="stack-sm" aria-labelledby="withdrawals">
        <Heading level={2} data-size="md" id="withdrawals">
          {t("attendance.overview.withdrawals")}
        </Heading>
        {d.withdrawals.length === 0 ? (
          <Paragraph>{t("attendance.overview.withdrawalsEmpty")}</Paragraph>
        ) : (
          <div className="table-wrap">
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("attendance.overview.name")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.profession")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.withdrawnAt")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("attendance.overview.reason")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {d.withdrawals.map((w) => (
                  <Table.Row key={w.userId}>
                    <Table.Cell>{w.name}</Table.Cell>
                    <Table.Cell>{t(`common.professions.${w.profession}`)}</Table.Cell>
                    <Table.Cell>{w.withdrawnAt ? formatDate(w.withdrawnAt, i18n.language) : "–"}</Table.Cell>
                    <Table.Cell>{w.reason}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
