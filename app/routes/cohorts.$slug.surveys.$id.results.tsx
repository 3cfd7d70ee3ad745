import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert, Card, Heading, Paragraph, Table } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { BarChart } from "~/components/bar-chart";
import { withSvg } from "~/models/charts.server";
import { compareEvenings, getResults, getSurveyInCohort, RESPONDENTS_PAGE_SIZE, TEXTS_SHOWN } from "~/models/surveys.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – resultater – Knutepunkt` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  // Charts count every answer; free texts and the respondent table are bounded (all in the export).
  // A missing or odd ?page gives the nearest real page (pageWindow).
  const respondentPage = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const res = getResults(found.survey.id, { respondentPage, textsPerQuestion: TEXTS_SHOWN })!;
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    survey: { id: res.survey.id, title: res.survey.title, anonymous: res.survey.anonymous, kind: res.survey.kind, answeredBy: res.survey.answeredBy },
    rate: res.rate,
    responseCount: res.responseCount,
    hidden: res.hidden,
    results: res.results.map((r) => ({
      id: r.question.id,
      kind: r.question.kind,
      prompt: r.question.prompt,
      n: r.n,
      // Scale ends carry their labels ("1 – Ikke relevant") so the chart reads on its own.
      chart:
        r.question.kind === "text"
          ? null
          : withSvg(
              r.question.kind === "scale"
                ? r.counts.map((c, i, all) => {
                    const end = i === 0 ? r.question.scaleMinLabel : i === all.length - 1 ? r.question.scaleMaxLabel : null;
                    return end ? { ...c, label: `${c.label} – ${end}` } : c;
                  })
                : r.counts,
            ),
      mean: r.mean,
      texts: r.texts,
    })),
    respondentPaging: { ...res.respondentPaging, pageSize: RESPONDENTS_PAGE_SIZE },
    questions: res.questions.map((q) => ({ id: q.id, prompt: q.prompt })),
    respondents: res.respondents.map((r) => ({
      id: String(r.responseId),
      name: r.name,
      profession: r.profession,
      submittedAt: r.submittedAt?.getTime() ?? null,
      answers: r.answers as Record<string, string>,
    })),
    comparison: res.survey.kind === "evening" ? compareEvenings(cohort.id) : null,
  };
}

const percent = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100));

