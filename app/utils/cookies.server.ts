/**
 * The one place that decides how the app's cookies are sent: http-only, SameSite=Lax, for the whole
 * site, and Secure whenever COOKIE_SECURE is "true" (the default). Every cookie the app sets is made here.
 */
import { createCookie, type Cookie, type CookieOptions } from "@remix-run/node";
import { env } from "./env.server";

export function cookieSecure() {
  return env().COOKIE_SECURE === "true";
}

/**
 * A cookie whose options are read on first use, not at import: reading the environment at import
 * would make the session secret (created next to the database) a side effect of importing a module.
 */
export function createAppCookie(name: string, options: () => CookieOptions = () => ({})): Cookie {
  let cookie: Cookie | undefined;
  const made = () => (cookie ??= createCookie(name, { httpOnly: true, sameSite: "lax", path: "/", ...options(), secure: cookieSecure() }));
  return {
    name,
    get isSigned() {
      return made().isSigned;
    },
    get expires() {
      return made().expires;
    },
    parse: (header, parseOptions) => made().parse(header, parseOptions),
    serialize: (value, serializeOptions) => made().serialize(value, serializeOptions),
  };
}
