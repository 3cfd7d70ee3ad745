/** Random tokens and their hashes, for sessions, e-mail links, feeds and verification codes. */
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import crypto from "node:crypto";

/** 20 random bytes (160 bits), base32: unguessable and URL-safe. */
export function generateToken(bytes = 20): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** SHA-256, hex: what the database keeps of a session or link token. Node's native hash (every logged-in request runs it). */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A short code people can type: no 0/O/1/I/L to misread. */
export function generateShortCode(length = 6): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

/** A random positive 53-bit integer, used as a row id where insertion order must reveal nothing. */
export function randomRowId(): number {
  const buf = crypto.randomBytes(8);
  return Number(buf.readBigUInt64BE() >> 11n) || 1;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export function hmac(secret: string, value: string): string {
  return crypto.createHmac("sha256", secret).update(value).digest("base64url");
}
