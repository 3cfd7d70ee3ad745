/**
 * Times are stored as UTC instants and entered/shown in Europe/Oslo. Conversions go through
 * @date-fns/tz so daylight saving (CET/CEST) is always right; formatting uses Intl.
 */
import { TZDate } from "@date-fns/tz";

export const OSLO = "Europe/Oslo";

/** "2027-01-29" + "17:00" in Oslo → the UTC instant. */
export function osloDateTimeToInstant(date: string, time: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y!, m! - 1, d!, hh!, mm!, 0, OSLO).getTime());
}

/** The Oslo calendar date ("2027-01-29") and wall-clock time ("17:00") of an instant. */
export function instantToOslo(instant: Date | number): { date: string; time: string } {
  const z = new TZDate(new Date(instant).getTime(), OSLO);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${z.getFullYear()}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}`,
    time: `${pad(z.getHours())}:${pad(z.getMinutes())}`,
  };
}

const intlLocale = (locale: string) => (locale === "en" ? "en-GB" : "nb-NO");

/** Making an Intl.DateTimeFormat is slow compared with using one, so each kind is made once. */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, kind: "date" | "dateNoYear" | "weekday") {
  const key = `${intlLocale(locale)} ${kind}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === "weekday" ? { timeZone: OSLO, weekday: "long" } : { timeZone: OSLO, day: "numeric", month: "long", ...(kind === "date" ? { year: "numeric" } : {}) };
    f = new Intl.DateTimeFormat(intlLocale(locale), options);
    formats.set(key, f);
  }
  return f;
}

/** "29. januar 2027" */
export function formatDate(instant: Date | number, locale = "nb", withYear = true) {
  return dateFormat(locale, withYear ? "date" : "dateNoYear").format(new Date(instant));
}

/** Oslo hour and minute, two digits each on a 24-hour clock. */
let clock: Intl.DateTimeFormat | undefined;

/** "17.00" in bokmål, "17:00" in English: 24-hour clock either way. */
export function formatTime(instant: Date | number, locale = "nb") {
  clock ??= new Intl.DateTimeFormat("en-GB", { timeZone: OSLO, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  let hour = "";
  let minute = "";
  for (const part of clock.formatToParts(new Date(instant))) {
    if (part.type === "hour") hour = part.value;
    else if (part.type === "minute") minute = part.value;
  }
  return `${hour}${locale === "en" ? ":" : "."}${minute}`;
}

/** "29. januar 2027, 17.00–20.00" */
export function formatEveningTime(startsAt: Date | number, endsAt: Date | number, locale = "nb") {
  return `${formatDate(startsAt, locale)}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}

export function formatWeekday(instant: Date | number, locale = "nb") {
  return dateFormat(locale, "weekday").format(new Date(instant));
}

export function formatDateTime(instant: Date | number, locale = "nb") {
  return `${formatDate(instant, locale)} ${formatTime(instant, locale)}`;
}
