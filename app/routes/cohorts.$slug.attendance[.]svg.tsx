/**
 * The attendance overview's chart as an SVG image: /cohorts/:slug/attendance.svg. The same access as the
 * page (organisers of the cohort) and the same data, in the reader's language.
 */
import type { LoaderFunctionArgs } from "react-router";
import { attendanceChartData, attendanceOverview, overviewProfessions } from "~/models/attendance.server";
import { chartResponse } from "~/utils/http.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import i18next from "~/i18next.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const t = await i18next.getFixedT(request);
  return chartResponse(request, attendanceChartData(attendanceOverview(cohort), overviewProfessions(cohort), (k) => t(k)));
}
