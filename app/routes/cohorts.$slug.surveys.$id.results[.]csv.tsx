import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { exportRows, getSurveyInCohort } from "~/models/surveys.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import i18next from "~/i18next.server";

/** All answers as CSV (UTF-8 with BOM for Excel). Anonymous surveys: no person data, and only from 5 answers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  const t = await i18next.getFixedT(request);
  const rows = exportRows(found.survey.id, (k) => t(k));
  if (!rows) throw new Response(t("surveys.results.hidden", { count: 0 }), { status: 403 });
  return new Response("\uFEFF" + stringify(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="evaluering-${found.survey.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
