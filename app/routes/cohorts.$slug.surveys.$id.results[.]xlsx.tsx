import type { LoaderFunctionArgs } from "react-router";
import { exportRows } from "~/models/surveys/results.server";
import { getSurveyInCohort } from "~/models/surveys/editor.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { exportResponse } from "~/utils/export.server";
import i18next from "~/i18next.server";

/** All answers. Anonymous surveys: no person data, and a question's answers only from 5 answers to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  const t = await i18next.getFixedT(request);
  const rows = exportRows(found.survey.id, (k) => t(k));
  if (!rows) throw new Response(t("surveys.results.hidden", { count: 0 }), { status: 403 });
  return exportResponse(request, rows, "xlsx", `evaluering-${found.survey.id}`, { sheetName: t("surveys.results.title") });
}
