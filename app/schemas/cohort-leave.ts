/** Withdrawing from / cancelling a cohort registration; the browser loads it only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { PLAIN_TEXT_ERROR, plainText } from "~/utils/user-validation";

export const WithdrawSchema = z.object({
  intent: z.literal("withdraw"),
  reason: z.string({ error: "registration.errors.reasonRequired" }).trim().min(1, "registration.errors.reasonRequired").max(1000, "validation.tooLong").refine(plainText({ multiLine: true }), PLAIN_TEXT_ERROR),
});
export const CancelSchema = z.object({ intent: z.literal("cancel") });
export const LeaveSchema = z.discriminatedUnion("intent", [WithdrawSchema, CancelSchema]);

export const validateWithdraw = (formData: FormData) => parseWithZod(formData, { schema: WithdrawSchema });
