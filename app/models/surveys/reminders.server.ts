/** Reminder e-mails to those invited who have not answered an open survey yet. */
import { and, eq, gt, lte } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { surveyParticipation, surveys } from "../../../db/schema";
import { appUrl } from "../../utils/env.server";
import { instantToOslo } from "../../utils/time";
import { getFixedT } from "../../i18next.server";
import { queueEmail } from "../notifications.server";
import { invitedPeople } from "./invitations.server";
import { DAY, SurveyError } from "./rules";

/**
 * E-mails invited people who have not answered (through survey_participation, so anonymous surveys
 * too), at most once a day per survey. Returns how many e-mails were queued, or null when skipped.
 */
export async function sendSurveyReminders(surveyId: number, now = new Date(), baseUrl = appUrl()) {
  const db = getDb();
  const claimed = db.transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) throw new SurveyError("surveys.errors.notFound");
      if (now < survey.opensAt || now >= survey.closesAt) throw new SurveyError("surveys.errors.reminderNotOpen");
      if (survey.lastReminderAt && now.getTime() - survey.lastReminderAt.getTime() < DAY) return null;
      tx.update(surveys).set({ lastReminderAt: now }).where(eq(surveys.id, surveyId)).run();
      return survey;
    },
    { behavior: "immediate" }
  );
  if (!claimed) return null;
  const participation = db.select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, surveyId)).all();
  const doneUsers = new Set(participation.map((p) => p.userId));
  const doneUnits = new Set(participation.map((p) => p.partnershipId));
  const pending = invitedPeople(claimed).filter((p) =>
    claimed.answeredBy === "partnership" ? !doneUnits.has(p.partnershipId) : !doneUsers.has(p.userId)
  );
  const day = instantToOslo(now).date;
  let queued = 0;
  for (const p of pending) {
    if (!p.notify) continue;
    const t = await getFixedT(p.locale);
    const ok = queueEmail(
      {
        to: p.email,
        userId: p.userId,
        subject: t("surveys.reminder.subject", { title: claimed.title }),
        text: t("surveys.reminder.body", { name: p.name, title: claimed.title, url: `${baseUrl.replace(/\/$/, "")}/surveys/${surveyId}` }),
        kind: "survey-reminder",
        dedupeKey: `survey-reminder:${surveyId}:${p.userId}:${day}`,
      },
      p.locale
    );
    if (ok) queued++;
  }
  return queued;
}

/** For a scheduler: reminds about every open survey whose last reminder is a day old or more. */
export async function remindOpenSurveys(now = new Date(), baseUrl?: string) {
  const db = getDb();
  const open = db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .limit(500)
    .all();
  let total = 0;
  for (const s of open) total += (await sendSurveyReminders(s.id, now, baseUrl)) ?? 0;
  return total;
}
