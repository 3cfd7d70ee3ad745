import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import i18n, { supportedLngs, fallbackLng } from "./i18n";
import { resources } from "./locales/resources";

export const localeCookie = createCookie("kp_lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });

/** Language: the kp_lng cookie (set by the language switch, or at log-in from the profile), else bokmål. */
const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLngs],
    fallbackLanguage: fallbackLng,
    cookie: localeCookie,
    order: ["cookie"],
  },
  i18next: { ...i18n, resources },
});

export default i18next;

/** A translator for a fixed locale, for e-mails and other text made outside a request's language. */
export function getFixedT(locale: string) {
  return i18next.getFixedT(locale === "en" ? "en" : "nb");
}
