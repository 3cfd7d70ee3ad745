/** A personal calendar feed: /calendar/:token.ics. A wrong or revoked token is a plain 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { personalFeed, resolveFeedToken } from "~/models/calendar.server";
import { icsResponse } from "~/utils/http.server";
import { appUrl } from "~/utils/env.server";
import { notFound } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = resolveFeedToken(params.token ?? "");
  if (userId === null) notFound();
  const feed = await personalFeed(userId, appUrl());
  if (!feed) notFound();
  const response = icsResponse(request, feed);
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
