/** The sign-up form's schema; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema, PasswordSchema, ProfileFields } from "~/utils/user-validation";

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
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "auth.signup.passwordMismatch",
  });

export const validateSignup = (formData: FormData) => parseWithZod(formData, { schema: SignupSchema });
