/**
 * For information, not a budget: each key page's requests/s as a share of the log-in page's (the
 * cheapest server-rendered page), closed loop with autocannon, the log-in page measured before and after.
 */
import autocannon from "autocannon";
import type Database from "better-sqlite3";
import { ENDPOINTS, type BenchContext } from "../bench-endpoints";
import { sessionsFor } from "./fixtures";

async function rps(base: string, path: string, cookie: string | undefined, seconds: number) {
  const r = await autocannon({ url: base, connections: 10, duration: seconds, requests: [{ method: "GET", path, headers: cookie ? { cookie } : {} }] });
  return { rps: r.requests.average, non2xx: r.non2xx + r.errors };
}

export async function loginRatios(opts: { base: string; db: Database.Database; secret: string; seconds: number }) {
  const cookies = new Map<string, string>();
  const emails = new Set<string>();
  const ctx: BenchContext = {
    db: opts.db,
    scale: "bench",
    secret: opts.secret,
    cookieFor: (email) => (emails.add(email), `__${email}`),
  };
  const pages = ENDPOINTS.filter((e) => e.kind === "page").map((e) => ({ e, req: e.build(ctx) }));
  const ids = [...emails].map((email) => (opts.db.prepare("select id from users where email = ?").get(email) as { id: number }).id);
  (await sessionsFor(opts.db, ids)).forEach((c, i) => cookies.set(`__${[...emails][i]}`, c));
  const cookieOf = (h?: Record<string, string>) => (h?.cookie ? cookies.get(h.cookie) : undefined);
  const before = await rps(opts.base, "/login", undefined, opts.seconds);
  const lines: { name: string; rps: number; errors: number }[] = [];
  for (const { e, req } of pages) {
    const r = await rps(opts.base, req.path, cookieOf(req.headers), opts.seconds);
    lines.push({ name: e.name, rps: r.rps, errors: r.non2xx });
  }
  const after = await rps(opts.base, "/login", undefined, opts.seconds);
  const login = (before.rps + after.rps) / 2;
  return { loginRps: login, pages: lines.map((l) => ({ ...l, ratio: l.rps / login })) };
}
