/** The log-in form's schema; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { EmailSchema } from "~/utils/user-validation";

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "validation.required" }).max(200, { error: "validation.tooLong" }),
  redirectTo: z.string().optional(),
});

export const validateLogin = (formData: FormData) => parseWithZod(formData, { schema: LoginSchema });
