import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import i18nConfig, { supportedLngs, toAppLocale, type AppLocale } from "./i18n";
import { resources } from "./locales/resources";
import { createAppCookie } from "./utils/cookies.server";

export const localeCookie = createAppCookie("kp_lng", { maxAge: 60 * 60 * 24 * 365 });

/**
 * One initialised i18next instance per language, made once at start, instead of building and
 * initialising a new one on every call: the translations never change at run time and an
 * instance never changes language, so sharing is safe.
 */
const instances = Object.fromEntries(
  supportedLngs.map((lng) => {
    const instance = createInstance();
    // initImmediate: false makes init synchronous: resources are in memory, nothing to load.
    void instance.use(initReactI18next).init({ ...i18nConfig, lng, resources, initImmediate: false });
    return [lng, instance];
  }),
) as Record<AppLocale, I18n>;

/**
 * The request's language: the kp_lng cookie (set by the language switch, or at log-in from the profile),
 * else bokmål. Always one of the supported locales.
 */
async function getLocale(request: Request): Promise<AppLocale> {
  return toAppLocale(await localeCookie.parse(request.headers.get("Cookie")));
}

/** A translator in the request's language, or in a given locale (e-mails to someone else). */
async function getRequestT(requestOrLocale: Request | string): Promise<TFunction> {
  const lng = typeof requestOrLocale === "string" ? toAppLocale(requestOrLocale) : await getLocale(requestOrLocale);
  return instances[lng].getFixedT(lng);
}

/** The shared instance for server rendering in one language (for react-i18next's provider). */
export function i18nInstanceFor(lng: AppLocale): I18n {
  return instances[lng];
}

const i18next = { getLocale, getFixedT: getRequestT };
export default i18next;

/** A translator for a fixed locale, for e-mails and other text made outside a request's language. */
export async function getFixedT(locale: string): Promise<TFunction> {
  return getRequestT(locale);
}
