/**
 * React Router behind Express, as `@react-router/express` does it, except that the body is read here first,
 * bounded (body-limit.ts): that adapter hands the router the request stream itself, so a size limit could
 * only cut a body short while an action was already reading it.
 */
import type { IncomingHttpHeaders } from "node:http";
import { writeReadableStreamToWritable } from "@react-router/node";
import type { NextFunction, Request as ExpressRequest, Response } from "express";
import pLimit from "p-limit";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "react-router";
import { readBoundedBody } from "./body-limit";

type Build = ServerBuild | (() => Promise<ServerBuild>);

/** Node's request headers as Fetch headers (repeated headers kept). */
function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/** Writes a Fetch response to Express's response (each Set-Cookie header on its own). */
async function sendResponse(res: Response, response: globalThis.Response) {
  if (res.destroyed || res.writableEnded) {
    await response.body?.cancel();
    return;
  }
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await writeReadableStreamToWritable(response.body, res);
  } catch (error) {
    if (!(res.destroyed || res.writableEnded)) throw error;
  }
}

type Handle = (request: globalThis.Request, context: AppLoadContext) => Promise<globalThis.Response>;

/**
 * At most `concurrency` requests in the router at once; the others wait in arrival order, and one whose
 * client has gone by its turn is dropped (null).
 *
 * With every request in progress at once, each gets a slice of every event-loop turn, so a burst of pages
 * all finish late together and their clients come back together for the next burst. A few at a time, each
 * page is done in its own few milliseconds, and fewer pages are held in memory.
 */
export function inArrivalOrder(handle: Handle, concurrency: number) {
  const slots = pLimit(concurrency);
  return (request: globalThis.Request, context: AppLoadContext) =>
    slots(() => (request.signal.aborted ? null : handle(request, context)));
}

export function routerHandler(options: {
  build: Build;
  mode: string;
  getLoadContext: (req: ExpressRequest, res: Response) => AppLoadContext;
  /** How many requests the router works on at once; the rest wait in arrival order. */
  concurrency: number;
}) {
  const handle = inArrivalOrder(createRequestHandler(options.build, options.mode), options.concurrency);
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
      // req.hostname follows "trust proxy"; the port comes from the same header, as in @react-router/express.
      const hostHeader = (req.app.get("trust proxy") && req.get("x-forwarded-host")) || req.get("host") || "";
      const port = hostHeader.split(":")[1];
      const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
      const request = new Request(url, { method: req.method, headers: fetchHeaders(req.headers), body: body && new Uint8Array(body), signal: controller.signal });
      const response = await handle(request, options.getLoadContext(req, res));
      if (response) await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
