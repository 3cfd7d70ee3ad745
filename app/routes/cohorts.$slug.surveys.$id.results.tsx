import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { BarChart } from "~/components/bar-chart";
import { chartImage } from "~/models/charts.server";
import { chartDataOf, compareEvenings, getResults, getSurveyInCohort, RESPONDENTS_PAGE_SIZE, TEXTS_SHOWN, type QuestionResult } from "~/models/surveys.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { fixedPageTexts, labelMap } from "~/utils/texts";
import { formatDateTime } from "~/utils/time";
import { PROFESSIONS } from "../../db/enums";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – resultater – Knutepunkt` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  // Charts count every answer; free texts and the respondent table are bounded (all in the export).
  // A missing or odd ?page gives the nearest real page (pageWindow).
  const respondentPage = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const res = getResults(found.survey.id, { respondentPage, textsPerQuestion: TEXTS_SHOWN }, found)!;
  // Charts are images from the route beside this one (…/results/chart/:questionId.svg): the page sends
  // their numbers and versioned URLs, never the SVG (docs/decisions/004-dates-markdown-and-exports.md).
  const chartBase = `/cohorts/${cohort.slug}/surveys/${res.survey.id}/results/chart`;
  const chartOf = (r: QuestionResult) => {
    const data = chartDataOf(r);
    return data && chartImage(`${chartBase}/${r.question.id}.svg`, data);
  };
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    survey: { id: res.survey.id, title: res.survey.title, anonymous: res.survey.anonymous },
    rate: res.rate,
    responseCount: res.responseCount,
    hidden: res.hidden,
    results: res.results.map((r) => ({
      id: r.question.id,
      prompt: r.question.prompt,
      n: r.n,
      chart: chartOf(r),
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

/** One number format per language (making an Intl.NumberFormat per number was a visible share of the render). */
const numberFormats = new Map<string, Intl.NumberFormat>();
function oneDecimal(lang: string) {
  const locale = lang === "en" ? "en-GB" : "nb-NO";
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 })));
  return f;
}

// The page's tables, cards, headings and paragraphs are plain elements with the Designsystemet classes
// (what Table, Card, Heading and Paragraph render): a large survey's page has hundreds of them (issue 7).
const useProfessionLabels = fixedPageTexts((t) => labelMap(t, "common.professions", PROFESSIONS));

export default function SurveyResults() {
  const { t, i18n } = useTranslation();
  const { cohort, survey, rate, responseCount, hidden, results, questions, respondents, respondentPaging, comparison } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const format = oneDecimal(lang);
  const number = (n: number) => format.format(n);
  const professions = useProfessionLabels();
  const base = `/cohorts/${cohort.slug}/surveys/${survey.id}`;
  return (
    <div className="stack">
      <p className="ds-paragraph">
        <Link to={base}>← {survey.title}</Link>
      </p>
      <h1 className="ds-heading" data-size="lg">
        {t("surveys.results.title")}: {survey.title}
      </h1>
      <p className="ds-paragraph">
        {t(rate.unit === "partnership" ? "surveys.results.ratePartnership" : "surveys.results.rate", {
          answered: rate.answered,
          invited: rate.invited,
          percent: percent(rate.answered, rate.invited),
        })}
      </p>
      {rate.unit === "participant" ? (
        rate.perProfession ? (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("surveys.results.perProfession")}</caption>
              <thead>
                <tr>
                  <th>{t("surveys.results.profession")}</th>
                  <th>{t("surveys.columns.answers")}</th>
                </tr>
              </thead>
              <tbody>
                {rate.perProfession.map((g) => (
                  <tr key={g.profession}>
                    <td>{t(`common.professionsPlural.${g.profession}`)}</td>
                    <td>
                      {g.answered} / {g.invited} ({percent(g.answered, g.invited)} %)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="ds-paragraph muted">{t("surveys.results.perProfessionHidden")}</p>
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
            <div className="ds-card" key={r.id}>
              <h2 className="ds-heading" data-size="xs">
                {i + 1}. {r.prompt}
              </h2>
              {r.chart === null ? (
                r.texts.length === 0 ? (
                  <p className="ds-paragraph muted">{t("surveys.results.noTexts")}</p>
                ) : (
                  <>
                    {survey.anonymous ? <p className="ds-paragraph muted">{t("surveys.results.shuffled")}</p> : null}
                    {r.n > r.texts.length ? (
                      <p className="ds-paragraph muted">
                        {t(survey.anonymous ? "surveys.results.textsSample" : "surveys.results.textsShown", { shown: r.texts.length, total: r.n })}
                      </p>
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
                  <p className="ds-paragraph">
                    {t("surveys.results.n", { count: r.n })}
                    {r.mean !== null ? ` · ${t("surveys.results.mean", { mean: number(r.mean) })}` : null}
                  </p>
                </>
              )}
            </div>
          ))}
          {respondents.length > 0 ? (
            <section className="stack-sm" aria-labelledby="respondents">
              <h2 className="ds-heading" data-size="sm" id="respondents">
                {t("surveys.results.respondents")}
              </h2>
              {respondentPaging.pages > 1 ? (
                <p className="ds-paragraph muted">
                  {t("surveys.results.respondentsShowing", {
                    from: (respondentPaging.page - 1) * respondentPaging.pageSize + 1,
                    to: (respondentPaging.page - 1) * respondentPaging.pageSize + respondents.length,
                    total: respondentPaging.total,
                  })}
                </p>
              ) : null}
              <div className="table-wrap">
                <table className="ds-table">
                  <thead>
                    <tr>
                      <th>{t("surveys.results.name")}</th>
                      <th>{t("surveys.results.submittedAt")}</th>
                      {questions.map((q, i) => (
                        <th key={q.id} title={q.prompt}>
                          {i + 1}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {respondents.map((r) => (
                      <tr key={r.id}>
                        <td>
                          {r.name}
                          {r.profession ? <span className="muted"> ({professions[r.profession]})</span> : null}
                        </td>
                        <td>{r.submittedAt ? formatDateTime(r.submittedAt, lang) : ""}</td>
                        {questions.map((q) => (
                          <td key={q.id}>{r.answers[q.id] ?? ""}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
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
          <h2 className="ds-heading" data-size="sm" id="compare">
            {t("surveys.results.compare")}
          </h2>
          <p className="ds-paragraph">{t("surveys.results.compareIntro")}</p>
          <div className="table-wrap">
            <table className="ds-table">
              <thead>
                <tr>
                  <th>{t("surveys.results.question")}</th>
                  {comparison.columns.map((c) => (
                    <th key={c.surveyId}>{c.eveningNumber ? t("surveys.eveningNumber", { number: c.eveningNumber }) : c.title}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {comparison.rows.map((row) => (
                  <tr key={row.key}>
                    <td>{row.prompt}</td>
                    {row.cells.map((cell, i) => (
                      <td key={comparison.columns[i]!.surveyId}>
                        {cell && cell.mean !== null ? `${number(cell.mean)} (${t("surveys.results.n", { count: cell.n })})` : t("surveys.results.empty")}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
