/**
 * The production server build run in-process, without HTTP (scripts/profile-route.ts and
 * scripts/compare-pages.ts): the environment it needs, its Remix request handler, and session cookies for
 * people of the database. The database file is used as it is; sessions are added to it.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { nextRequestId, REQUEST_ID_HEADER } from "../app/utils/request-id";

/** A request handler for the server build `buildFile` on the database `dbFile`. */
export async function inProcessServer(dbFile: string, buildFile = "build/server/index.js") {
  process.env.DATABASE_URL = path.resolve(dbFile);
  process.env.SESSION_SECRET ??= "in-process-" + crypto.randomBytes(16).toString("hex");
  process.env.NODE_ENV = "production";
  process.env.LOG_LEVEL = "silent";
  const { createRequestHandler } = await import("@remix-run/node");
  const build = await import(pathToFileURL(path.resolve(buildFile)).href);
  const handle = createRequestHandler(build, "production");
  // What server/index.ts adds to every request before Remix sees it.
  return (request: Request) => {
    request.headers.set(REQUEST_ID_HEADER, nextRequestId());
    return handle(request);
  };
}

/** A Cookie header value with a new session of the person with this e-mail (after inProcessServer). */
export async function sessionCookieOf(email: string) {
  const { sessionCookie, SESSION_LIFETIME_MS } = await import("../app/utils/auth.server");
  const { generateToken, hashToken } = await import("../app/utils/crypto.server");
  const db = new Database(process.env.DATABASE_URL);
  try {
    const user = db.prepare("select id from users where email = ?").get(email) as { id: number } | undefined;
    if (!user) throw new Error(`No user ${email}`);
    const token = generateToken();
    db.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").run(hashToken(token), user.id, Date.now() + SESSION_LIFETIME_MS);
    return (await sessionCookie.serialize(token)).split(";")[0]!;
  } finally {
    db.close();
  }
}
