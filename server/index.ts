/**
 * The HTTP server: Express in front of React Router, so security headers, the cross-origin form check, the body
 * limit and static files are handled once for every route. `npm run dev` runs this file through tsx and
 * serves through Vite in one process; `npm run build` also compiles it (vite.server.config.ts) to
 * build/express/index.js, which `npm start` runs with plain node as a pool of workers (node:cluster, see
 * docs/decisions/014-worker-pool.md).
 */
import cluster, { type Worker } from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerBuild } from "react-router";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import expressStaticGzip from "express-static-gzip";
import type * as AppEntry from "../app/entry.server";
import { startupProblem } from "../app/utils/env.server";
import { prepareDatabase } from "../db/prepare";
import { declaresTooLarge, refuseDeclaredTooLarge } from "./body-limit";
import { refuseCrossOriginWrites } from "./origin-check";
import { routerHandler } from "./router-handler";

const production = process.env.NODE_ENV === "production";

/** The project root: the nearest folder up with a package.json (this file runs from server/ or build/express/). */
function findRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
const root = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** What the app's entry module adds to the server build for this server (see app/entry.server.tsx). */
type AppServerHooks = Pick<typeof AppEntry, "prepareDatabase" | "startScheduler">;
const hooksOf = (build: ServerBuild) => build.entry.module as unknown as AppServerHooks;

function logLine(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, pid: process.pid, ...fields }) + "\n";
  (level === "info" ? process.stdout : process.stderr).write(line);
}

/** A reason not to start: printed whatever LOG_LEVEL says, and the process exits non-zero. */
function refuseToStart(message: string): never {
  process.stderr.write(JSON.stringify({ time: new Date().toISOString(), level: "error", msg: message }) + "\n");
  process.exit(1);
}

/**
 * The files of public/ (copied to build/client), served for 1 h. Only their paths reach the file system:
 * serving the whole folder cost every page request a failed stat() (and for "/" a second one for
 * index.html) on libuv's thread pool.
 */
function publicFiles(dir: string): express.RequestHandler {
  const files = new Set(
    (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((file) => !file.startsWith("assets") && fs.statSync(path.join(dir, file)).isFile())
      .map((file) => "/" + file.split(path.sep).join("/")),
  );
  const serve = express.static(dir, { maxAge: "1h", index: false });
  return (req, res, next) => (files.has(req.path) ? serve(req, res, next) : next());
}

const loadProductionBuild = () => import(path.join(root, "build/server/index.js")) as Promise<ServerBuild>;

/** The Express app. The database must be prepared (migrated, seeded) before it serves. */
export async function createServer() {
  const vite = production
    ? undefined
    : await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));
  const loadBuild = vite ? () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild> : loadProductionBuild;
  const hooks = hooksOf(await loadBuild());

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    // The rate limiter reads the peer address from this header; never trust a client-sent one.
    req.headers["x-remote-address"] = req.ip ?? req.socket.remoteAddress ?? "";
    if (exposeWorkerPid) res.setHeader("X-Worker", String(process.pid));
    if (draining) res.setHeader("Connection", "close");
    next();
  });
  app.use(refuseDeclaredTooLarge);

  app.use(
    helmet({
      contentSecurityPolicy: production
        ? {
            useDefaults: false,
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
              styleSrc: ["'self'", "'unsafe-inline'"],
              imgSrc: ["'self'", "data:"],
              fontSrc: ["'self'", "data:"],
              connectSrc: ["'self'"],
              formAction: ["'self'"],
              frameAncestors: ["'none'"],
              baseUri: ["'self'"],
              objectSrc: ["'none'"],
            },
          }
        : false,
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: production ? { maxAge: 15552000 } : false,
    }),
  );
  app.use(compression());
  app.use(refuseCrossOriginWrites);

  if (vite) {
    app.use(vite.middlewares);
  } else {
    // The build wrote each script and style also as .br and .gz (vite.config.ts); the best one the
    // browser accepts is sent, and the compression middleware leaves it alone.
    app.use(
      "/assets",
      expressStaticGzip(path.join(root, "build/client/assets"), {
        enableBrotli: true,
        orderPreference: ["br", "gz"],
        serveStatic: { immutable: true, maxAge: "1y" },
      }),
    );
    app.use(publicFiles(path.join(root, "build/client")));
  }

  app.all(
    "*",
    routerHandler({
      // In development Vite reloads the build on every request (HMR); in production it is loaded once.
      build: vite ? loadBuild : await loadBuild(),
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
      concurrency: requestConcurrency(),
    }),
  );
  return { app, hooks };
}

