/** The sign-up form's schema; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema, PasswordSchema, ProfileFields } from "~/utils/user-validation";

/** A cohort's slug as in its address: small letters, digits and hyphens. */
export const CohortSlug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80);

export const SignupSchema = z
  .object({
    name: ProfileFields.name,
    email: EmailSchema,
    profession: ProfileFields.profession,
    hprNumber: ProfileFields.hprNumber,
    practice: ProfileFields.practice,
    municipality: ProfileFields.municipality,
    phone: ProfileFields.phone,
    password: PasswordSchema,
    confirmPassword: z.string({ error: "validation.required" }),
    redirectTo: z.string().optional(),
    // Off unless ticked: being seen by others is the person's own choice.
    partnerProfileOptIn: ProfileFields.partnerProfileOptIn,
    directoryOptIn: ProfileFields.directoryOptIn,
    /** The course signed up for along with the account (its slug), from the course page's link. */
    cohort: CohortSlug.optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "auth.signup.passwordMismatch",
  });

export const validateSignup = (formData: FormData) => parseWithZod(formData, { schema: SignupSchema });
