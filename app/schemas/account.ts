/** The password and account forms' schemas; the browser loads this module only when a form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema, PasswordSchema } from "~/utils/user-validation";

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "validation.required" }).max(200),
    password: PasswordSchema,
    confirmPassword: z.string({ error: "validation.required" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "auth.signup.passwordMismatch" });

export const ResetSchema = z
  .object({ password: PasswordSchema, confirmPassword: z.string({ error: "validation.required" }) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "auth.signup.passwordMismatch" });

export const ForgotSchema = z.object({ email: EmailSchema });

export const DeleteSchema = z.object({
  password: z.string({ error: "validation.required" }).max(200),
  confirm: z.literal("on", { error: "auth.deleteAccount.confirmRequired" }),
});

export const validateChangePassword = (formData: FormData) => parseWithZod(formData, { schema: ChangePasswordSchema });
export const validateReset = (formData: FormData) => parseWithZod(formData, { schema: ResetSchema });
export const validateForgot = (formData: FormData) => parseWithZod(formData, { schema: ForgotSchema });
export const validateDelete = (formData: FormData) => parseWithZod(formData, { schema: DeleteSchema });
