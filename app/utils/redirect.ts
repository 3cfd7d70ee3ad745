/**
 * The one check for redirect targets that come from a user (redirectTo fields and parameters): only
 * paths on this site. Every route that redirects to such a target goes through safeRedirect.
 */
const BASE = new URL("http://base.invalid");
const MAX_LENGTH = 2048;
const MAX_DECODING_ROUNDS = 5;
// C0 and C1 control characters (browsers drop tab, CR and LF from a URL, so "/\t/evil" becomes
// "//evil"), the Unicode line and paragraph separators, and backslashes (read as "/" in http URLs).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/** One form of the target (as given, decoded, or compatibility-normalised) that stays on this site. */
function staysOnSite(target: string) {
  // A single leading "/" rules out every scheme (javascript:, data:, https:) and protocol-relative "//".
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return false;
  if (FORBIDDEN.test(target)) return false;
  try {
    return new URL(target, BASE).origin === BASE.origin;
  } catch {
    return false;
  }
}

/** The target and every form a decoder along the way could turn it into; null when it cannot be decoded. */
function forms(target: string): string[] | null {
  const seen = [target];
  let current = target;
  for (let round = 0; round < MAX_DECODING_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (decoded === current) return [...seen, ...seen.map((s) => s.normalize("NFKC"))];
    seen.push(decoded);
    current = decoded;
  }
  return null; // still changing: encoded deeper than any honest link
}

/** Non-ASCII and spaces percent-encoded, so the target is a valid Location header value. */
function encodeForHeader(target: string): string | null {
  try {
    return target.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run));
  } catch {
    return null; // a lone surrogate
  }
}

/** The target when it is a path on this site, else the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string" || to.length > MAX_LENGTH) return fallback;
  if (!forms(to)?.every(staysOnSite)) return fallback;
  const encoded = encodeForHeader(to);
  return encoded !== null && forms(encoded)?.every(staysOnSite) ? encoded : fallback;
}
