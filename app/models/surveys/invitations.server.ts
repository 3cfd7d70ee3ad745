/** Who is invited to a survey (each confirmed participant, or one answer per partnership) and whether they may answer now. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { partnershipMembers, partnerships, registrations, surveyParticipation, surveyResponses, users } from "../../../db/schema";
import { isConfirmedParticipant } from "../registration.server";
import { Survey } from "./rules";

/** The active partnership of a person in a cohort, if any. */
export function activePartnershipOf(cohortId: number, userId: number) {
  return (
    getDb()
      .select({ id: partnerships.id })
      .from(partnershipMembers)
      .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
      .where(
        and(
          eq(partnershipMembers.cohortId, cohortId),
          eq(partnershipMembers.userId, userId),
          isNull(partnershipMembers.leftAt),
          isNull(partnerships.dissolvedAt)
        )
      )
      .get()?.id ?? null
  );
}

/** What a reminder or the response rate needs of an invited person. */
const INVITED_PERSON = {
  userId: users.id,
  name: users.name,
  email: users.email,
  profession: users.profession,
  locale: users.locale,
  notify: users.notifySurveyReminders,
};

/** Invited people: confirmed participants; for partnership surveys, members of an active partnership. */
export function invitedPeople(survey: Survey) {
  const db = getDb();
  if (survey.answeredBy === "participant") {
    return db
      .select({
        ...INVITED_PERSON,
        partnershipId: sql<number | null>`null`,
      })
      .from(registrations)
      .innerJoin(users, eq(users.id, registrations.userId))
      .where(and(eq(registrations.cohortId, survey.cohortId), eq(registrations.status, "confirmed")))
      .orderBy(asc(users.id))
      .all();
  }
  return db
    .select({
      ...INVITED_PERSON,
      partnershipId: partnershipMembers.partnershipId,
    })
    .from(partnershipMembers)
    .innerJoin(partnerships, eq(partnerships.id, partnershipMembers.partnershipId))
    .innerJoin(users, eq(users.id, partnershipMembers.userId))
    .where(and(eq(partnershipMembers.cohortId, survey.cohortId), isNull(partnershipMembers.leftAt), isNull(partnerships.dissolvedAt)))
    .orderBy(asc(users.id))
    .all();
}

export type AnswerState =
  | { state: "notInvited" }
  | { state: "notOpen"; opensAt: Date }
  | { state: "closed"; closesAt: Date }
  | { state: "answered"; answeredOn: string; byName: string | null }
  | { state: "open"; partnershipId: number | null };

/** What this person can do with the survey now. */
export function answerState(survey: Survey, userId: number, now = new Date()): AnswerState {
  const db = getDb();
  let partnershipId: number | null = null;
  if (survey.answeredBy === "partnership") {
    partnershipId = activePartnershipOf(survey.cohortId, userId);
    if (!partnershipId) return { state: "notInvited" };
  } else if (!isConfirmedParticipant(userId, survey.cohortId)) return { state: "notInvited" };

  const done = db
    .select()
    .from(surveyParticipation)
    .where(
      and(
        eq(surveyParticipation.surveyId, survey.id),
        partnershipId ? eq(surveyParticipation.partnershipId, partnershipId) : eq(surveyParticipation.userId, userId)
      )
    )
    .get();
  if (done) {
    let byName: string | null = null;
    if (partnershipId && !survey.anonymous) {
      byName =
        db
          .select({ name: users.name })
          .from(surveyResponses)
          .innerJoin(users, eq(users.id, surveyResponses.respondentUserId))
          .where(and(eq(surveyResponses.surveyId, survey.id), eq(surveyResponses.partnershipId, partnershipId)))
          .get()?.name ?? null;
    }
    return { state: "answered", answeredOn: done.answeredOn, byName };
  }
  if (now < survey.opensAt) return { state: "notOpen", opensAt: survey.opensAt };
  if (now >= survey.closesAt) return { state: "closed", closesAt: survey.closesAt };
  return { state: "open", partnershipId };
}
