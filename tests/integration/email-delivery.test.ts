/** E-mail delivery against a real SMTP server running in this process (the smtp-server package). */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox, partnerRequests } from "../../db/schema";
import { backoffMs, deliverPendingEmails, queueEmail, resetMailTransport } from "../../app/models/notifications.server";
import { startScheduler } from "../../app/models/scheduler.server";
import { env } from "../../app/utils/env.server";
import { action as outboxAction, loader as outboxLoader } from "../../app/routes/admin.outbox";
import { createCohort, createSessionCookie, createUser } from "../helpers/factories";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let reject = false;
let delayMs = 0;
let server: SMTPServer;

beforeAll(async () => {
  // Read the environment before SMTP_URL is set, so queueEmail does not start a delivery of its own and each
  // test decides when delivery runs (the transport itself reads SMTP_URL from process.env).
  env();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", async () => {
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        if (reject) {
          const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
          error.responseCode = 550;
          return callback(error);
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetMailTransport();
});

afterAll(async () => {
  resetMailTransport();
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  reject = false;
  delayMs = 0;
  received.length = 0;
});

const row = (id: number) => getDb().select().from(emailOutbox).where(eq(emailOutbox.id, id)).get()!;
const queue = (to: string, dedupeKey: string) => {
  expect(queueEmail({ to, subject: "Påminnelse: kurskveld i morgen", text: "Hei!\n\nSe https://knutepunkt.example/x", kind: "test", dedupeKey })).toBe(true);
  return getDb().select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, dedupeKey)).get()!.id;
};

