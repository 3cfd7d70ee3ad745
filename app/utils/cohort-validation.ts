/** Zod field schemas shared by the organiser's cohort and evening forms. Errors are i18n keys. */
import { isValid, parseISO } from "date-fns";
import { z } from "zod";
import { PLAIN_TEXT_ERROR, plainText } from "./user-validation";

const text = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(max, "validation.tooLong").refine(plainText(), PLAIN_TEXT_ERROR);
const optionalText = (max: number) =>
  z.string().trim().max(max, "validation.tooLong").refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR).optional().default("");

/** A "yyyy-MM-dd" string naming a day that exists: no 2027-13-45, no 30 February. */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isValid(parseISO(value));
}

/** A date field (yyyy-MM-dd from a date input) that must be a real calendar day; `error` is the i18n key. */
export const calendarDate = (error: string) =>
  z.string({ error: "validation.required" }).refine(isCalendarDate, { error });

export const DateSchema = calendarDate("registration.errors.dateInvalid");
export const TimeSchema = z.string({ error: "validation.required" }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "registration.errors.timeInvalid");
const capacity = z
  .number({ error: "registration.errors.capacityInvalid" })
  .int("registration.errors.capacityInvalid")
  .min(0, "registration.errors.capacityInvalid")
  .max(500, "registration.errors.capacityInvalid");

export const CohortFields = {
  title: text(200),
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "registration.errors.slugInvalid")
    .max(80, "validation.tooLong"),
  siteId: z.number({ error: "validation.required" }).int(),
  venue: text(300),
  description: optionalText(5000),
  opensOn: DateSchema.optional(),
  closesOn: DateSchema.optional(),
  capacityGp: capacity,
  capacityPhysio: capacity,
  capacityOther: capacity.optional().default(0),
};

/** "Title | https://…" per line. */
export const MaterialsSchema = z
  .string()
  .optional()
  .default("")
  .transform((value, ctx) => {
    const lines = value.split("\n").map((l) => l.trim()).filter(Boolean);
    const out: { title: string; url: string }[] = [];
    for (const line of lines) {
      const [title, url] = line.includes("|") ? line.split("|").map((s) => s.trim()) : [line, line];
      if (!url || !/^https?:\/\/\S+$/.test(url)) {
        ctx.addIssue({ code: "custom", message: "registration.errors.urlInvalid" });
        return z.NEVER;
      }
      out.push({ title: title || url, url });
    }
    return out;
  });
