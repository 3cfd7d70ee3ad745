/**
 * E-mail about a survey: an invitation to everyone invited when it opens, then reminders after 3 and 7
 * days to those who have not answered (read through survey_participation, so anonymous surveys too).
 */
import { and, eq, gt, lte } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { surveyParticipation, surveys } from "../../../db/schema";
import { appUrl } from "../../utils/env.server";
import { instantToOslo } from "../../utils/time";
import { getFixedT } from "../../i18next.server";
import { queueEmail } from "../notifications.server";
import { invitedPeople } from "./invitations.server";
import { DAY, SurveyError, type Survey } from "./rules";

/** Days after the invitation when those who have not answered are reminded. */
export const REMINDER_DAYS = [3, 7] as const;

/** Invited people who have not answered yet (per person, or per partnership on partnership surveys). */
export function pendingPeople(survey: Survey) {
  const participation = getDb().select().from(surveyParticipation).where(eq(surveyParticipation.surveyId, survey.id)).all();
  const doneUsers = new Set(participation.map((p) => p.userId));
  const doneUnits = new Set(participation.map((p) => p.partnershipId));
  return invitedPeople(survey).filter((p) => (survey.answeredBy === "partnership" ? !doneUnits.has(p.partnershipId) : !doneUsers.has(p.userId)));
}

/**
 * Who has not answered, for the organiser: names on a named survey, only the count on an anonymous one
 * (knowing who did not answer would narrow down who did).
 */
export function nonResponders(survey: Survey) {
  const pending = pendingPeople(survey);
  return { count: pending.length, names: survey.anonymous ? null : pending.map((p) => p.name) };
}

type Kind = "invitation" | "reminder";

async function mailPeople(survey: Survey, people: ReturnType<typeof pendingPeople>, kind: Kind, key: string, baseUrl: string) {
  let queued = 0;
  for (const p of people) {
    // The invitation goes to everyone; reminders respect the person's choice to get none.
    if (kind === "reminder" && !p.notify) continue;
    const t = await getFixedT(p.locale);
    const ok = queueEmail(
      {
        to: p.email,
        userId: p.userId,
        subject: t(`surveys.${kind}.subject`, { title: survey.title }),
        text: t(`surveys.${kind}.body`, { name: p.name, title: survey.title, url: `${baseUrl.replace(/\/$/, "")}/surveys/${survey.id}` }),
        kind: `survey-${kind}`,
        dedupeKey: `survey-${kind}:${survey.id}:${p.userId}:${key}`,
      },
      p.locale
    );
    if (ok) queued++;
  }
  return queued;
}

/** How many would get the invitation now (for the organiser's confirmation). */
export function invitationRecipientCount(survey: Survey) {
  return pendingPeople(survey).length;
}

/**
 * Sends the invitation once, when the survey is open. Returns how many were queued, or null when it
 * has already gone out.
 */
export async function sendSurveyInvitations(surveyId: number, now = new Date(), baseUrl = appUrl()) {
  const claimed = getDb().transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) throw new SurveyError("surveys.errors.notFound");
      if (now < survey.opensAt || now >= survey.closesAt) throw new SurveyError("surveys.errors.reminderNotOpen");
      if (survey.invitedAt) return null;
      tx.update(surveys).set({ invitedAt: now }).where(eq(surveys.id, surveyId)).run();
      return { ...survey, invitedAt: now };
    },
    { behavior: "immediate" }
  );
  if (!claimed) return null;
  return mailPeople(claimed, pendingPeople(claimed), "invitation", "first", baseUrl);
}

/**
 * A reminder now, by hand, to those who have not answered: only after the invitation and at most once
 * a day per survey. Returns how many e-mails were queued, or null when skipped.
 */
export async function sendSurveyReminders(surveyId: number, now = new Date(), baseUrl = appUrl()) {
  const claimed = getDb().transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) throw new SurveyError("surveys.errors.notFound");
      if (now < survey.opensAt || now >= survey.closesAt) throw new SurveyError("surveys.errors.reminderNotOpen");
      if (!survey.invitedAt) throw new SurveyError("surveys.errors.notInvitedYet");
      if (now.getTime() - (survey.lastReminderAt ?? survey.invitedAt).getTime() < DAY) return null;
      tx.update(surveys).set({ lastReminderAt: now }).where(eq(surveys.id, surveyId)).run();
      return survey;
    },
    { behavior: "immediate" }
  );
  if (!claimed) return null;
  return mailPeople(claimed, pendingPeople(claimed), "reminder", instantToOslo(now).date, baseUrl);
}

/** The scheduled reminder that is due now (3 or 7 days after the invitation), if any; claims it. */
async function sendDueReminder(surveyId: number, now: Date, baseUrl: string) {
  const claimed = getDb().transaction(
    (tx) => {
      const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey?.invitedAt || now >= survey.closesAt) return null;
      const next = REMINDER_DAYS[survey.remindersSent];
      if (next === undefined || now.getTime() < survey.invitedAt.getTime() + next * DAY) return null;
      tx.update(surveys)
        .set({ remindersSent: survey.remindersSent + 1, lastReminderAt: now })
        .where(eq(surveys.id, surveyId))
        .run();
      return survey;
    },
    { behavior: "immediate" }
  );
  if (!claimed) return 0;
  return mailPeople(claimed, pendingPeople(claimed), "reminder", `day-${REMINDER_DAYS[claimed.remindersSent]}`, baseUrl);
}

/** For the scheduler: invites to surveys that have opened, and sends the reminders that are due. */
export async function remindOpenSurveys(now = new Date(), baseUrl = appUrl()) {
  const open = getDb()
    .select({ id: surveys.id, invitedAt: surveys.invitedAt })
    .from(surveys)
    .where(and(lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .limit(500)
    .all();
  let total = 0;
  for (const s of open) total += (s.invitedAt ? await sendDueReminder(s.id, now, baseUrl) : await sendSurveyInvitations(s.id, now, baseUrl)) ?? 0;
  return total;
}
