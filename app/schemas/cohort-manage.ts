/** The forms of the organiser's "Kurs og kvelder" page (/cohorts/:slug/manage), one intent each. */
import { z } from "zod";
import { CohortFields, DateSchema, MaterialsSchema, TimeSchema } from "~/utils/cohort-validation";
import { EmailSchema } from "~/utils/user-validation";

const optional = (max: number) => z.string().trim().max(max, "validation.tooLong").optional().default("");
const RegistrationUntilEvening = z.number().int().min(1).max(2).optional().default(1);
export const CohortSchema = z.object({ intent: z.literal("cohort"), ...CohortFields, registrationUntilEvening: RegistrationUntilEvening });
export const PublishSchema = z.object({ intent: z.literal("publish") });
export const ArchiveSchema = z.object({ intent: z.literal("archive"), archived: z.enum(["true", "false"]) });
export const EveningSchema = z.object({
  intent: z.literal("evening"),
  eveningId: z.number(),
  date: DateSchema,
  startTime: TimeSchema,
  endTime: TimeSchema,
  venue: optional(300),
  theme: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(200, "validation.tooLong"),
  content: optional(20000),
  selfStudyTask: optional(2000),
  materials: MaterialsSchema,
  learningGoalIds: z.array(z.number()).optional().default([]),
  changeNote: optional(500),
});
export const CancelEveningSchema = z.object({
  intent: z.literal("cancelEvening"),
  eveningId: z.number({ error: "validation.required" }),
  reason: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(500, "validation.tooLong"),
  // Cancelling e-mails every confirmed participant: the organiser confirms having read how many.
  confirm: z.literal("on", { error: "organiserMail.confirmCancelRequired" }),
});
export const ReinstateSchema = z.object({ intent: z.literal("reinstateEvening"), eveningId: z.number() });
export const AddOrganiserSchema = z.object({ intent: z.literal("addOrganiser"), email: EmailSchema });
export const RemoveOrganiserSchema = z.object({ intent: z.literal("removeOrganiser"), userId: z.number() });
export const ManageSchema = z.discriminatedUnion("intent", [CohortSchema, PublishSchema, ArchiveSchema, EveningSchema, CancelEveningSchema, ReinstateSchema, AddOrganiserSchema, RemoveOrganiserSchema]);
