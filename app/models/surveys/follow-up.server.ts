/**
 * "Oppfølging 6 måneder etter": an anonymous survey to each participant half a year after the cohort's last
 * evening. The scheduler creates it once the last evening is over, to open six months later; from then on
 * it is an ordinary open survey, so the dashboard lists it and the daily survey reminders e-mail whoever
 * has not answered, as for every other evaluation.
 */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { addMonths, format, parseISO } from "date-fns";
import { getDb } from "../../../db/client";
import { cohorts, evenings, surveys } from "../../../db/schema";
import { getFixedT } from "../../i18next.server";
import { log } from "../../utils/log.server";
import { instantToOslo, osloDateTimeToInstant } from "../../utils/time";
import { createSurvey } from "./editor.server";
import { DAY, type QuestionInput } from "./rules";

export const FOLLOW_UP_MONTHS = 6;
/** The follow-up stays open this long, like the final evaluation. */
export const FOLLOW_UP_OPEN_DAYS = 30;
/** It opens at this Oslo time, so the first reminder does not arrive in the night. */
export const FOLLOW_UP_OPENS_AT = "09:00";

/** When the follow-up of a cohort whose last evening ended at `lastEveningEndsAt` opens and closes. */
export function followUpWindow(lastEveningEndsAt: Date) {
  const day = format(addMonths(parseISO(instantToOslo(lastEveningEndsAt).date), FOLLOW_UP_MONTHS), "yyyy-MM-dd");
  const opensAt = osloDateTimeToInstant(day, FOLLOW_UP_OPENS_AT);
  return { opensAt, closesAt: new Date(opensAt.getTime() + FOLLOW_UP_OPEN_DAYS * DAY) };
}

/** The follow-up template's texts and questions (still active, how often, what changed in the patients' flow). */
export async function followUpTemplate(locale = "nb"): Promise<{ title: string; intro: string; questions: QuestionInput[] }> {
  const t = await getFixedT(locale);
  const options = (key: string) => t(key, { returnObjects: true }) as unknown as string[];
  return {
    title: t("followUp.title"),
    intro: t("followUp.intro"),
    questions: [
      { kind: "single", prompt: t("followUp.active"), required: true, options: options("followUp.activeOptions"), sharedKey: "followup-active" },
      { kind: "single", prompt: t("followUp.frequency"), required: true, options: options("followUp.frequencyOptions"), sharedKey: "followup-frequency" },
      { kind: "text", prompt: t("followUp.flow"), sharedKey: "followup-flow" },
    ],
  };
}

/** Creates the follow-up survey: anonymous, answered by each participant. */
export async function createFollowUpSurvey(
  cohortId: number,
  { opensAt, closesAt, locale = "nb", createdByUserId = null }: { opensAt: Date; closesAt: Date; locale?: string; createdByUserId?: number | null },
) {
  const { title, intro, questions } = await followUpTemplate(locale);
  return createSurvey(
    { cohortId, kind: "followup", title, intro, answeredBy: "participant", anonymous: true, opensAt, closesAt, createdByUserId },
    questions,
  );
}

/**
 * For the scheduler: creates the follow-up of every cohort whose last evening is over and that has none yet.
 * Cohorts whose follow-up would already have closed are left alone (an old cohort gets no survey it cannot
 * answer). Returns how many were created.
 */
export async function scheduleFollowUpSurveys(now = new Date()) {
  const db = getDb();
  const lastEnd = sql<number>`max(${evenings.endsAt})`;
  const due = db
    .select({ cohortId: cohorts.id, lastEnd })
    .from(cohorts)
    .innerJoin(evenings, and(eq(evenings.cohortId, cohorts.id), eq(evenings.status, "scheduled")))
    .where(
      and(
        ne(cohorts.status, "draft"),
        sql`${cohorts.personalDataDeletedAt} is null`,
        sql`not exists (select 1 from ${surveys} where ${surveys.cohortId} = ${cohorts.id} and ${surveys.kind} = 'followup')`,
      ),
    )
    .groupBy(cohorts.id)
    .having(sql`${lastEnd} <= ${now.getTime()}`)
    .orderBy(asc(cohorts.id))
    .limit(100)
    .all();
  let created = 0;
  for (const row of due) {
    const window = followUpWindow(new Date(Number(row.lastEnd)));
    if (window.closesAt <= now) continue;
    try {
      await createFollowUpSurvey(row.cohortId, window);
      created++;
    } catch (error) {
      // Another run made it first (the unique index allows one per cohort): nothing to do.
      if (String(error).includes("surveys_followup_unique") || String(error).includes("UNIQUE")) continue;
      log.error("follow-up survey not created", { cohortId: row.cohortId, error: String(error) });
    }
  }
  return created;
}

/** The final evaluation and the follow-up of a cohort, whose results the results page shows side by side. */
export function finalAndFollowUp(cohortId: number) {
  return getDb()
    .select({ id: surveys.id, title: surveys.title, kind: surveys.kind })
    .from(surveys)
    .where(and(eq(surveys.cohortId, cohortId), inArray(surveys.kind, ["final", "followup"])))
    .orderBy(asc(surveys.opensAt), asc(surveys.id))
    .limit(10)
    .all();
}
