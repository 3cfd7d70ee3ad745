import type { LoaderFunctionArgs } from "@remix-run/node";
import { creditedCsv } from "~/models/certificates.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  return new Response(creditedCsv(cohort.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="godkjente-timer-${cohort.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
