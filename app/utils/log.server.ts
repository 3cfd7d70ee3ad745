/** Structured logs: one JSON object per line on stdout/stderr. */
type Fields = Record<string, unknown>;

// Secrets that travel in URLs grant access to whoever holds them (a calendar feed, a password reset, a
// certificate's verification page), and logs are read by more people than the database. Every string in a
// log line, message, URL or stack trace, has them replaced.
const SECRET_PATHS: [RegExp, string][] = [
  [/\/calendar\/[^/?#\s"']+\.ics/g, "/calendar/[redacted].ics"],
  [/\/reset-password\/[^/?#\s"']+/g, "/reset-password/[redacted]"],
  [/\/verify\/[^/?#\s"']+/g, "/verify/[redacted]"],
  [/([?&](?:token|code|key|secret|password)=)[^&#\s"']*/gi, "$1[redacted]"],
];

/** The text with every secret URL part replaced by [redacted]. */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATHS) out = out.replace(pattern, replacement);
  return out;
}

function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, depth + 1)]));
}

function write(level: "info" | "warn" | "error", msg: string, fields?: Fields) {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: redact(msg), ...(fields && (redactValue(fields) as Fields)) });
  if (level === "info") process.stdout.write(line + "\n");
  else process.stderr.write(line + "\n");
}

export const log = {
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
