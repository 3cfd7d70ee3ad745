/**
 * Numbers as the page's language writes them: "12,5 %" and "1 234,5" in bokmål, "12.5%" and "1,234.5" in
 * English. Every number, percentage and hour count shown to people goes through here, so a page never
 * mixes "12,5" with "12.5". No server-only code: the browser renders the same pages.
 */
const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "nb-NO");

// An Intl.NumberFormat costs far more to make than to use: one per language and kind.
const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, kind: "number" | "percent") {
  const key = `${intlLocale(locale)} ${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), kind === "percent" ? { style: "percent", maximumFractionDigits: 1 } : { maximumFractionDigits: 2 });
    formats.set(key, f);
  }
  return f;
}

/** 12.5 → "12,5" (nb) / "12.5" (en); at most two decimals. */
export function formatNumber(value: number, locale = "nb") {
  return numberFormat(locale, "number").format(value);
}

/** A percentage given as 0–100: 12.5 → "12,5 %" (nb) / "12.5%" (en). */
export function formatPercent(percent: number, locale = "nb") {
  return numberFormat(locale, "percent").format(percent / 100);
}

/** Clock hours in `courseHours` course hours of `minutes` minutes each (16 of 45 min → 12). */
export function clockHours(courseHours: number, minutes: number) {
  return (courseHours * minutes) / 60;
}

type Translate = (key: string, values: Record<string, string>) => string;

/** "16 kurstimer à 45 min (12 klokketimer)": hours are always shown with what an hour means. */
export function courseHoursText(t: Translate, courseHours: number, minutes: number, locale = "nb") {
  return t("common.courseHours.label", {
    hours: formatNumber(courseHours, locale),
    minutes: formatNumber(minutes, locale),
    clock: formatNumber(clockHours(courseHours, minutes), locale),
  });
}

/** A reason's values with every percentage formatted (keys `percent` and `min` hold 0–100). */
export function formatReasonValues(values: Record<string, string | number>, locale = "nb") {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === "number" ? (k === "percent" || k === "min" ? formatPercent(v, locale) : formatNumber(v, locale)) : v;
  return out;
}
