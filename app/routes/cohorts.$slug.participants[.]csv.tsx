import type { LoaderFunctionArgs } from "react-router";
import { listParticipants, participantsTable } from "~/models/participants.server";
import i18next from "~/i18next.server";
import { exportResponse } from "~/utils/export.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { parseFilter } from "~/utils/participants-filter";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const { rows } = listParticipants(cohort.id, parseFilter(new URL(request.url)));
  const t = await i18next.getFixedT(request);
  return exportResponse(request, participantsTable(rows, t), "csv", `deltakere-${cohort.slug}`, { sheetName: cohort.title });
}
