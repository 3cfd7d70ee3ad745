/**
 * Browsing and calendar polling, side by side. Browsing: each virtual user is a different person who
 * loads one of their key pages, pauses, and again, for the whole window (closed loop per user).
 * Calendar polling: personal feeds fetched at an even rate (open loop), mostly conditional
 * (If-Modified-Since from a copy fetched earlier, as calendar apps do), so most answers are 304.
 */
import { performance } from "node:perf_hooks";
import type { VirtualUser } from "./fixtures";
import { browserConnection, openLoop, Recorder, sleep } from "./load";

/** Key page of a path, for the per-page lines of the report. */
export function pageKind(p: string) {
  if (p === "/") return "dashboard";
  if (p.includes("/agreement")) return "agreement";
  if (p.includes("/partners")) return "partner finder";
  if (p.startsWith("/network")) return "network search";
  if (p.endsWith("/participants")) return "participant list";
  if (p.endsWith("/attendance")) return "roll call";
  if (p.includes("/results")) return "survey results";
  return "public cohort page";
}

/**
 * Requests that start in the first `measuredSeconds` are the scenario's; the mix goes on, recorded
 * apart, until `seconds` (to keep the calendar polling company).
 */
export async function browsing(opts: { base: string; users: VirtualUser[]; seconds: number; measuredSeconds: number; pauseMs: number }) {
  const rec = new Recorder();
  const after = new Recorder();
  const start = performance.now();
  const end = start + opts.seconds * 1000;
  const measuredEnd = start + opts.measuredSeconds * 1000;
  await Promise.all(
    opts.users.map(async (u, k) => {
      // Users start spread over the first pause, not all in the same millisecond.
      await sleep((k * opts.pauseMs) / opts.users.length);
      const connection = browserConnection();
      let n = k;
      while (performance.now() < end) {
        const p = u.paths[n++ % u.paths.length]!;
        await (performance.now() < measuredEnd ? rec : after).request(pageKind(p), opts.base + p, { headers: { cookie: u.cookie }, expect: [200], connection });
        await sleep(opts.pauseMs);
      }
      connection.destroy();
    }),
  );
  const all = rec.all();
  return { users: opts.users.length, requests: rec.summary(), errors: rec.errorCount, p95: all.p(95), p99: all.p(99), afterwards: after.summary() };
}

export async function calendarPolling(opts: { base: string; feeds: string[]; seconds: number; since: Date }) {
  const rec = new Recorder();
  const since = opts.since.toUTCString();
  const loop = await openLoop({
    count: opts.feeds.length,
    durationMs: opts.seconds * 1000,
    maxInFlight: 100,
    run: async (i) => {
      // One in ten has no copy yet (a new subscription).
      const headers: Record<string, string> = i % 10 === 0 ? {} : { "if-modified-since": since };
      await rec.request(i % 10 === 0 ? "feed" : "feed (conditional)", opts.base + opts.feeds[i]!, { headers, expect: [200, 304] });
    },
  });
  const statuses = rec.summary().statuses;
  const notModified = Object.entries(statuses).filter(([k]) => k.endsWith(" 304")).reduce((n, [, v]) => n + v, 0);
  return { loop, requests: rec.summary(), errors: rec.errorCount + loop.skipped + loop.failed, notModified, p95: rec.all().p(95) };
}
