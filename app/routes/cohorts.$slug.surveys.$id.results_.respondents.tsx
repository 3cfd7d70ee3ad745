import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { getRespondents, RESPONDENTS_PAGE_SIZE } from "~/models/surveys/results.server";
import { getSurveyInCohort } from "~/models/surveys/editor.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { fixedPageTexts, labelMap } from "~/utils/texts";
import { formatDateTime } from "~/utils/time";
import { PROFESSIONS } from "../../db/enums";
import { OrganiserNav } from "~/components/organiser-nav";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.survey.title ?? ""} – hvem svarte hva – Knutepunkt` }];

/**
 * A named survey's answers per person, a page of respondents at a time. The results page shows the
 * summary (charts, counts, texts) and links here: the wide table is easier to read on its own, and the
 * summary of a large survey does not render it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  // A missing or odd ?page gives the nearest real page (pageWindow).
  const respondentPage = Number(new URL(request.url).searchParams.get("page") ?? 1);
  const res = getRespondents(found, respondentPage);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    survey: { id: res.survey.id, title: res.survey.title, anonymous: res.survey.anonymous },
    responseCount: res.responseCount,
    respondentPaging: { ...res.paging, pageSize: RESPONDENTS_PAGE_SIZE },
    questions: res.questions.map((q) => ({ id: q.id, prompt: q.prompt })),
    respondents: res.respondents.map((r) => ({
      id: String(r.responseId),
      name: r.name,
      profession: r.profession,
      submittedAt: r.submittedAt?.getTime() ?? null,
      answers: r.answers as Record<string, string>,
    })),
  };
}

const useProfessionLabels = fixedPageTexts((t) => labelMap(t, "common.professions", PROFESSIONS));

export default function SurveyRespondents() {
  const { t, i18n } = useTranslation();
  const { survey, cohort, responseCount, respondentPaging, questions, respondents } = useLoaderData<typeof loader>();
  const professions = useProfessionLabels();
  const resultsPath = `/cohorts/${cohort.slug}/surveys/${survey.id}/results`;
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <p className="ds-paragraph">
        <Link to={resultsPath}>← {t("surveys.results.title")}: {survey.title}</Link>
      </p>
      <h1 className="ds-heading" data-size="lg">
        {t("surveys.results.respondents")}: {survey.title}
      </h1>
      {survey.anonymous ? (
        <p className="ds-paragraph">{t("surveys.results.respondentsAnonymous")}</p>
      ) : respondents.length === 0 ? (
        <p className="ds-paragraph">{t("surveys.results.respondentsNone")}</p>
      ) : (
        <>
          <p className="ds-paragraph muted">
            {t("surveys.results.respondentsShowing", {
              from: (respondentPaging.page - 1) * respondentPaging.pageSize + 1,
              to: (respondentPaging.page - 1) * respondentPaging.pageSize + respondents.length,
              total: respondentPaging.total,
            })}
            {responseCount > respondentPaging.total ? ` ${t("surveys.results.respondentsExport")}` : null}
          </p>
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
                    <td>{r.submittedAt ? formatDateTime(r.submittedAt, i18n.language) : ""}</td>
                    {questions.map((q) => (
                      <td key={q.id}>{r.answers[q.id] ?? ""}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ol className="stack-sm">
            {questions.map((q) => (
              <li key={q.id}>{q.prompt}</li>
            ))}
          </ol>
          <Pagination page={respondentPaging.page} pages={respondentPaging.pages} label={t("surveys.results.respondentsPagination")} />
        </>
      )}
    </div>
  );
}
