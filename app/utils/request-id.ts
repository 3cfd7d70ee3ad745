/**
 * The server (server/index.ts) numbers every request in this header, overwriting whatever a client sent.
 * Remix gives each loader of a request its own Request object, so per-request work shared by loaders (the
 * session user, getSessionUser) is kept by this number instead.
 */
export const REQUEST_ID_HEADER = "x-knutepunkt-request-id";

let requestsSeen = 0;

/** A number no other request of this process has had. */
export function nextRequestId() {
  requestsSeen += 1;
  return String(requestsSeen);
}
