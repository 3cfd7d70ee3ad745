/** Small HTTP helpers shared by the resource routes (calendar feeds, chart images). */

/** Whether an If-None-Match header names this ETag (weak or strong, or "*"). */
export function etagMatches(header: string, etag: string) {
  return header
    .split(",")
    .map((s) => s.trim().replace(/^W\//, ""))
    .some((s) => s === etag || s === "*");
}
