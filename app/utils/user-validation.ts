/**
 * Field schemas shared by every form that asks for them (sign-up, profile, cohort sign-up).
 * Messages are i18n keys; the form components translate them.
 */
import { z } from "zod";
import { PROFESSIONS } from "../../db/enums";

// Invisible characters that change how text reads without showing: control characters (C0, DEL, C1) and
// the Unicode direction marks, embeddings, overrides and isolates ("Trojan Source"). A name or a free text
// holding them can show one thing to one reader and another in an export or an e-mail.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Single line: every C0 character (tab, CR and LF too), DEL and C1.
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// Multi-line: tab and line breaks are allowed (a browser sends a textarea's line breaks as CR LF), a CR only
// as part of CR LF.
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;

/** Text without control or direction characters; `multiLine` allows tab and line breaks. */
export function isPlainText(value: string, { multiLine = false } = {}) {
  return !BIDI.test(value) && !(multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value);
}

/** The refinement every name and free-text field schema uses (message beside the field). */
export const plainText =
  ({ multiLine = false } = {}) =>
  (value: string | undefined) =>
    value === undefined || isPlainText(value, { multiLine });
export const PLAIN_TEXT_ERROR = { error: "validation.invisibleCharacters" } as const;

const trimmed = (max: number, { multiLine = false } = {}) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .max(max, { error: "validation.tooLong" })
    .refine(plainText({ multiLine }), PLAIN_TEXT_ERROR);

export const EmailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .toLowerCase()
  .max(254, { error: "validation.tooLong" })
  .pipe(z.email({ error: "validation.email" }));

export const PasswordSchema = z
  .string({ error: "validation.required" })
  .min(10, { error: "auth.signup.passwordTooShort" })
  .max(200, { error: "validation.tooLong" });

export const NameSchema = z
  .string({ error: "validation.required" })
  .trim()
  .min(2, { error: "validation.required" })
  .max(120, { error: "validation.tooLong" })
  .refine(plainText(), PLAIN_TEXT_ERROR);
export const ProfessionSchema = z.enum(PROFESSIONS, { error: "auth.signup.professionRequired" });
export const HprSchema = z
  .string()
  .trim()
  .regex(/^\d{4,9}$/, { error: "auth.signup.hprInvalid" })
  .optional();
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{5,20}$/, { error: "auth.signup.phoneInvalid" })
  .optional();
export const OptionalText = (max: number) => trimmed(max).optional();
/** Free text from a textarea: line breaks and tabs allowed. */
export const OptionalMultiLineText = (max: number) => trimmed(max, { multiLine: true }).optional();
export const Checkbox = z
  .union([z.literal("on"), z.literal("true")])
  .optional()
  .transform((v) => v !== undefined);

export const ProfileFields = {
  name: NameSchema,
  profession: ProfessionSchema,
  hprNumber: HprSchema,
  practice: OptionalText(160),
  municipality: OptionalText(80),
  phone: PhoneSchema,
  specialCompetence: OptionalText(200),
  about: OptionalMultiLineText(1000),
  partnerProfileOptIn: Checkbox,
  directoryOptIn: Checkbox,
};
