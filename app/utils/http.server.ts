/** Small HTTP helpers shared by the resource routes (calendar feeds, chart images). */
import type { Feed, FeedVersion } from "~/models/calendar.server";
import { drawChart } from "~/models/charts.server";
import type { BarDatum } from "~/types/charts";

/** Whether an If-None-Match header names this ETag (weak or strong, or "*"). */
export function etagMatches(header: string, etag: string) {
  return header
    .split(",")
    .map((s) => s.trim().replace(/^W\//, ""))
    .some((s) => s === etag || s === "*");
}

/** Whether a conditional request (If-None-Match, else If-Modified-Since) already has this version. */
export function isNotModified(request: Request, version: FeedVersion) {
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch) return etagMatches(ifNoneMatch, version.etag);
  const since = Date.parse(request.headers.get("If-Modified-Since") ?? "");
  return !Number.isNaN(since) && version.lastModified.getTime() <= since;
}

function icsHeaders(version: FeedVersion, cache: string) {
  return new Headers({
    ETag: version.etag,
    "Last-Modified": version.lastModified.toUTCString(),
    "Cache-Control": `${cache}, max-age=300, must-revalidate`,
    "X-Robots-Tag": "noindex",
  });
}

/** 304 for a calendar the client already has. */
export function icsNotModified(version: FeedVersion, { cache = "private" } = {}): Response {
  return new Response(null, { status: 304, headers: icsHeaders(version, cache) });
}

/** The feed as a text/calendar response, with ETag/Last-Modified and 304 for unchanged conditional requests. */
export function icsResponse(request: Request, feed: Feed, { download = false, cache = "private" } = {}): Response {
  if (isNotModified(request, feed)) return icsNotModified(feed, { cache });
  const headers = icsHeaders(feed, cache);
  headers.set("Content-Type", "text/calendar; charset=utf-8");
  headers.set("Content-Disposition", `${download ? "attachment" : "inline"}; filename="${feed.filename}"`);
  return new Response(request.method === "HEAD" ? null : feed.body, { status: 200, headers });
}

/**
 * The SVG response for a chart image route, after the route has checked access exactly as its page does.
 * A request for the current version may be kept by the browser for a year (a new answer gives a new URL);
 * every other URL gets the current image, revalidated every time. Private: the data is for organisers only.
 * An unchanged image answers If-None-Match with 304.
 */
export function chartResponse(request: Request, data: BarDatum[]): Response {
  const { svg, version } = drawChart(data);
  const etag = `"${version}"`;
  const current = new URL(request.url).searchParams.get("v") === version;
  const headers = new Headers({
    "Content-Type": "image/svg+xml; charset=utf-8",
    ETag: etag,
    "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
  });
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(request.method === "HEAD" ? null : svg, { status: 200, headers });
}
