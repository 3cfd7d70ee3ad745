/**
 * The HTTP server: Express in front of Remix, so security headers, the cross-origin form check
 * and static files are handled once for every route. `npm run dev` runs this file through tsx and
 * serves through Vite; `npm run build` also compiles it (vite.server.config.ts) to build/express/index.js,
 * which `npm start` runs with plain node: no TypeScript loader thread in production.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type * as AppEntry from "../app/entry.server";
import { nextRequestId, REQUEST_ID_HEADER } from "../app/utils/request-id";
import { refuseCrossOriginWrites } from "./origin-check";

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

/** What the app's entry module adds to the Remix build for this server (see app/entry.server.tsx). */
type AppServerHooks = Pick<typeof AppEntry, "prepareDatabase" | "startScheduler">;
const hooksOf = (build: ServerBuild) => build.entry.module as unknown as AppServerHooks;

function logLine(level: string, msg: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
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

export async function createServer() {
  const vite = production
    ? undefined
    : await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));
  const loadBuild = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : () => import(path.join(root, "build/server/index.js")) as Promise<ServerBuild>;
  const hooks = hooksOf(await loadBuild());

  const prepared = await hooks.prepareDatabase();
  logLine("info", "database ready", prepared);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    // The rate limiter reads the peer address from this header; never trust a client-sent one.
    req.headers["x-remote-address"] = req.ip ?? req.socket.remoteAddress ?? "";
    req.headers[REQUEST_ID_HEADER] = nextRequestId();
    next();
  });

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
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(publicFiles(path.join(root, "build/client")));
  }

  app.all(
    "*",
    createRequestHandler({
      // In development Vite reloads the build on every request (HMR); in production it is loaded once.
      build: vite ? loadBuild : await loadBuild(),
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return { app, hooks };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.PORT ?? 3000);
  const { app, hooks } = await createServer();
  const server = app.listen(port, process.env.HOST ?? "0.0.0.0", () => {
    logLine("info", "server listening", { url: `http://localhost:${port}`, mode: production ? "production" : "development" });
  });
  // Reminders and e-mail delivery run inside the app process (croner); DISABLE_SCHEDULER=true turns them off.
  const scheduler = process.env.DISABLE_SCHEDULER === "true" ? null : hooks.startScheduler();
  const shutdown = () => {
    scheduler?.stop();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
