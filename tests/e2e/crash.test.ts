/**
 * Durability: a stream of writes, the server killed with SIGKILL in the middle, a restart. Every request
 * that was answered with success must be in the database, and the database must be intact.
 */
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { startAppServer } from "../setup/e2e-server";
import { openDatabase } from "../../db/client";
import { evenings } from "../../db/schema";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { eq } from "drizzle-orm";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});

describe("crash safety", () => {
  it("keeps every acknowledged sign-up and check-in after SIGKILL and restart, with integrity_check ok", async () => {
    const first = await startAppServer();
    let stop = false;
    // An evening happening now, with its check-in code, and 60 confirmed participants with sessions.
    const setup = openDatabase(first.dbPath, { runMigrations: false });
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const { cohort, evenings: [evening] } = createCohort(setup, { eveningDates: [today], capacityGp: 100, capacityPhysio: 100 });
    setup
      .update(evenings)
      .set({ startsAt: new Date(now.getTime() - 10 * 60_000), endsAt: new Date(now.getTime() + 2 * 3600_000), checkinCode: "KRASJ2" })
      .where(eq(evenings.id, evening!.id))
      .run();
    const participants: { id: number; cookie: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const user = await createUser(setup, { profession: i % 2 ? "gp" : "physio" });
      register(setup, cohort.id, user);
      participants.push({ id: user.id, cookie: (await createSessionCookie(setup, user.id)).header });
    }
    setup.$client.close();
    const checkedIn: number[] = [];
    const checkinWorker = async (w: number) => {
      for (let i = w; i < participants.length && !stop; i += 2) {
        try {
          const res = await fetch(`${first.baseUrl}/checkin`, { ...form({ code: "KRASJ2" }), headers: { ...form({}).headers, Cookie: participants[i]!.cookie } });
          if (res.status === 200) checkedIn.push(participants[i]!.id);
        } catch {
          return;
        }
      }
    };
    const acknowledged: string[] = [];
    let sent = 0;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const email = `krasj-${w}-${i}@test.knutepunkt.test`;
        sent++;
        try {
          const res = await fetch(`${first.baseUrl}/signup`, form({ name: "Krasj Test", email, profession: "physio", password: "et-langt-passord", confirmPassword: "et-langt-passord" }));
          if (res.status === 302) acknowledged.push(email);
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = [...[0, 1, 2, 3].map(worker), ...[0, 1].map(checkinWorker)];
    while (acknowledged.length < 25 || checkedIn.length < 10) await new Promise((r) => setTimeout(r, 20));
    await first.kill();
    stop = true;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(25);

    const second = await startAppServer({}, { dbPath: first.dbPath });
    try {
      const db = new Database(first.dbPath, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const stored = new Set((db.prepare("select email from users where email like 'krasj-%'").all() as { email: string }[]).map((r) => r.email));
      const missing = acknowledged.filter((e) => !stored.has(e));
      expect(missing).toEqual([]);
      const present = new Set((db.prepare("select user_id from attendance where evening_id = ?").all(evening!.id) as { user_id: number }[]).map((r) => r.user_id));
      expect(checkedIn.filter((id) => !present.has(id))).toEqual([]);
      db.close();
      expect((await fetch(`${second.baseUrl}/healthz`)).status).toBe(200);
      console.info(
        `crash test: ${sent} sign-ups sent, ${acknowledged.length} acknowledged; ${checkedIn.length} check-ins acknowledged; all found after SIGKILL + restart`,
      );
    } finally {
      await second.stop();
    }
  });
});
