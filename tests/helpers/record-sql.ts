import type { Db } from "../../db/client";

type Statement = ReturnType<Db["$client"]["prepare"]>;
const RUNS = ["run", "get", "all", "iterate"] as const;

/**
 * Every SQL text the connection prepares or runs while `run` runs, in order (for query-plan
 * assertions). Statements prepared before (db/prepared.ts keeps them per connection) are recorded
 * when they run.
 */
export function recordSql(db: Db, run: () => void): string[] {
  const client = db.$client;
  const recorded: string[] = [];
  const original = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    recorded.push(sql);
    return original(sql);
  }) as typeof client.prepare;
  const proto = Object.getPrototypeOf(original("select 1")) as Record<(typeof RUNS)[number], (this: Statement, ...args: unknown[]) => unknown>;
  const originals = RUNS.map((name) => [name, proto[name]] as const);
  for (const [name, method] of originals) {
    proto[name] = function (this: Statement, ...args: unknown[]) {
      if (this.database === client && recorded.at(-1) !== this.source) recorded.push(this.source);
      return method.apply(this, args);
    };
  }
  try {
    run();
  } finally {
    client.prepare = original;
    for (const [name, method] of originals) proto[name] = method;
  }
  return recorded;
}
