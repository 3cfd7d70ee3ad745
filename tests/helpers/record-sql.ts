import type { Db } from "../../db/client";

/** Every SQL text the connection prepares while `run` runs, in order (for query-plan assertions). */
export function recordSql(db: Db, run: () => void): string[] {
  const client = db.$client;
  const recorded: string[] = [];
  const original = client.prepare.bind(client);
  client.prepare = ((sql: string) => {
    recorded.push(sql);
    return original(sql);
  }) as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = original;
  }
  return recorded;
}
