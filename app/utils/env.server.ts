/** Environment, validated once at start-up. Only `publicEnv` may reach the browser. */
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { databasePath } from "../../db/client";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  DATABASE_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Knutepunkt <ikke-svar@knutepunkt.no>"),
  /** Cookies are Secure unless explicitly turned off (plain-http hosts other than localhost). */
  COOKIE_SECURE: z.enum(["true", "false"]).default("true"),
  DISABLE_SCHEDULER: z.enum(["true", "false"]).default("false"),
  /** Roll call and self check-in open this many minutes before an evening starts. */
  ATTENDANCE_OPENS_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(60),
});

export type Env = z.infer<typeof schema>;

let cached: (Env & { sessionSecret: string }) | undefined;

/**
 * A missing SESSION_SECRET is generated once and kept next to the database, so a fresh machine
 * works with one command and restarts keep people logged in.
 */
function loadOrCreateSecret(): string {
  const file = path.join(path.dirname(path.resolve(databasePath())), ".session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = crypto.randomBytes(32).toString("hex");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export function env() {
  if (!cached) {
    const parsed = schema.parse(process.env);
    cached = { ...parsed, sessionSecret: parsed.SESSION_SECRET ?? loadOrCreateSecret() };
  }
  return cached;
}

export const APP_URL_REQUIRED = "APP_URL må settes i produksjon (f.eks. https://knutepunkt.example.no).";

/**
 * What stops the production server from starting, as a message for whoever runs it, or null. Links in
 * e-mails and feeds come from APP_URL alone: a request's Host header is chosen by the client.
 */
export function startupProblem(): string | null {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) return `Ugyldige miljøvariabler: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
  if (parsed.data.NODE_ENV === "production" && !parsed.data.APP_URL) return APP_URL_REQUIRED;
  return null;
}

/** The absolute base URL for links in e-mails and feeds: APP_URL, or in development this machine. */
export function appUrl(): string {
  const { APP_URL, NODE_ENV, PORT } = env();
  if (APP_URL) return APP_URL.replace(/\/$/, "");
  if (NODE_ENV === "production") throw new Error(APP_URL_REQUIRED);
  return `http://localhost:${PORT}`;
}
