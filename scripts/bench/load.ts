/**
 * Load drivers: an open-loop arrival scheduler (arrivals start on schedule whatever the answers, with
 * a cap on how many are in flight) and timed HTTP requests that record latency and errors per kind of
 * request.
 *
 * Requests go through node:http with keep-alive rather than fetch: the load generator shares the
 * server's cores, so it should cost as little as it can. Like a browser it accepts compressed answers
 * (the server pays for compressing), but it does not unpack them (no browser work is being measured).
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { arrivalOffsets, Latencies } from "../bench-lib";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type OpenLoopResult = { arrivals: number; started: number; skipped: number; failed: number };

/**
 * Starts `count` arrivals at an even rate over `durationMs`. An arrival that finds `maxInFlight`
 * others still running is not started and counted as skipped (an error of the scenario): the server
 * fell behind. A rejected `run` counts as failed. Resolves when every started arrival has finished.
 */
export async function openLoop(opts: { count: number; durationMs: number; maxInFlight: number; run: (i: number) => Promise<void> }): Promise<OpenLoopResult> {
  const offsets = arrivalOffsets(opts.count, opts.durationMs);
  const t0 = performance.now();
  let inFlight = 0;
  const result: OpenLoopResult = { arrivals: opts.count, started: 0, skipped: 0, failed: 0 };
  const running: Promise<void>[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const wait = t0 + offsets[i]! - performance.now();
    // Late arrivals still yield once, so answers that came in meanwhile free their places first.
    await (wait > 0 ? sleep(wait) : new Promise((r) => setImmediate(r)));
    if (inFlight >= opts.maxInFlight) {
      result.skipped++;
      continue;
    }
    inFlight++;
    result.started++;
    running.push(
      opts
        .run(i)
        .catch(() => void result.failed++)
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(running);
  return result;
}

/** Latencies and errors per kind of request ("GET /signup", "POST register", ...). */
export class Recorder {
  kinds = new Map<string, Latencies>();
  errors = new Map<string, number>();
  statuses = new Map<string, number>();
  private latency(kind: string) {
    let l = this.kinds.get(kind);
    if (!l) this.kinds.set(kind, (l = new Latencies()));
    return l;
  }
  error(kind: string, what: string) {
    this.errors.set(`${kind}: ${what}`, (this.errors.get(`${kind}: ${what}`) ?? 0) + 1);
  }
  get errorCount() {
    let n = 0;
    for (const v of this.errors.values()) n += v;
    return n;
  }
  /** All kinds together. */
  all() {
    const l = new Latencies();
    for (const k of this.kinds.values()) l.add(k);
    return l;
  }
  /**
   * One timed request. `expect` lists the acceptable statuses; anything else (or a network error) is
   * recorded as an error and returns null. Redirects are not followed.
   */
  async request(kind: string, url: string, init: RequestOptions & { expect: number[] }): Promise<Answer | null> {
    const started = performance.now();
    try {
      const res = await send(url, init);
      this.latency(kind).record(performance.now() - started);
      const key = `${kind} ${res.status}`;
      this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
      if (!init.expect.includes(res.status)) {
        this.error(kind, `HTTP ${res.status}`);
        return null;
      }
      return res;
    } catch (error) {
      this.latency(kind).record(performance.now() - started);
      this.error(kind, String(error));
      return null;
    }
  }
  summary() {
    return {
      all: this.all().summary(),
      byKind: Object.fromEntries([...this.kinds].map(([k, l]) => [k, l.summary()])),
      errors: Object.fromEntries(this.errors),
      statuses: Object.fromEntries(this.statuses),
    };
  }
}

/** `connection`: the client's own kept-alive connection (a browser's); without it, a pool shared by all. */
export type RequestOptions = { method?: string; headers?: Record<string, string>; body?: string; connection?: http.Agent };
export type Answer = { status: number; headers: http.IncomingHttpHeaders; bytes: number };

// An idle connection is dropped after 4 s, before the server's keep-alive timeout (5 s) closes it under a
// request just being sent, which would show as a reset connection that the server never saw.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, timeout: 4_000 });

/**
 * One browser's connection, kept alive between its pages. Virtual users that share one pool instead reuse
 * the most recently freed sockets, so a few hot connections (and the worker each was dealt to) carry most
 * of the load, which no set of real users does.
 */
export const browserConnection = () => new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4_000 });

/** One request, redirects not followed, body read to the end (and not unpacked). */
function send(url: string, init: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", agent: init.connection ?? agent, headers: { "accept-encoding": "gzip, deflate, br", ...init.headers } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => void (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** The session cookie (name=value) a response sets, if any. */
export function sessionFrom(res: Answer, name = "kp_session"): string | null {
  for (const c of res.headers["set-cookie"] ?? []) if (c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`)) return c.split(";")[0]!;
  return null;
}

export { sleep };
