/**
 * The worker pool of `npm start`: a killed worker is replaced while the others keep answering, SIGTERM
 * lets a request in flight finish and exits 0, the workers go when the primary is killed, and request
 * bodies are bounded (413 before the body is read).
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { baseUrl } from "../helpers/e2e";
import { startAppServer } from "../setup/e2e-server";

type Answer = { status: number; worker: string | undefined; body: string };

function get(url: string, agent: http.Agent | false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http
      .get(url, { agent }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode!, worker: res.headers["x-worker"] as string | undefined, body }));
      })
      .on("error", reject);
    // A request sent into a connection that dies without a reset would otherwise wait for ever: it is a
    // failed request, counted as one below.
    req.setTimeout(15_000, () => req.destroy(new Error("no answer in 15 s")));
  });
}

/** Worker pids seen on fresh connections (the primary deals connections out in turn) until `done` says so. */
async function workersSeen(base: string, done: (seen: Set<string>) => boolean, timeoutMs = 60_000) {
  const seen = new Set<string>();
  const deadline = Date.now() + timeoutMs;
  while (!done(seen)) {
    if (Date.now() > deadline) throw new Error(`workers seen: ${[...seen].join(", ")}`);
    try {
      const answer = await get(`${base}/healthz`, false);
      if (answer.worker) seen.add(answer.worker);
    } catch {
      /* a worker going away */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return seen;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Starting a pool (and its replacement worker) takes seconds on a busy machine.
const POOL_TEST_MS = 180_000;

describe("worker pool", () => {
  it("keeps answering while a killed worker is replaced; only requests on the killed worker's connections fail", async () => {
    const server = await startAppServer({ WEB_CONCURRENCY: "2", EXPOSE_WORKER_PID: "true" });
    try {
      const first = await workersSeen(server.baseUrl, (seen) => seen.size === 2);
      const victim = [...first][0]!;
      let stop = false;
      let answered = 0;
      const failures: { loop: number; connectedTo: string | undefined; sentAt: number; error: string }[] = [];
      let killedAt = Infinity;
      const bad: Answer[] = [];
      // Eight clients, each on one kept-alive connection, so each connection's worker is known.
      const loop = async (n: number) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        let connectedTo: string | undefined;
        for (let i = 0; !stop; i++) {
          const sentAt = Date.now();
          try {
            const answer = await get(`${server.baseUrl}${i % 2 ? "/healthz" : "/login"}`, agent);
            if (answer.status !== 200) bad.push(answer);
            connectedTo = answer.worker;
            answered++;
          } catch (error) {
            failures.push({ loop: n, connectedTo, sentAt, error: String(error) });
            connectedTo = undefined;
          }
        }
        agent.destroy();
      };
      const loops = Array.from({ length: 8 }, (_, n) => loop(n));
      await new Promise((r) => setTimeout(r, 3000));
      killedAt = Date.now();
      process.kill(Number(victim), "SIGKILL");
      await new Promise((r) => setTimeout(r, 3000));
      stop = true;
      await Promise.all(loops);

      expect(bad).toEqual([]);
      // A failure is a request in flight on (or sent into) a connection of the killed worker, or a new connection
      // the primary dealt to that worker in the moment before it saw the worker exit; never one on a live worker's
      // connection, and none once the replacement is up.
      const other = [...first].find((pid) => pid !== victim);
      for (const failure of failures) {
        expect(failure.connectedTo, JSON.stringify(failures)).not.toBe(other);
        expect(failure.sentAt - killedAt, JSON.stringify(failures)).toBeLessThan(1000);
      }
      const onVictim = failures.filter((f) => f.connectedTo === victim);
      expect(new Set(onVictim.map((f) => f.loop)).size).toBe(onVictim.length);
      const replacement = await workersSeen(server.baseUrl, (seen) => [...seen].some((pid) => !first.has(pid)));
      expect(replacement.has(victim)).toBe(false);
      console.info(`worker pool: ${answered} answered, ${failures.length} failed on the killed worker's connections`);
    } finally {
      await server.stop();
    }
  }, POOL_TEST_MS);

  it("on SIGTERM lets a request in flight finish, then exits 0", async () => {
    const server = await startAppServer({ WEB_CONCURRENCY: "2" });
    try {
      const body = new URLSearchParams({ email: "ingen@test.knutepunkt.test", password: "feil-passord-123" }).toString();
      const half = Math.floor(body.length / 2);
      const answer = new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${server.baseUrl}/login`,
          { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": body.length } },
          (res) => {
            res.resume().on("end", () => resolve(res.statusCode!));
          },
        );
        req.on("error", reject);
        // Half the form now; the rest after the server has been told to stop.
        req.write(body.slice(0, half));
        setTimeout(() => {
          server.child.kill("SIGTERM");
          setTimeout(() => req.end(body.slice(half)), 1000);
        }, 500);
      });
      const started = Date.now();
      const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
      expect(await answer).toBe(400);
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(12_000);
    } finally {
      await server.stop();
    }
  }, POOL_TEST_MS);

  it("takes its workers down when the primary is killed", async () => {
    const server = await startAppServer({ WEB_CONCURRENCY: "2", EXPOSE_WORKER_PID: "true" });
    const workers = [...(await workersSeen(server.baseUrl, (seen) => seen.size === 2))].map(Number);
    await server.kill();
    const deadline = Date.now() + 5000;
    while (workers.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(workers.filter(alive)).toEqual([]);
    await server.stop();
  }, POOL_TEST_MS);
});

/**
 * Declares (or streams) a `size`-byte form to /login and resolves with the answer's status. A chunked body
 * is sent just past the limit and then waits: the answer must come before the body has been read whole.
 * (Writing on after the answer races with the server closing the connection.)
 */
function postLarge(size: number, { chunked = false, expectContinue = false } = {}) {
  return new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
    let continued = false;
    let answered = false;
    const headers: http.OutgoingHttpHeaders = { "Content-Type": "application/x-www-form-urlencoded" };
    if (!chunked) headers["Content-Length"] = size;
    if (expectContinue) headers.Expect = "100-continue";
    const req = http.request(`${baseUrl()}/login`, { method: "POST", headers, agent: false }, (res) => {
      answered = true;
      resolve({ status: res.statusCode!, continued });
      req.destroy();
    });
    req.on("error", (error) => !answered && reject(error));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (!answered && sent < Math.min(size, 1024 * 1024 + 2 * chunk.length)) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
    };
    if (expectContinue) {
      req.on("continue", () => ((continued = true), pump()));
      req.flushHeaders();
    } else if (chunked) pump();
    // A declared length is refused on the headers alone: no body byte is needed for the answer.
    else req.flushHeaders();
  });
}

describe("request size limit", () => {
  const FORTY_MB = 40 * 1024 * 1024;

  it("answers 413 to a 40 MB form with a Content-Length, and keeps serving", async () => {
    expect((await postLarge(FORTY_MB)).status).toBe(413);
    expect((await fetch(`${baseUrl()}/healthz`)).status).toBe(200);
  });

  it("answers 413 to a 40 MB chunked form, counting as it arrives, and keeps serving", async () => {
    expect((await postLarge(FORTY_MB, { chunked: true })).status).toBe(413);
    expect((await fetch(`${baseUrl()}/healthz`)).status).toBe(200);
  });

  it("answers 413 to Expect: 100-continue with a large Content-Length, without asking for the body", async () => {
    expect(await postLarge(FORTY_MB, { expectContinue: true })).toEqual({ status: 413, continued: false });
  });

  it("still takes an ordinary form", async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "ingen@test.knutepunkt.test", password: "feil-passord-123" }),
    });
    expect(res.status).toBe(400);
  });
});
