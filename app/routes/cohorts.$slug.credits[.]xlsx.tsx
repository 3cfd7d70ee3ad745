import type { LoaderFunctionArgs } from "@remix-run/node";
import { creditedXlsx } from "~/models/certificates.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  return new Response(await creditedXlsx(cohort.id), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="godkjente-timer-${cohort.slug}.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