export default function SurveyResults() {
  const { t, i18n } = useTranslation();
  const { cohort, survey, rate, responseCount, hidden, results, questions, respondents, respondentPaging, comparison } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const number = (n: number) => n.toLocaleString(lang === "en" ? "en-GB" : "nb-NO", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const base = `/cohorts/${cohort.slug}/surveys/${survey.id}`;
  return (
    <div className="stack">
      <Paragraph>
        <Link to={base}>← {survey.title}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("surveys.results.title")}: {survey.title}
      </Heading>
      <Paragraph>
        {t(rate.unit === "partnership" ? "surveys.results.ratePartnership" : "surveys.results.rate", {
          answered: rate.answered,
          invited: rate.invited,
          percent: percent(rate.answered, rate.invited),
        })}
      </Paragraph>
      {rate.unit === "participant" ? (
        rate.perProfession ? (
          <div className="table-wrap">
            <Table>
              <caption>{t("surveys.results.perProfession")}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("surveys.results.profession")}</Table.HeaderCell>
                  <Table.HeaderCell>{t("surveys.columns.answers")}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {rate.perProfession.map((g) => (
                  <Table.Row key={g.profession}>
                    <Table.Cell>{t(`common.professionsPlural.${g.profession}`)}</Table.Cell>
                    <Table.Cell>
                      {g.answered} / {g.invited} ({percent(g.answered, g.invited)} %)
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        ) : (
          <Paragraph className="muted">{t("surveys.results.perProfessionHidden")}</Paragraph>
        )
      ) : null}

      {hidden ? (
        <Alert data-color="info">{t("surveys.results.hidden", { count: responseCount })}</Alert>
      ) : (
        <>
          <div className="row">
            <a href={`${base}/results.csv`} download>
              {t("surveys.results.exportCsv")}
            </a>
            <a href={`${base}/results.xlsx`} download>
              {t("surveys.results.exportXlsx")}
            </a>
          </div>
          {results.map((r, i) => (
            <Card key={r.id}>
              <Heading level={2} data-size="xs">
                {i + 1}. {r.prompt}
              </Heading>
              {r.chart === null ? (
                r.texts.length === 0 ? (
                  <Paragraph className="muted">{t("surveys.results.noTexts")}</Paragraph>
                ) : (
                  <>
                    {survey.anonymous ? <Paragraph className="muted">{t("surveys.results.shuffled")}</Paragraph> : null}
                    {r.n > r.texts.length ? (
                      <Paragraph className="muted">
                        {t(survey.anonymous ? "surveys.results.textsSample" : "surveys.results.textsShown", { shown: r.texts.length, total: r.n })}
                      </Paragraph>
                    ) : null}
                    <ul className="stack-sm">
                      {r.texts.map((text, j) => (
                        <li key={j} style={{ whiteSpace: "pre-wrap" }}>
                          {text}
                        </li>
                      ))}
                    </ul>
                  </>
                )
              ) : (
                <>
                  <BarChart id={`chart-${r.id}`} chart={r.chart} label={t("surveys.results.chartLabel", { prompt: r.prompt })} />
                  <Paragraph>
                    {t("surveys.results.n", { count: r.n })}
                    {r.mean !== null ? ` · ${t("surveys.results.mean", { mean: number(r.mean) })}` : null}
                  </Paragraph>
                </>
              )}
            </Card>
          ))}
          {respondents.length > 0 ? (
            <section className="stack-sm" aria-labelledby="respondents">
              <Heading level={2} data-size="sm" id="respondents">
                {t("surveys.results.respondents")}
              </Heading>
              {respondentPaging.pages > 1 ? (
                <Paragraph className="muted">
                  {t("surveys.results.respondentsShowing", {
                    from: (respondentPaging.page - 1) * respondentPaging.pageSize + 1,
                    to: (respondentPaging.page - 1) * respondentPaging.pageSize + respondents.length,
                    total: respondentPaging.total,
                  })}
                </Paragraph>
              ) : null}
              <div className="table-wrap">
                <Table>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t("surveys.results.name")}</Table.HeaderCell>
                      <Table.HeaderCell>{t("surveys.results.submittedAt")}</Table.HeaderCell>
                      {questions.map((q, i) => (
                        <Table.HeaderCell key={q.id} title={q.prompt}>
                          {i + 1}
                        </Table.HeaderCell>
                      ))}
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {respondents.map((r) => (
                      <Table.Row key={r.id}>
                        <Table.Cell>
                          {r.name}
                          {r.profession ? <span className="muted"> ({t(`common.professions.${r.profession}`)})</span> : null}
                        </Table.Cell>
                        <Table.Cell>{r.submittedAt ? formatDateTime(r.submittedAt, lang) : ""}</Table.Cell>
                        {questions.map((q) => (
                          <Table.Cell key={q.id}>{r.answers[q.id] ?? ""}</Table.Cell>
                        ))}
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              </div>
              <Pagination
                page={respondentPaging.page}
                pages={respondentPaging.pages}
                label={t("surveys.results.respondentsPagination")}
                hash="respondents"
              />
            </section>
          ) : null}
        </>
      )}

      {comparison && comparison.columns.length > 1 ? (
        <section className="stack-sm" aria-labelledby="compare">
          <Heading level={2} data-size="sm" id="compare">
            {t("surveys.results.compare")}
          </Heading>
          <Paragraph>{t("surveys.results.compareIntro")}</Paragraph>
          <div className="table-wrap">
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t("surveys.results.question")}</Table.HeaderCell>
                  {comparison.columns.map((c) => (
                    <Table.HeaderCell key={c.surveyId}>{c.eveningNumber ? t("surveys.eveningNumber", { number: c.eveningNumber }) : c.title}</Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {comparison.rows.map((row) => (
                  <Table.Row key={row.key}>
                    <Table.Cell>{row.prompt}</Table.Cell>
                    {row.cells.map((cell, i) => (
                      <Table.Cell key={comparison.columns[i]!.surveyId}>
                        {cell && cell.mean !== null ? `${number(cell.mean)} (${t("surveys.results.n", { count: cell.n })})` : t("surveys.results.empty")}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
