/**
 * One question's chart on the results page, as an SVG image: /cohorts/:slug/surveys/:id/results/chart/:questionId.svg.
 * The same access and the same rules as the page: organisers of the cohort, its own survey, no chart for free
 * text, while an anonymous survey's results are hidden, or for a question of it with fewer than 5 answers (404).
 */
import type { LoaderFunctionArgs } from "react-router";
import { chartResponse } from "~/utils/http.server";
import { chartDataOf, getQuestionResult } from "~/models/surveys/results.server";
import { getSurveyInCohort } from "~/models/surveys/editor.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  const result = getQuestionResult(found, Number(params.questionId));
  const data = result && chartDataOf(result);
  if (!data) notFound();
  return chartResponse(request, data);
}
