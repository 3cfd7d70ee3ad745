import { Writable } from "node:stream";
import { ServerRouter, type AppLoadContext, type EntryContext } from "react-router";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import i18next, { i18nInstanceFor } from "./i18next.server";
import { log } from "./utils/log.server";
import { NonceProvider } from "./utils/nonce";

// React stops rendering a stream after this long; React Router rejects its pending promises a little later.
export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
): Promise<Response> {
  const instance = i18nInstanceFor(await i18next.getLocale(request));
  const nonce = (loadContext as { cspNonce?: string }).cspNonce;

  // The whole document is rendered before it is sent, for people and crawlers alike: no page streams
  // deferred data, so streaming gained nothing, while passing each chunk through Node and web streams to
  // the socket cost CPU on every page (React's chunks: docs/decisions/008).
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={instance}>
          <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          // A timer left pending kept each finished render reachable for its full five seconds.
          clearTimeout(timer);
          pipe(document);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render error", { error: String(error) });
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1_000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  log.error("unhandled error", {
    url: request.url,
    error: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
}

// The Express server (server/index.ts) takes these from this same build, so the database connection,
// translations and scheduled jobs exist once in the process instead of in a second copy of the app code.
export { prepareDatabase } from "../db/prepare";
export { startScheduler } from "./models/scheduler.server";
