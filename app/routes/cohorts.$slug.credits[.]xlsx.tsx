import type { LoaderFunctionArgs } from "react-router";
import { creditedTable } from "~/models/certificates.server";
import { exportResponse } from "~/utils/export.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  return exportResponse(request, creditedTable(cohort.id), "xlsx", `godkjente-timer-${cohort.slug}`, { sheetName: "Godkjente timer" });
}
