import type { LoaderFunctionArgs } from "@remix-run/node";
import { listParticipants, participantsCsv } from "~/models/registration.server";
import i18next from "~/i18next.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { parseFilter } from "~/utils/participants-filter";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const { rows } = listParticipants(cohort.id, parseFilter(new URL(request.url)));
  const csv = await participantsCsv(rows, await i18next.getFixedT(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="deltakere-${cohort.slug}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
