/**
 * A child process for the concurrency test: its own better-sqlite3 connection to the shared test
 * database (DATABASE_URL), waits for "go", then signs its users up as fast as it can.
 */
import { getDb } from "../../db/client";
import { signUp } from "../../app/models/registration.server";

type Go = { type: "go"; cohortId: number; userIds: number[] };

// Open the connection before the start signal. The app's 5 s busy timeout is meant for one server
// process; eight processes on a loaded 2-core test machine can wait longer for the write lock, and
// this test is about correctness (no lost or double places), not latency.
getDb().$client.pragma("busy_timeout = 60000");
process.on("message", async (message: Go) => {
  if (message.type !== "go") return;
  const results: { userId: number; id: number; status: string; position: number | null; created: boolean }[] = [];
  try {
    for (const userId of message.userIds) {
      // A short random pause between sign-ups so the processes' attempts interleave (on 2 cores a
      // process could otherwise finish its whole batch within one time slice).
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      const r = await signUp(message.cohortId, userId);
      results.push({ userId, id: r.registration.id, status: r.registration.status, position: r.position, created: r.created });
    }
    process.send!({ type: "done", results }, () => process.exit(0));
  } catch (error) {
    process.send!({ type: "error", error: String(error) }, () => process.exit(1));
  }
});
process.send!({ type: "ready" });
