/**
 * Capacity is never exceeded under concurrent sign-ups: 200 sign-ups from 8 OS processes, each
 * with its own SQLite connection to the same database file.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { registrations } from "../../db/schema";
import { waitlistPosition } from "../../app/models/registration.server";
import { createCohort, createUser } from "../helpers/factories";

const WORKERS = 8;
type Result = { userId: number; id: number; status: string; position: number | null; created: boolean };

describe("concurrent sign-ups", () => {
  it("200 sign-ups from 8 processes fill exactly 40 GP and 20 physio places; the rest wait in arrival order", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 40, capacityPhysio: 20 });
    const gps = await Promise.all(Array.from({ length: 130 }, (_, i) => createUser(db, { profession: "gp", name: `Lege ${i}` })));
    const physios = await Promise.all(Array.from({ length: 70 }, (_, i) => createUser(db, { profession: "physio", name: `Fysio ${i}` })));
    // Interleave professions and deal the people out to the workers.
    const everyone = [...gps, ...physios].sort(() => Math.random() - 0.5);
    const batches: number[][] = Array.from({ length: WORKERS }, () => []);
    everyone.forEach((u, i) => batches[i % WORKERS]!.push(u.id));

    const workerFile = path.resolve(__dirname, "../helpers/signup-worker.ts");
    const children: ChildProcess[] = batches.map(() =>
      fork(workerFile, [], {
        execArgv: ["--import", "tsx"],
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
    await Promise.all(
      children.map((c) => new Promise<void>((resolve, reject) => {
        c.once("message", (m: { type: string }) => (m.type === "ready" ? resolve() : reject(new Error(JSON.stringify(m)))));
        c.once("exit", (code) => reject(new Error(`worker exited early with ${code}`)));
      })),
    );
    const done = children.map(
      (c) =>
        new Promise<Result[]>((resolve, reject) => {
          c.on("message", (m: { type: string; results?: Result[]; error?: string }) =>
            m.type === "done" ? resolve(m.results!) : m.type === "error" ? reject(new Error(m.error)) : undefined,
          );
        }),
    );
    children.forEach((c, i) => c.send({ type: "go", cohortId: cohort.id, userIds: batches[i] }));
    const perWorker = await Promise.all(done);
    const results = perWorker.flat();

    // Nobody lost or duplicated: one registration per person, every call answered.
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.created)).toBe(true);
    const rows = db.select().from(registrations).where(eq(registrations.cohortId, cohort.id)).orderBy(asc(registrations.id)).all();
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(200);

    for (const [profession, capacity, total] of [["gp", 40, 130], ["physio", 20, 70]] as const) {
      const mine = rows.filter((r) => r.profession === profession); // arrival order = commit order = id order
      expect(mine).toHaveLength(total);
      expect(mine.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
      // The first `capacity` arrivals got the places; everybody after them waits.
      expect(mine.slice(0, capacity).every((r) => r.status === "confirmed")).toBe(true);
      expect(mine.slice(capacity).every((r) => r.status === "waitlisted")).toBe(true);
      // The queue is in arrival order: queuedAt never goes backwards, positions are 1..n in order.
      const waiting = mine.slice(capacity);
      for (let i = 1; i < waiting.length; i++) expect(waiting[i]!.queuedAt.getTime()).toBeGreaterThanOrEqual(waiting[i - 1]!.queuedAt.getTime());
      expect(waiting.map((r) => waitlistPosition(cohort.id, r.userId))).toEqual(waiting.map((_, i) => i + 1));
      // What each person was told at sign-up is what they have now.
      for (const r of waiting) expect(results.find((x) => x.userId === r.userId)!.position).toBe(waitlistPosition(cohort.id, r.userId));
    }
    // Within one process the sign-ups happened one after another, so their ids increase.
    for (const list of perWorker) for (let i = 1; i < list.length; i++) expect(list[i]!.id).toBeGreaterThan(list[i - 1]!.id);
    // The processes really overlapped: each worker's registrations are interleaved with others'.
    const workerOf = new Map(perWorker.flatMap((list, w) => list.map((r) => [r.id, w] as const)));
    const switches = rows.slice(1).filter((r, i) => workerOf.get(r.id) !== workerOf.get(rows[i]!.id)).length;
    expect(switches).toBeGreaterThan(WORKERS);
  }, 120_000);
});
