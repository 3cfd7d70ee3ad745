import { sql } from "drizzle-orm";
import { getDb } from "../../db/client";

/** Liveness and readiness: 200 once the database answers. */
export async function loader() {
  try {
    getDb().get(sql`select 1`);
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
