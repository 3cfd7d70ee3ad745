/** The public calendar feed of a cohort: /cohorts/:slug/calendar.ics */
import type { LoaderFunctionArgs } from "react-router";
import { cohortFeed } from "~/models/calendar.server";
import { icsResponse } from "~/utils/http.server";
import { appUrl } from "~/utils/env.server";
import { notFound } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const feed = await cohortFeed(params.slug ?? "", appUrl());
  if (!feed) notFound();
  return icsResponse(request, feed, { cache: "public" });
}
