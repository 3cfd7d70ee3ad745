import type http from "node:http";
import type { NextFunction, Request, Response } from "express";

/** Every route takes forms only (no uploads), so one limit holds for all of them. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const TOO_LARGE_TEXT = "Forespørselen er for stor. Et skjema kan være på høyst 1 MB.";

/** A Content-Length above the limit (a chunked body has none). */
export function declaresTooLarge(req: http.IncomingMessage, limit = BODY_LIMIT_BYTES) {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Answers 413 at once and closes the connection a moment later, discarding what arrives meanwhile: the
 * client reads the answer while it is still sending. (A "Connection: close" answer would make Node close
 * the socket on unread data, and the reset that sends can make the client lose the answer.)
 */
export function answerTooLarge(req: http.IncomingMessage, res: http.ServerResponse) {
  req.removeAllListeners("data");
  req.resume();
  res.once("finish", () => setTimeout(() => req.socket.destroy(), 1000).unref());
  res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8" }).end(TOO_LARGE_TEXT);
}

/** Refuses a declared oversized body before any of it is read. */
export function refuseDeclaredTooLarge(req: Request, res: Response, next: NextFunction) {
  if (declaresTooLarge(req)) answerTooLarge(req, res);
  else next();
}

/**
 * Reads a request body into memory, counting bytes as they arrive: past the limit it answers 413 and
 * resolves to null without reading more. Also null when the client goes away mid-body.
 */
export function readBoundedBody(req: http.IncomingMessage, res: http.ServerResponse, limit = BODY_LIMIT_BYTES): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (body: Buffer | null) => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish(null);
        answerTooLarge(req, res);
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onGone = () => finish(null);
    req.on("data", onData).once("end", onEnd).once("error", onGone).once("close", onGone);
  });
}
