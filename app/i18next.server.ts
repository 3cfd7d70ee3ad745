import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import i18nConfig, { supportedLngs, fallbackLng, toAppLocale, type AppLocale } from "./i18n";
import { resources } from "./locales/resources";
import { boundedMemo } from "./utils/memo";
import { createAppCookie } from "./utils/cookies.server";

export const localeCookie = createAppCookie("kp_lng", { maxAge: 60 * 60 * 24 * 365 });

/** Language: the kp_lng cookie (set by the language switch, or at log-in from the profile), else bokmål. */
const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: localeCookie,
    order: ["cookie"],
  },
  i18next: { ...i18nConfig, resources },
});

/** At most this many distinct texts (key and values) are kept per language. */
export const MAX_REMEMBERED_TEXTS = 5_000;

/**
 * Keeps each text an instance has made, by key and options, so a page's repeated t() calls skip i18next's
 * lookup, interpolation and plural rules (3 µs a plain key, 15 µs with a count: 100–250 µs on a list page,
 * issue 7). The resources and the instance's language never change, so a text is fully determined by its
 * key and options; only calls whose options are plain strings, numbers and booleans are kept, and only
 * string results.
 */
function rememberTranslations(instance: I18n) {
  const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown;
  const texts = boundedMemo<unknown>(MAX_REMEMBERED_TEXTS);
  instance.t = ((key: unknown, options?: unknown) => {
    if (typeof key !== "string" || !hasOnlyPlainValues(options)) return translate(key, options);
    const id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    const text = texts.get(id, () => translate(key, options));
    return typeof text === "string" ? text : translate(key, options);
  }) as I18n["t"];
}

/** Options that fully name one text: absent, or plain values only (no objects, functions or returnObjects). */
function hasOnlyPlainValues(options: unknown) {
  if (options === undefined) return true;
  if (typeof options !== "object" || options === null || Array.isArray(options)) return false;
  if ("returnObjects" in options && options.returnObjects) return false;
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (value !== undefined && value !== null && type !== "string" && type !== "number" && type !== "boolean") return false;
  }
  return true;
}

/**
 * One initialised i18next instance per language, made once at start. remix-i18next's getFixedT builds
 * and initialises a new instance on every call, which the benchmark showed in every request's profile;
 * the translations never change at run time and an instance never changes language, so sharing is safe.
 */
const instances = Object.fromEntries(
  supportedLngs.map((lng) => {
    const instance = createInstance();
    // initImmediate: false makes init synchronous: resources are in memory, nothing to load.
    void instance.use(initReactI18next).init({ ...i18nConfig, lng, resources, initImmediate: false });
    rememberTranslations(instance);
    return [lng, instance];
  }),
) as Record<AppLocale, I18n>;

/** The request's language: always one of the supported locales. */
async function getLocale(request: Request): Promise<AppLocale> {
  return toAppLocale(await detector.getLocale(request));
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
