/** The check-in code form's schema; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";

export const CheckinSchema = z.object({
  code: z.string({ error: "attendance.checkin.errors.required" }).trim().min(1, { error: "attendance.checkin.errors.required" }).max(20, { error: "validation.tooLong" }),
});

export const validateCheckin = (formData: FormData) => parseWithZod(formData, { schema: CheckinSchema });
