/**
 * Remix behind Express, as `@remix-run/express` does it, except that the body is read here first, bounded
 * (body-limit.ts): that adapter hands Remix the request stream itself, so a size limit could only cut a
 * body short while an action was already reading it.
 */
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
// Not re-exported by the package's index; the same helpers its own handler uses.
import { createRemixHeaders, sendRemixResponse } from "@remix-run/express/dist/server.js";
import type { NextFunction, Request as ExpressRequest, Response } from "express";
import { readBoundedBody } from "./body-limit";

type Build = ServerBuild | (() => Promise<ServerBuild>);

export function remixHandler(options: { build: Build; mode: string; getLoadContext: (req: ExpressRequest, res: Response) => AppLoadContext }) {
  const handle = createRemixHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: Response, next: NextFunction) => {
    try {
      const hasBody = req.method !== "GET" && req.method !== "HEAD";
      const body = hasBody ? await readBoundedBody(req, res) : undefined;
      if (body === null) return; // answered 413, or the client left

      const controller = new AbortController();
      // Stop loaders and actions when the answer can no longer be sent.
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      // req.hostname follows "trust proxy"; the port comes from the same header, as in @remix-run/express.
      const hostHeader = (req.app.get("trust proxy") && req.get("x-forwarded-host")) || req.get("host") || "";
      const port = hostHeader.split(":")[1];
      const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
      const request = new Request(url, { method: req.method, headers: createRemixHeaders(req.headers), body: body && new Uint8Array(body), signal: controller.signal });
      await sendRemixResponse(res, await handle(request, options.getLoadContext(req, res)));
    } catch (error) {
      next(error);
    }
  };
}
