/** The agreement form's schemas; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { AgreementSchema } from "~/models/agreement-schema";

export const SaveSchema = z.intersection(z.object({ intent: z.literal("save") }), AgreementSchema);
export const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  versionId: z.coerce.number().int().positive(),
});

export const validateAgreement = (formData: FormData) => parseWithZod(formData, { schema: SaveSchema });