/** For the resilience test: which worker answered. Off unless asked for. */
const exposeWorkerPid = process.env.EXPOSE_WORKER_PID === "true";
/** Set once this process stops taking new work: answers then close their connection. */
let draining = false;
/** How long a stopping server waits for requests in flight. */
const DRAIN_MS = 10_000;

async function listen(app: express.Express): Promise<http.Server> {
  const port = Number(process.env.PORT ?? 3000);
  const server = app.listen(port, process.env.HOST ?? "0.0.0.0");
  // Without this Node answers "100 Continue" by itself, and the client sends a body that is then refused.
  server.on("checkContinue", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!declaresTooLarge(req)) res.writeContinue();
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  return server;
}

/** Stops taking connections, lets requests in flight finish (at most DRAIN_MS), then calls `done`. */
function drain(server: http.Server, done: () => void) {
  if (draining) return;
  draining = true;
  server.close(() => done());
  // Idle keep-alive connections would hold close() open; close them as each goes idle.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
  setTimeout(() => {
    server.closeAllConnections();
    done();
  }, DRAIN_MS).unref();
}

/** `npm run dev`: one process with Vite, the database and the scheduler. */
async function runSingleProcess() {
  const { app, hooks } = await createServer();
  logLine("info", "database ready", await hooks.prepareDatabase());
  const server = await listen(app);
  logLine("info", "server listening", { url: `http://localhost:${process.env.PORT ?? 3000}`, mode: "development" });
  const scheduler = process.env.DISABLE_SCHEDULER === "true" ? null : hooks.startScheduler();
  const shutdown = () => {
    scheduler?.stop();
    drain(server, () => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/** A positive whole number from the environment, or `fallback` when it is not set. */
function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) refuseToStart(`${name} må være et positivt heltall (fikk «${raw}»).`);
  return n;
}

const workerCount = () => positiveInteger("WEB_CONCURRENCY", os.availableParallelism());
/** Requests each process works on at once (router-handler.ts says why so few). */
const requestConcurrency = () => positiveInteger("CONCURRENT_REQUESTS", 4);

/**
 * `npm start`: the primary checks the settings, migrates and seeds the database once, keeps WEB_CONCURRENCY
 * HTTP workers running and runs the scheduler, so reminders and e-mail go out from exactly one process.
 * It loads the server build only for the scheduler, after forking: the workers need not wait for it.
 */
async function runPrimary() {
  const problem = startupProblem();
  if (problem) refuseToStart(problem);
  const count = workerCount();
  requestConcurrency(); // checked here once, not by every worker as it starts
  logLine("info", "database ready", await prepareDatabase());

  let stopping = false;
  const listened = new WeakSet<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => listened.add(worker));
    return worker;
  };
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // A worker that never listened failed at start-up (port taken, bad build): starting it again would loop.
    if (!listened.has(worker)) {
      logLine("error", "worker failed to start; stopping", { worker: worker.process.pid, code, signal });
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGKILL");
      process.exit(1);
    }
    const replacement = fork();
    logLine("warn", "worker died; started a new one", { worker: worker.process.pid, code, signal, replacement: replacement.process.pid });
  });
  for (let i = 0; i < count; i++) fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === count) {
      logLine("info", "server listening", { url: `http://localhost:${process.env.PORT ?? 3000}`, mode: "production", workers: count });
    }
  });

  let scheduler: { stop(): void } | undefined;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLine("info", "stopping", { signal });
    scheduler?.stop();
    for (const worker of Object.values(cluster.workers ?? {})) worker?.send("drain");
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    // Workers bound their own drain; this is the backstop.
    setTimeout(() => process.exit(0), DRAIN_MS + 2_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  if (process.env.DISABLE_SCHEDULER !== "true") {
    const hooks = hooksOf(await loadProductionBuild());
    if (!stopping) scheduler = hooks.startScheduler();
  }
}

/**
 * One HTTP worker. It drains when the primary says so, or on its own SIGTERM/SIGINT (a terminal's Ctrl+C
 * reaches every process of the group). If the primary dies, Node's cluster makes the worker exit as its
 * channel to the primary closes.
 */
async function runWorker() {
  let server: http.Server | undefined;
  // Listening for the word first: a worker still loading when the primary stops has nothing to finish.
  const stop = () => (server ? drain(server, () => process.exit(0)) : process.exit(0));
  process.on("message", (message) => message === "drain" && stop());
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  const { app } = await createServer();
  server = await listen(app);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  if (!production) await runSingleProcess();
  else if (cluster.isPrimary) await runPrimary();
  else await runWorker();
}
