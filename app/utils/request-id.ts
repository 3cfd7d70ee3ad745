/**
 * The server (server/index.ts) numbers every request in this header, overwriting whatever a client sent.
 * Nothing in the app reads it any more; it stays only until server/index.ts and scripts/in-process.ts
 * stop setting it, and then goes.
 */
export const REQUEST_ID_HEADER = "x-knutepunkt-request-id";

let requestsSeen = 0;

/** A number no other request of this process has had. */
export function nextRequestId() {
  requestsSeen += 1;
  return String(requestsSeen);
}
