/**
 * The agreement's fields (zod) and their label/value rendering, shared by the browser (Conform
 * validation, the page) and the server (agreements.server.ts, print view, PDF).
 */
import { z } from "zod";
import { formatDate } from "../utils/time";
import { calendarDate, isCalendarDate } from "../utils/cohort-validation";
import { PLAIN_TEXT_ERROR, plainText } from "../utils/user-validation";

export const MEETING_FORMATS = ["in_person", "video", "phone", "mixed"] as const;
export const CHANNELS = ["dialogmelding", "referral", "epikrise", "status", "phone", "other"] as const;

// Short answers are one line; the longer ones are textareas (line breaks allowed).
const text = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine(plainText({ multiLine: max > 200 }), PLAIN_TEXT_ERROR);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine(plainText({ multiLine: max > 200 }), PLAIN_TEXT_ERROR)
    .optional()
    .transform((v) => v || undefined);

/** The agreement's fields. Error messages are i18n keys. */
export const AgreementSchema = z
  .object({
    meetingFormat: z.enum(MEETING_FORMATS, { error: "partners.agreement.errors.meetingFormat" }),
    meetingFrequency: text(120).min(2, { error: "partners.agreement.errors.meetingFrequency" }),
    channels: z
      .array(z.enum(CHANNELS, { error: "validation.invalid" }), { error: "partners.agreement.errors.channels" })
      .min(1, { error: "partners.agreement.errors.channels" }),
    channelsOther: optionalText(200),
    responseTime: text(120).min(2, { error: "partners.agreement.errors.responseTime" }),
    firstAppointmentDays: z.coerce
      .number({ error: "validation.number" })
      .int({ error: "validation.number" })
      .min(1, { error: "partners.agreement.errors.days" })
      .max(90, { error: "partners.agreement.errors.days" })
      .optional(),
    prioritisation: optionalText(1000),
    contactPersons: text(1000).min(2, { error: "partners.agreement.errors.contactPersons" }),
    navCollaboration: optionalText(1000),
    targetPatients: optionalText(1000),
    reviewDate: calendarDate("partners.agreement.errors.reviewDate").optional(),
    notes: optionalText(2000),
  })
  .refine((v) => !v.channels.includes("other") || !!v.channelsOther, {
    path: ["channelsOther"],
    error: "partners.agreement.errors.channelsOther",
  });

export type AgreementData = z.infer<typeof AgreementSchema>;

type T = (key: string, vars?: Record<string, unknown>) => string;

/** The agreement as label/value rows (page, print view and PDF share it). */
export function agreementRows(d: AgreementData, t: T, locale = "nb"): [string, string][] {
  const rows: [string, string][] = [
    [t("partners.agreement.fields.meetingFormat"), t(`partners.agreement.meetingFormats.${d.meetingFormat}`)],
    [t("partners.agreement.fields.meetingFrequency"), d.meetingFrequency],
    [
      t("partners.agreement.fields.channels"),
      d.channels
        .map((c) =>
          c === "other" && d.channelsOther
            ? `${t("partners.agreement.channels.other")}: ${d.channelsOther}`
            : t(`partners.agreement.channels.${c}`)
        )
        .join(", "),
    ],
    [t("partners.agreement.fields.responseTime"), d.responseTime],
  ];
  if (d.firstAppointmentDays)
    rows.push([t("partners.agreement.fields.firstAppointmentDays"), t("partners.agreement.withinDays", { count: d.firstAppointmentDays })]);
  if (d.prioritisation) rows.push([t("partners.agreement.fields.prioritisation"), d.prioritisation]);
  rows.push([t("partners.agreement.fields.contactPersons"), d.contactPersons]);
  if (d.navCollaboration) rows.push([t("partners.agreement.fields.navCollaboration"), d.navCollaboration]);
  if (d.targetPatients) rows.push([t("partners.agreement.fields.targetPatients"), d.targetPatients]);
  // A version saved before dates were checked may hold a day that does not exist: shown as unknown.
  if (d.reviewDate)
    rows.push([
      t("partners.agreement.fields.reviewDate"),
      isCalendarDate(d.reviewDate) ? formatDate(new Date(`${d.reviewDate}T12:00:00Z`), locale) : t("partners.agreement.unknownDate"),
    ]);
  if (d.notes) rows.push([t("partners.agreement.fields.notes"), d.notes]);
  return rows;
}
