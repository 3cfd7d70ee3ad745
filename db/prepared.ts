/**
 * Queries that hot pages run on every request, built once per connection.
 *
 * drizzle builds the SQL text of a query from its builder on every call (walking the selection,
 * checking entity kinds, escaping names). A drizzle prepared query (drizzle's standard API) keeps the
 * built SQL and its compiled statement and takes the changing values as `sql.placeholder("name")`. drizzle hands a bare placeholder's value to
 * SQLite as it is, which is right for numbers and strings; for a column with an encoder (a Date for a
 * timestamp, a boolean) use `encodedPlaceholder(column, "name")`.
 *
 *   const sessionById = preparedQuery((db) =>
 *     db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare(),
 *   );
 *   sessionById(db).get({ id });
 *
 * Keyed by connection (tests open several), so a closed connection's queries go with it.
 */
import { Param, sql, type Column } from "drizzle-orm";
import { getDb, type Db } from "./client";

export function preparedQuery<Prepared>(build: (db: Db) => Prepared): (db?: Db) => Prepared {
  const byConnection = new WeakMap<Db, Prepared>();
  return (db = getDb()) => {
    let prepared = byConnection.get(db);
    if (!prepared) {
      prepared = build(db);
      byConnection.set(db, prepared);
    }
    return prepared;
  };
}

/** A placeholder whose value goes through the column's encoder when the query runs. */
export function encodedPlaceholder(column: Column, name: string) {
  return new Param(sql.placeholder(name), column);
}
