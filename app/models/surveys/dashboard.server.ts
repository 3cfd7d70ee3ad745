/** The open surveys a participant sees on the dashboard. */
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { encodedPlaceholder, preparedQuery } from "../../../db/prepared";
import { cohorts, partnershipMembers, partnerships, registrations, surveyParticipation, surveys } from "../../../db/schema";

// One query for the dashboard, built once: the open surveys of my cohorts (confirmed, or in a partnership)
// and, per survey, whether answerState would say "open" – invited (confirmed participant, or member of an
// active partnership for partnership surveys) and not answered (by me, or by my partnership).
const openSurveysOf = preparedQuery((db) => {
  const me = sql.placeholder("userId");
  const now = encodedPlaceholder(surveys.opensAt, "now");
  const myCohorts = sql`(select ${registrations.cohortId} from ${registrations} where ${registrations.userId} = ${me} and ${registrations.status} = 'confirmed'
    union select ${partnershipMembers.cohortId} from ${partnershipMembers} where ${partnershipMembers.userId} = ${me} and ${partnershipMembers.leftAt} is null)`;
  const partnershipCanAnswer = sql`exists (select 1 from ${partnershipMembers} inner join ${partnerships} on ${partnerships.id} = ${partnershipMembers.partnershipId}
    where ${partnershipMembers.cohortId} = ${surveys.cohortId} and ${partnershipMembers.userId} = ${me} and ${partnershipMembers.leftAt} is null and ${partnerships.dissolvedAt} is null
    and not exists (select 1 from ${surveyParticipation} where ${surveyParticipation.surveyId} = ${surveys.id} and ${surveyParticipation.partnershipId} = ${partnershipMembers.partnershipId}))`;
  const participantCanAnswer = sql`exists (select 1 from ${registrations} where ${registrations.cohortId} = ${surveys.cohortId} and ${registrations.userId} = ${me} and ${registrations.status} = 'confirmed')
    and not exists (select 1 from ${surveyParticipation} where ${surveyParticipation.surveyId} = ${surveys.id} and ${surveyParticipation.userId} = ${me})`;
  return db
    .select({
      id: surveys.id,
      title: surveys.title,
      closesAt: surveys.closesAt,
      cohortTitle: cohorts.title,
      open: sql<number>`case when ${surveys.answeredBy} = 'partnership' then ${partnershipCanAnswer} else ${participantCanAnswer} end`,
    })
    .from(surveys)
    .innerJoin(cohorts, eq(cohorts.id, surveys.cohortId))
    .where(and(sql`${surveys.cohortId} in ${myCohorts}`, lte(surveys.opensAt, now), gt(surveys.closesAt, now)))
    .orderBy(asc(surveys.closesAt))
    .limit(20)
    .prepare();
});

/** Open surveys this person is invited to and has not answered (for the dashboard). */
export function openSurveysFor(userId: number, now = new Date()) {
  return openSurveysOf()
    .all({ userId, now })
    .filter((s) => s.open)
    .map(({ open: _open, ...rest }) => rest);
}
