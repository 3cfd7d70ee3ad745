import type { LoaderFunctionArgs } from "@remix-run/node";
import { listParticipants, participantsXlsx } from "~/models/registration.server";
import i18next from "~/i18next.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { parseFilter } from "~/utils/participants-filter";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const { rows } = listParticipants(cohort.id, parseFilter(new URL(request.url)));
  const t = await i18next.getFixedT(request);
  const body = await participantsXlsx(rows, t, cohort.title);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="deltakere-${cohort.slug}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