describe("outbox delivery through SMTP", () => {
  it("delivers pending mail and marks it sent", async () => {
    const id = queue("kari@example.no", "delivery-ok");
    const result = await deliverPendingEmails(new Date());
    expect(result).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["kari@example.no"]);
    expect(received[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(received[0]!.raw).toContain("text/html");
    const sent = row(id);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(1);
    expect(sent.sentAt).toBeInstanceOf(Date);
    // Sent mail is never sent again.
    expect(await deliverPendingEmails(new Date())).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(1);
  });

  it("keeps rejected mail pending with back-off, then marks it failed after the last attempt", async () => {
    reject = true;
    const id = queue("ola@example.no", "delivery-rejected");
    let now = new Date();
    expect(await deliverPendingEmails(now)).toEqual({ sent: 0, failed: 1 });
    let mail = row(id);
    expect(mail.status).toBe("pending");
    expect(mail.attempts).toBe(1);
    expect(mail.lastError).toMatch(/Mailbox unavailable/);
    expect(mail.nextAttemptAt!.getTime()).toBe(now.getTime() + backoffMs(1));
    expect(mail.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());

    // Not due yet: a run right away leaves it alone.
    expect(await deliverPendingEmails(new Date(now.getTime() + 1000))).toEqual({ sent: 0, failed: 0 });
    expect(row(id).attempts).toBe(1);

    for (let attempt = 2; attempt <= 6; attempt++) {
      now = row(id).nextAttemptAt!;
      expect(await deliverPendingEmails(now)).toEqual({ sent: 0, failed: 1 });
      mail = row(id);
      expect(mail.attempts).toBe(attempt);
      if (attempt < 6) {
        expect(mail.status).toBe("pending");
        expect(mail.nextAttemptAt!.getTime() - now.getTime()).toBe(backoffMs(attempt));
      }
    }
    expect(mail.status).toBe("failed");
    expect(received).toHaveLength(0);

    // A failed mail is not retried, even when the server works again.
    reject = false;
    expect(await deliverPendingEmails(new Date(now.getTime() + 365 * 86400_000))).toEqual({ sent: 0, failed: 0 });
    expect(row(id).status).toBe("failed");
  });

  it("a retry succeeds once the server accepts again", async () => {
    reject = true;
    const id = queue("siri@example.no", "delivery-retry");
    const now = new Date();
    await deliverPendingEmails(now);
    expect(row(id).status).toBe("pending");
    reject = false;
    expect(await deliverPendingEmails(row(id).nextAttemptAt!)).toEqual({ sent: 1, failed: 0 });
    expect(row(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(received.map((r) => r.to[0])).toEqual(["siri@example.no"]);
  });
});

describe("two senders at once", () => {
  it("never send the same mail twice (the server build and the scheduler each load their own copy of the module)", async () => {
    const ids = ["a", "b", "c", "d"].map((x) => queue(`${x}@example.no`, `double-${x}`));
    vi.resetModules();
    const other = await import("../../app/models/notifications.server");
    delayMs = 30;
    const now = new Date();
    const [one, two] = await Promise.all([deliverPendingEmails(now), other.deliverPendingEmails(now)]);
    other.resetMailTransport();
    expect(one.sent + two.sent).toBe(4);
    expect(received.map((r) => r.to[0]).sort()).toEqual(["a@example.no", "b@example.no", "c@example.no", "d@example.no"]);
    for (const id of ids) expect(row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("the scheduler", () => {
  it("queues due reminders at start and delivers them through SMTP", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { eveningDates: ["2030-01-10"] });
    const from = await createUser(db, { profession: "gp" });
    const to = await createUser(db, { profession: "physio" });
    const request = db
      .insert(partnerRequests)
      .values({ cohortId: cohort.id, fromUserId: from.id, toUserId: to.id, createdAt: new Date(Date.now() - 4 * 86400_000) })
      .returning()
      .get();
    const scheduler = startScheduler({ notificationsPattern: "0 0 1 1 *", deliveryPattern: "* * * * * *" });
    try {
      await expect
        .poll(() => db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `partner-request-reminder:${request.id}`)).get()?.status, {
          timeout: 5000,
          interval: 100,
        })
        .toBe("sent");
    } finally {
      scheduler.stop();
    }
    expect(received.filter((r) => r.to.includes(to.email))).toHaveLength(1);
  });
});

describe("the admin outbox page", () => {
  it("shows counts per status, sends now, retries a failed mail, and is for admins only", async () => {
    const db = getDb();
    const admin = await createUser(db, { isAdmin: true });
    const participant = await createUser(db);
    const adminCookie = (await createSessionCookie(db, admin.id)).header;
    const participantCookie = (await createSessionCookie(db, participant.id)).header;
    const call = (fn: typeof outboxAction | typeof outboxLoader, cookie: string, form?: Record<string, string>) =>
      fn({
        request: new Request("http://localhost/admin/outbox", form ? { method: "POST", body: new URLSearchParams(form), headers: { Cookie: cookie } } : { headers: { Cookie: cookie } }),
        params: {},
        context: {},
      } as never);

    await expect(call(outboxLoader, participantCookie)).rejects.toMatchObject({ status: 403 });
    await expect(call(outboxAction, participantCookie, { intent: "send-now" })).rejects.toMatchObject({ status: 403 });

    const id = queue("per@example.no", "admin-send-now");
    const before = (await call(outboxLoader, adminCookie)) as Awaited<ReturnType<typeof outboxLoader>>;
    expect(before.smtpConfigured).toBe(true);
    const pendingBefore = before.counts.find((c) => c.status === "pending")!.n;
    expect(pendingBefore).toBeGreaterThanOrEqual(1);

    const res = (await call(outboxAction, adminCookie, { intent: "send-now" })) as Response;
    expect(res.status).toBe(302);
    expect(row(id).status).toBe("sent");
    const after = (await call(outboxLoader, adminCookie)) as Awaited<ReturnType<typeof outboxLoader>>;
    expect(after.counts.find((c) => c.status === "pending")!.n).toBe(pendingBefore - 1);

    const failedId = queue("feil@example.no", "admin-retry");
    db.update(emailOutbox).set({ status: "failed", attempts: 6, lastError: "550" }).where(eq(emailOutbox.id, failedId)).run();
    await call(outboxAction, adminCookie, { intent: "retry", id: String(failedId) });
    expect(row(failedId)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    await expect(call(outboxAction, adminCookie, { intent: "nonsense" })).rejects.toMatchObject({ status: 400 });
  });
});
