/** Shared i18next settings for server and browser. nb (bokmål) is the default, en the second language. */
export const supportedLngs = ["nb", "en"] as const;
export type AppLocale = (typeof supportedLngs)[number];
export const fallbackLng: AppLocale = "nb";
export const defaultNS = "translation";

export default {
  supportedLngs: [...supportedLngs],
  fallbackLng,
  defaultNS,
  interpolation: { escapeValue: false },
};

export function toAppLocale(value: unknown): AppLocale {
  return value === "en" ? "en" : "nb";
}
