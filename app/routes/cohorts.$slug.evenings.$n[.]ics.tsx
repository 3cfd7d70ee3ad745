/** One evening as a downloadable .ics file: /cohorts/:slug/evenings/:n.ics */
import type { LoaderFunctionArgs } from "react-router";
import { z } from "zod";
import { eveningIcs } from "~/models/calendar.server";
import { icsResponse } from "~/utils/http.server";
import { appUrl } from "~/utils/env.server";
import { notFound } from "~/utils/permissions.server";

const EveningNumber = z.coerce.number().int().min(1).max(100);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const n = EveningNumber.safeParse(params.n);
  if (!n.success) notFound();
  const feed = await eveningIcs(params.slug ?? "", n.data, appUrl());
  if (!feed) notFound();
  return icsResponse(request, feed, { download: true, cache: "public" });
}
