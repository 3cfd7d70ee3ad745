/** The profile form's schema; the browser loads this module only when the form is used. */
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { Checkbox, ProfileFields } from "~/utils/user-validation";

export const ProfileSchema = z.object({
  ...ProfileFields,
  locale: z.enum(["nb", "en"]).default("nb"),
  notifyEveningReminders: Checkbox,
  notifyPartnerReminders: Checkbox,
  notifySurveyReminders: Checkbox,
});

export const validateProfile = (formData: FormData) => parseWithZod(formData, { schema: ProfileSchema });
