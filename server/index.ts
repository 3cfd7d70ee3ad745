/**
 * The HTTP server: Express in front of Remix, so security headers, the cross-origin form check
 * and static files are handled once for every route. `npm run dev` serves through Vite; `npm start`
 * serves the production build.
 */
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { prepareDatabase } from "../db/prepare";
import { refuseCrossOriginWrites } from "./origin-check";

const production = process.env.NODE_ENV === "production";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function logLine(level: string, msg: string, fields: Record<string, unknown> = {}) {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
}

export async function createServer() {
  const prepared = await prepareDatabase();
  logLine("info", "database ready", prepared);

  const vite = production
    ? undefined
    : await import("vite").then((v) => v.createServer({ root, server: { middlewareMode: true } }));

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    // The rate limiter reads the peer address from this header; never trust a client-sent one.
    req.headers["x-remote-address"] = req.ip ?? req.socket.remoteAddress ?? "";
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
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  }

  const build = vite
    ? () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>
    : ((await import(path.join(root, "build/server/index.js"))) as ServerBuild);

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return app;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.PORT ?? 3000);
  const app = await createServer();
  const server = app.listen(port, process.env.HOST ?? "0.0.0.0", () => {
    logLine("info", "server listening", { url: `http://localhost:${port}`, mode: production ? "production" : "development" });
  });
  // Reminders and e-mail delivery run inside the app process (croner); DISABLE_SCHEDULER=true turns them off.
  const scheduler =
    process.env.DISABLE_SCHEDULER === "true"
      ? null
      : (await import("../app/models/scheduler.server")).startScheduler();
  const shutdown = () => {
    scheduler?.stop();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
