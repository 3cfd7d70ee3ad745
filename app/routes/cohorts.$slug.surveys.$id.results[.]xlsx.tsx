import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { exportRows, getSurveyInCohort } from "~/models/surveys.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import i18next from "~/i18next.server";

/** All answers as an Excel workbook. Anonymous surveys: no person data, and only from 5 answers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const found = getSurveyInCohort(Number(params.id), cohort.id);
  if (!found) notFound();
  const t = await i18next.getFixedT(request);
  const rows = exportRows(found.survey.id, (k) => t(k));
  if (!rows) throw new Response(t("surveys.results.hidden", { count: 0 }), { status: 403 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("surveys.results.title"));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  const buffer = await workbook.xlsx.writeBuffer();
  return new Response(buffer as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="evaluering-${found.survey.id}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
