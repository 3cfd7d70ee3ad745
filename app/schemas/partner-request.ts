/** A partner request's schema; the browser loads this module only when a request form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { PLAIN_TEXT_ERROR, plainText } from "~/utils/user-validation";

export const Id = z.coerce.number({ error: "validation.invalid" }).int().positive({ error: "validation.invalid" });

export const RequestSchema = z.object({
  intent: z.literal("request"),
  toUserId: Id,
  message: z.string().trim().max(500, { error: "validation.tooLong" }).refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR).default(""),
});

export const validatePartnerRequest = (formData: FormData) => parseWithZod(formData, { schema: RequestSchema });
