/**
 * Field schemas shared by every form that asks for them (sign-up, profile, cohort sign-up).
 * Messages are i18n keys; the form components translate them.
 */
import { z } from "zod";
import { PROFESSIONS } from "../../db/enums";

const trimmed = (max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .max(max, { error: "validation.tooLong" });

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

export const NameSchema = trimmed(120).min(2, { error: "validation.required" });
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
  about: OptionalText(1000),
  partnerProfileOptIn: Checkbox,
  directoryOptIn: Checkbox,
};
