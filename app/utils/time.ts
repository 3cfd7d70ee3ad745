/**
 * Times are stored as UTC instants and entered/shown in Europe/Oslo. Conversions go through
 * @date-fns/tz so daylight saving (CET/CEST) is always right; formatting uses Intl.
 */
import { TZDate } from "@date-fns/tz";
import { boundedMemo } from "./memo";

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

/** Making an Intl.DateTimeFormat costs ~0.1 ms (a table of 25 dates: 2–4 ms), so each kind is made once. */
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

/**
 * Formatted dates and times by instant: the same evenings are shown on every request, and Intl's formatting
 * (1–2 µs a call in a tight loop, several times that between a request's other work) showed in the roll
 * call's CPU profile (issue 7). A lookup is ~0.2 µs.
 */
const formatted = boundedMemo<string>(10_000);
function remembered(kind: string, instant: Date | number, make: (at: Date) => string) {
  const at = new Date(instant);
  return formatted.get(`${kind} ${at.getTime()}`, () => make(at));
}

/** "29. januar 2027" */
export function formatDate(instant: Date | number, locale = "nb", withYear = true) {
  const kind = withYear ? "date" : "dateNoYear";
  return remembered(`${locale} ${kind}`, instant, (at) => dateFormat(locale, kind).format(at));
}

/** Oslo hour and minute, two digits each on a 24-hour clock (one Intl format: cheaper than a TZDate). */
let clock: Intl.DateTimeFormat | undefined;

/** "17.00" in bokmål, "17:00" in English: 24-hour clock either way. */
export function formatTime(instant: Date | number, locale = "nb") {
  return remembered(`${locale} time`, instant, (at) => {
    clock ??= new Intl.DateTimeFormat("en-GB", { timeZone: OSLO, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    let hour = "";
    let minute = "";
    for (const part of clock.formatToParts(at)) {
      if (part.type === "hour") hour = part.value;
      else if (part.type === "minute") minute = part.value;
    }
    return `${hour}${locale === "en" ? ":" : "."}${minute}`;
  });
}

/** "29. januar 2027, 17.00–20.00" */
export function formatEveningTime(startsAt: Date | number, endsAt: Date | number, locale = "nb") {
  return `${formatDate(startsAt, locale)}, ${formatTime(startsAt, locale)}–${formatTime(endsAt, locale)}`;
}

export function formatWeekday(instant: Date | number, locale = "nb") {
  return remembered(`${locale} weekday`, instant, (at) => dateFormat(locale, "weekday").format(at));
}

export function formatDateTime(instant: Date | number, locale = "nb") {
  return `${formatDate(instant, locale)} ${formatTime(instant, locale)}`;
}
