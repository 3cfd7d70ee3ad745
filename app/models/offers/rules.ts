/** The offer form's fields, shared by the form (Conform) and the server. No patient data anywhere. */
import { z } from "zod";
import { OFFER_CONTACT_CHANNELS } from "../../../db/enums-offers";

/** An offer not confirmed for this long shows as possibly out of date and its owner is reminded once. */
export const OFFER_STALE_AFTER_DAYS = 90;
export const OFFER_STALE_AFTER_MS = OFFER_STALE_AFTER_DAYS * 24 * 60 * 60 * 1000;

export const OfferSchema = z.object({
  formIds: z.array(z.coerce.number().int().positive()).min(1, { error: "offers.validation.formRequired" }).max(20),
  description: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(1000, { error: "validation.tooLong" }),
  municipality: z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(80, { error: "validation.tooLong" }),
  address: z.string().trim().max(200, { error: "validation.tooLong" }).optional().default(""),
  takesNewPatients: z.enum(["yes", "no"], { error: "validation.required" }),
  waitingWeeks: z.coerce.number({ error: "offers.validation.weeks" }).int({ error: "offers.validation.weeks" }).min(0, { error: "offers.validation.weeks" }).max(104, { error: "offers.validation.weeks" }).optional(),
  contactChannel: z.enum(OFFER_CONTACT_CHANNELS, { error: "validation.required" }),
  contactDetail: z.string().trim().max(200, { error: "validation.tooLong" }).optional().default(""),
  published: z.boolean().optional().default(false),
});
export type OfferInput = z.output<typeof OfferSchema>;
