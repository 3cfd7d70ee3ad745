/**
 * Query results kept between requests, per connection, while a revision number that the database's
 * triggers raise stays the same: the open-course lists (catalogue_revision, migration 0008) and the
 * partner finder's rosters (cohort_roster_revision, migration 0010). The caller reads its revision and
 * puts it in the key or checks it in `usable`; writes from any code path or process raise it.
 *
 * Inside a transaction the result is made and not kept: a rollback would take back the revision it was
 * made at, and the next write would raise the number to that value again with other data behind it.
 * Callers must not change what they get.
 */
import { boundedMemo } from "../app/utils/memo";
import type { Db } from "./client";

export function keptPerConnection<V>(max: number) {
  const byConnection = new WeakMap<Db, ReturnType<typeof boundedMemo<V>>>();
  return (db: Db, key: string, make: () => V, usable?: (kept: V) => boolean): V => {
    if (db.$client.inTransaction) return make();
    let kept = byConnection.get(db);
    if (!kept) byConnection.set(db, (kept = boundedMemo<V>(max)));
    return kept.get(key, make, usable);
  };
}
