import type { LoaderFunctionArgs } from "react-router";
import { exportPersonalData } from "~/models/privacy.server";
import { notFound, requireUser } from "~/utils/permissions.server";

/** Downloads everything stored about the logged-in person as JSON. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = exportPersonalData(user.id);
  if (!data) notFound();
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="knutepunkt-mine-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
