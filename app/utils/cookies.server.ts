/**
 * The one place that decides how the app's cookies are sent: http-only, SameSite=Lax, for the whole
 * site, and Secure whenever COOKIE_SECURE is "true" (the default). Every cookie the app sets is made here.
 */
import { createCookie, type CookieOptions } from "react-router";
import { env } from "./env.server";

export function cookieSecure() {
  return env().COOKIE_SECURE === "true";
}

export function createAppCookie(name: string, options: CookieOptions = {}) {
  return createCookie(name, { httpOnly: true, sameSite: "lax", path: "/", ...options, secure: cookieSecure() });
}
