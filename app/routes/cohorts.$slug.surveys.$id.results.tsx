import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Alert } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { chartImage } from "~/models/charts.server";
import { chartDataOf, compareEvenings, getResults, TEXTS_SHOWN, type QuestionResult } from "~/models/surveys/results.server";
import { getSurveyInCohort } from "~/models/surveys/editor.server";
import { ANONYMOUS_BATCH, openAndCountSealedAnswers } from "~/models/surveys/answering.server";
import { formatDate } from "~/utils/time";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { finalAndFollowUp } from "~/models/surveys/follow-up.server";
import { OrganiserNav } from "~/components/organiser-nav";
import { getGroupedResults } from "~/models/surveys/grouping.server";
import { GroupedResults } from "~/components/grouped-results";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – resultater – Knutepunkt` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  const sealed = openAndCountSealedAnswers(found.survey);
  // Charts count every answer; free texts are bounded (all in the export). Who answered what has its own
  // page (…/results/respondents).
  const res = getResults(found.survey.id, { textsPerQuestion: TEXTS_SHOWN, withoutRespondents: true }, found)!;
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
    sealed,
    opensWhenWaiting: 2 * ANONYMOUS_BATCH,
    closesAt: found.survey.closesAt.toISOString(),
    results: res.results.map((r) => ({
      id: r.question.id,
      prompt: r.question.prompt,
      n: r.n,
      chart: chartOf(r),
      mean: r.mean,
      texts: r.texts,
      withheld: r.withheld,
    })),
    // Pre-meeting answers per table or theme, each group under the anonymity threshold on its own.
    grouped: res.hidden ? null : groupedView(found),
    comparison: res.survey.kind === "evening" ? compareEvenings(cohort.id) : null,
    // The final evaluation and the six-month follow-up link to each other's results.
    related: res.survey.kind === "final" || res.survey.kind === "followup" ? finalAndFollowUp(cohort.id) : [],
  };
}

function groupedView(found: NonNullable<ReturnType<typeof getSurveyInCohort>>) {
  const groups = getGroupedResults(found, TEXTS_SHOWN);
  const question = found.questions.find((q) => q.id === found.survey.groupByQuestionId);
  if (!groups || !question) return null;
  return {
    question: question.prompt,
    groups: groups.map((g) => ({
      label: g.label,
      n: g.n,
      hidden: g.hidden,
      results: g.results.map((r) => ({
        id: r.question.id,
        prompt: r.question.prompt,
        kind: r.question.kind,
        n: r.n,
        counts: r.counts,
        mean: r.mean,
        texts: r.texts,
        withheld: r.withheld,
      })),
    })),
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
// (what Table, Card, Heading and Paragraph render): a large survey's page has hundreds of them.

export default function SurveyResults() {
  const { t, i18n } = useTranslation();
  const { cohort, survey, rate, responseCount, hidden, sealed, opensWhenWaiting, closesAt, results, grouped, comparison, related } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const format = oneDecimal(lang);
  const number = (n: number) => format.format(n);
  const base = `/cohorts/${cohort.slug}/surveys/${survey.id}`;
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <p className="ds-paragraph">
        <Link to={base}>← {survey.title}</Link>
      </p>
      <h1 className="ds-heading" data-size="lg">
        {t("surveys.results.title")}: {survey.title}
      </h1>
      {related.length > 1 ? (
        <nav aria-labelledby="related-heading" className="stack-sm" data-testid="related-results">
          <h2 className="ds-heading" data-size="sm" id="related-heading">
            {t("followUp.related")}
          </h2>
          <p className="ds-paragraph">{t("followUp.relatedIntro")}</p>
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <Link to={`/cohorts/${cohort.slug}/surveys/${r.id}/results`} aria-current={r.id === survey.id ? "page" : undefined}>
                  {t(`surveys.kinds.${r.kind}`)}: {r.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
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

      {sealed > 0 ? (
        <Alert data-color="info">
          {t("surveys.results.sealed", { count: sealed, batch: opensWhenWaiting, closes: formatDate(new Date(closesAt), i18n.language) })}
        </Alert>
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
          {!survey.anonymous && responseCount > 0 ? (
            <p className="ds-paragraph">
              <Link to={`${base}/results/respondents`}>{t("surveys.results.respondentsLink", { count: responseCount })}</Link>
            </p>
          ) : null}
          {results.map((r, i) => (
            <div className="ds-card" key={r.id}>
              <h2 className="ds-heading" data-size="xs">
                {i + 1}. {r.prompt}
              </h2>
              {r.withheld ? (
                <Alert data-color="info">{t("surveys.results.questionWithheld")}</Alert>
              ) : r.chart === null ? (
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
        </>
      )}

      {grouped ? <GroupedResults grouped={grouped} anonymous={survey.anonymous} /> : null}

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
