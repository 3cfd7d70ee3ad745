/** A personal calendar feed: /calendar/:token.ics. A wrong or revoked token is a plain 404. */
import type { LoaderFunctionArgs } from "react-router";
import { personalFeed, personalFeedVersion, resolveFeedToken } from "~/models/calendar.server";
import { icsNotModified, icsResponse, isNotModified } from "~/utils/http.server";
import { appUrl } from "~/utils/env.server";
import { notFound } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = resolveFeedToken(params.token ?? "");
  if (userId === null) notFound();
  // Calendar apps poll with conditional requests; an unchanged feed is answered before it is built.
  const version = personalFeedVersion(userId, appUrl());
  if (!version) notFound();
  const response = isNotModified(request, version) ? icsNotModified(version) : icsResponse(request, (await personalFeed(userId, appUrl())) ?? notFound());
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
