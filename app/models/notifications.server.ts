/**
 * Every e-mail goes through the outbox table first. Delivery (SMTP when SMTP_URL is set) is a
 * separate step, so a failing mail server never loses a message and never breaks the request
 * that caused it. Without SMTP the outbox is the mailbox: admins read it at /admin/outbox.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { env } from "../utils/env.server";
import { log } from "../utils/log.server";

export type OutgoingEmail = {
  to: string;
  userId?: number | null;
  subject: string;
  /** Plain-text body; paragraphs separated by blank lines. The HTML version is made from it. */
  text: string;
  kind: string;
  /** When set, the same key is never queued twice (at-most-once notifications). */
  dedupeKey?: string;
  /** Small text files sent along (calendar invitations); kept in the outbox row so a retry sends the same. */
  attachments?: { filename: string; contentType: string; content: string }[];
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** A plain, accessible HTML rendering of the text body; URLs become links. */
export function textToHtml(text: string, lang = "nb"): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) =>
      escapeHtml(p)
        .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
        .replace(/\n/g, "<br>"),
    )
    .map((p) => `<p style="margin:0 0 1em">${p}</p>`)
    .join("\n");
  return `<!doctype html><html lang="${lang}"><body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1e2b3c;max-width:40em">${paragraphs}</body></html>`;
}

/** Queues an e-mail; returns false when its dedupe key was already used. */
export function queueEmail(mail: OutgoingEmail, lang = "nb"): boolean {
  const result = getDb()
    .insert(emailOutbox)
    .values({
      toAddress: mail.to,
      userId: mail.userId ?? null,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: textToHtml(mail.text, lang),
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
      attachments: mail.attachments?.length ? mail.attachments : null,
      nextAttemptAt: new Date(),
    })
    .onConflictDoNothing()
    .run();
  const queued = result.changes > 0;
  if (queued && env().SMTP_URL) void deliverPendingEmails().catch((error) => log.error("outbox delivery failed", { error: String(error) }));
  return queued;
}

let transporter: Transporter | null = null;
function getTransporter(): Transporter | null {
  const url = env().SMTP_URL ?? process.env.SMTP_URL;
  if (!url) return null;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

/** For tests that point SMTP_URL at an in-process server. */
export function resetMailTransport() {
  transporter?.close();
  transporter = null;
}

const MAX_ATTEMPTS = 6;
/** A claimed mail is left alone by other senders this long (longer than an SMTP send can take). */
const CLAIM_LEASE_MS = 15 * 60_000;
/** 1, 2, 4, 8, 16 minutes between attempts. */
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

let delivering: Promise<{ sent: number; failed: number }> | null = null;

/** Sends due outbox mail through SMTP. A no-op without SMTP. One run at a time per process. */
export function deliverPendingEmails(now = new Date()): Promise<{ sent: number; failed: number }> {
  delivering ??= deliverBatch(now).finally(() => (delivering = null));
  return delivering;
}

async function deliverBatch(now: Date) {
  const transport = getTransporter();
  const result = { sent: 0, failed: 0 };
  if (!transport) return result;
  const db = getDb();
  const due = db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, now))))
    .orderBy(asc(emailOutbox.id))
    .limit(100)
    .all();
  for (const mail of due) {
    // Claim the row before sending: another copy of this module (the server build and the scheduler each
    // load one) or another process may have picked the same batch. Only the one whose update wins sends it.
    const claimed = db
      .update(emailOutbox)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(
        and(
          eq(emailOutbox.id, mail.id),
          eq(emailOutbox.status, "pending"),
          eq(emailOutbox.attempts, mail.attempts),
          or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, now)),
        ),
      )
      .run();
    if (claimed.changes === 0) continue;
    try {
      await transport.sendMail({
        from: env().MAIL_FROM,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
      db.update(emailOutbox)
        .set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1, lastError: null })
        .where(eq(emailOutbox.id, mail.id))
        .run();
      result.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      db.update(emailOutbox)
        .set({
          attempts,
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
        })
        .where(eq(emailOutbox.id, mail.id))
        .run();
      result.failed++;
      log.warn("e-mail delivery failed", { outboxId: mail.id, attempts });
    }
  }
  return result;
}

export const OUTBOX_PAGE_SIZE = 50;

export function listOutbox({ page = 1, status, to }: { page?: number; status?: string; to?: string }) {
  const db = getDb();
  const filters = [
    status && (["pending", "sent", "failed"] as const).includes(status as never)
      ? eq(emailOutbox.status, status as "pending")
      : undefined,
    to ? eq(emailOutbox.toAddress, to.trim().toLowerCase()) : undefined,
  ].filter(Boolean);
  const where = filters.length ? and(...(filters as never[])) : undefined;
  const total = db.select({ n: sql<number>`count(*)` }).from(emailOutbox).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(emailOutbox)
    .where(where)
    .orderBy(desc(emailOutbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE)
    .all();
  return { rows, total, pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)) };
}

export function outboxCountsByStatus() {
  return getDb()
    .select({ status: emailOutbox.status, n: sql<number>`count(*)` })
    .from(emailOutbox)
    .where(inArray(emailOutbox.status, ["pending", "sent", "failed"]))
    .groupBy(emailOutbox.status)
    .all();
}
