/** The organiser's creating and editing of cohorts, evenings and organisers (audited). */
import { and, eq, ne, sql } from "drizzle-orm";
import { getDb } from "../../../db/client";
import {
  cohortAudienceSites,
  cohortOrganisers,
  cohorts,
  eveningLearningGoals,
  eveningMaterials,
  evenings,
  registrations,
  templateEveningGoals,
  users,
  COHORT_STATUSES,
  type MeetingAudience,
} from "../../../db/schema";
import { appUrl } from "../../utils/env.server";
import { formatEveningTime, osloDateTimeToInstant } from "../../utils/time";
import { writeAudit } from "../audit.server";
import { NotFoundError } from "../errors";
import { queueEmail } from "../notifications.server";
import { invitationAttachment } from "../calendar.server";
import { fillAllFromWaitlist, loadTranslators } from "../registration.server";
import { movedEveningError, newEveningsError } from "./lifecycle.server";
import { getTemplate } from "./pages.server";
import { alignPreMeetingSurveys } from "../surveys/pre-meeting.server";

/** Whether no cohort (other than `exceptCohortId`) uses the address. */
export function isSlugAvailable(slug: string, exceptCohortId?: number) {
  const clash = getDb()
    .select({ id: cohorts.id })
    .from(cohorts)
    .where(exceptCohortId ? and(eq(cohorts.slug, slug), ne(cohorts.id, exceptCohortId)) : eq(cohorts.slug, slug))
    .get();
  return !clash;
}

export class CohortError extends Error {
  constructor(public field: string, public messageKey: string) {
    super(messageKey);
    this.name = "CohortError";
  }
}

export type CohortInput = {
  title: string;
  slug: string;
  siteId: number;
  venue: string;
  description: string;
  /** Oslo dates, "2027-01-21"; the window opens at 00:00 and closes at 23:59 Oslo time. */
  opensOn?: string | null;
  closesOn?: string | null;
  capacityGp: number;
  capacityPhysio: number;
  capacityOther: number;
  status?: (typeof COHORT_STATUSES)[number];
  /** Sign-up closes at the start of this evening at the latest: 1, or 2 for late registration. */
  registrationUntilEvening?: number;
};

/**
 * What makes a cohort a network meeting (docs/decisions/016): its one session's times and programme
 * instead of the template's evenings, the video link and who may sign up.
 */
export type MeetingFields = {
  startTime: string;
  endTime: string;
  theme: string;
  content: string;
  meetingUrl: string | null;
  audience: MeetingAudience;
  audienceSiteIds: number[];
};

function windowInstants(input: Pick<CohortInput, "opensOn" | "closesOn">) {
  const opens = input.opensOn ? osloDateTimeToInstant(input.opensOn, "00:00") : null;
  const closes = input.closesOn ? osloDateTimeToInstant(input.closesOn, "23:59") : null;
  if (opens && closes && closes <= opens) throw new CohortError("closesOn", "registration.errors.closesBeforeOpens");
  return { registrationOpensAt: opens, registrationClosesAt: closes };
}

/**
 * Creates a cohort from the course template as a draft (seen only by its organisers until published):
 * the template's evenings, each with its theme, programme, self-study task and learning goals, at
 * 17:00–20:00 Oslo time on the dates given (in order, on separate days, none in the past), the
 * creator as organiser, and an audit entry.
 */
export function createCohortFromTemplate(
  input: CohortInput & { eveningDates: string[]; meeting?: MeetingFields },
  actorUserId: number,
  now = new Date()
) {
  const db = getDb();
  const tpl = getTemplate();
  if (!tpl) throw new Error("No course template");
  const window = windowInstants(input);
  const { meeting } = input;
  const times = input.eveningDates.map((date, i) => ({
    field: meeting ? "date" : `date${i + 1}`,
    startsAt: osloDateTimeToInstant(date, meeting?.startTime ?? "17:00"),
    endsAt: osloDateTimeToInstant(date, meeting?.endTime ?? "20:00"),
  }));
  const dateError = newEveningsError(times, now);
  if (dateError) throw new CohortError(dateError.field, dateError.messageKey);
  const goalsOf = (templateEveningId: number) =>
    db.select().from(templateEveningGoals).where(eq(templateEveningGoals.templateEveningId, templateEveningId)).all();
  return db.transaction(
    (tx) => {
      if (tx.select({ id: cohorts.id }).from(cohorts).where(eq(cohorts.slug, input.slug)).get()) {
        throw new CohortError("slug", "registration.errors.slugTaken");
      }
      const cohort = tx
        .insert(cohorts)
        .values({
          templateId: tpl.template.id,
          siteId: input.siteId,
          slug: input.slug,
          title: input.title,
          description: input.description,
          venue: input.venue,
          capacityGp: input.capacityGp,
          capacityPhysio: input.capacityPhysio,
          capacityOther: input.capacityOther,
          status: input.status ?? "draft",
          registrationUntilEvening: input.registrationUntilEvening ?? 1,
          ...window,
          ...(meeting ? { kind: "meeting" as const, meetingUrl: meeting.meetingUrl, audience: meeting.audience } : {}),
        })
        .returning()
        .get();
      if (meeting?.audience === "sites")
        for (const siteId of new Set(meeting.audienceSiteIds)) tx.insert(cohortAudienceSites).values({ cohortId: cohort.id, siteId }).run();
      const ends = times.map((x) => x.endsAt.getTime());
      if (ends.length) tx.update(cohorts).set({ latestEveningEndsAt: new Date(Math.max(...ends)) }).where(eq(cohorts.id, cohort.id)).run();
      times.forEach(({ startsAt, endsAt }, i) => {
        // A meeting's one session carries its own theme and programme, not the course template's.
        const model = meeting ? { id: null, theme: meeting.theme, content: meeting.content, selfStudyTask: "" } : tpl.themes[i];
        const evening = tx
          .insert(evenings)
          .values({
            cohortId: cohort.id,
            number: i + 1,
            startsAt,
            endsAt,
            venue: input.venue,
            theme: model?.theme ?? `${i + 1}`,
            content: model?.content ?? "",
            selfStudyTask: model?.selfStudyTask ?? "",
          })
          .returning()
          .get();
        for (const g of model?.id ? goalsOf(model.id) : [])
          tx.insert(eveningLearningGoals).values({ eveningId: evening.id, learningGoalId: g.learningGoalId }).run();
      });
      tx.insert(cohortOrganisers).values({ cohortId: cohort.id, userId: actorUserId }).onConflictDoNothing().run();
      writeAudit(tx, {
        actorUserId,
        cohortId: cohort.id,
        action: "cohort.created",
        entityType: "cohort",
        entityId: cohort.id,
        details: { slug: cohort.slug, kind: cohort.kind },
      });
      return cohort;
    },
    { behavior: "immediate" }
  );
}

export async function updateCohort(cohortId: number, input: CohortInput, actorUserId: number) {
  const db = getDb();
  const window = windowInstants(input);
  const before = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get();
  if (!before) throw new CohortError("", "registration.errors.cohortNotFound");
  db.transaction(
    (tx) => {
      const clash = tx
        .select({ id: cohorts.id })
        .from(cohorts)
        .where(and(eq(cohorts.slug, input.slug), ne(cohorts.id, cohortId)))
        .get();
      if (clash) throw new CohortError("slug", "registration.errors.slugTaken");
      // The status changes only through publishCohort (which checks the cohort is complete) and archiveCohort.
      const { opensOn: _opens, closesOn: _closes, status: _status, ...fields } = input;
      tx.update(cohorts)
        .set({ ...fields, ...window, updatedAt: new Date() })
        .where(eq(cohorts.id, cohortId))
        .run();
      writeAudit(tx, { actorUserId, cohortId, action: "cohort.updated", entityType: "cohort", entityId: cohortId, details: { ...input } });
    },
    { behavior: "immediate" }
  );
  // More places than before: the waiting list gets them, in order.
  await fillAllFromWaitlist(cohortId, actorUserId);
  return db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get()!;
}

/** An evening as a URL addresses it: through its cohort. */
export type EveningRef = { cohortId: number; eveningId: number };
const ofCohort = ({ cohortId, eveningId }: EveningRef) => and(eq(evenings.id, eveningId), eq(evenings.cohortId, cohortId));

export type EveningInput = {
  date: string;
  startTime: string;
  endTime: string;
  venue: string;
  theme: string;
  content: string;
  selfStudyTask: string;
  materials: { title: string; url: string }[];
  learningGoalIds: number[];
  changeNote?: string | null;
};

async function notifyConfirmed(
  cohortId: number,
  kind: "eveningChanged" | "eveningCancelled",
  evening: typeof evenings.$inferSelect,
  extra: { note?: string; reason?: string }
) {
  const tr = await loadTranslators();
  const db = getDb();
  const cohort = db.select().from(cohorts).where(eq(cohorts.id, cohortId)).get()!;
  const people = db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.cohortId, cohortId), eq(registrations.status, "confirmed")))
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(evenings).where(eq(evenings.cohortId, cohortId)).get()?.n ?? 0;
  for (const p of people) {
    const lng = p.locale === "en" ? "en" : "nb";
    const t = tr[lng];
    const vars = {
      name: p.name,
      title: cohort.title,
      n: evening.number,
      theme: evening.theme,
      when: formatEveningTime(evening.startsAt, evening.endsAt, lng),
      venue: evening.venue || cohort.venue,
      note: extra.note ?? "",
      reason: extra.reason ?? "",
      link: `${appUrl()}/cohorts/${cohort.slug}`,
    };
    queueEmail(
      {
        to: p.email,
        userId: p.id,
        kind: kind === "eveningChanged" ? "evening-changed" : "evening-cancelled",
        subject: t(`registration.email.${kind}.subject`, vars),
        text: `${t(`registration.email.${kind}.body`, vars)}\n\n${t("calendar.invitation.updated")}\n\n${t("email.signature")}`,
        dedupeKey: `${kind}:${evening.id}:${evening.revision}:${p.id}`,
        // The changed evening under its old UID with a higher SEQUENCE: calendars update it in place.
        attachments: [invitationAttachment(t, cohort, [evening], total, appUrl(), `knutepunkt-${cohort.slug}-${evening.number}.ics`)],
      },
      lng
    );
  }
  return people.length;
}

/** Edits an evening: bumps its revision, audits, and tells confirmed participants when time or place changed. */
/** The evening is addressed with its cohort: an evening of another cohort is not found and nothing changes. */
export async function updateEvening({ cohortId, eveningId }: EveningRef, input: EveningInput, actorUserId: number, now = new Date()) {
  const db = getDb();
  const startsAt = osloDateTimeToInstant(input.date, input.startTime);
  const endsAt = osloDateTimeToInstant(input.date, input.endTime);
  if (endsAt <= startsAt) throw new CohortError("endTime", "registration.errors.endBeforeStart");
  const before = db.select().from(evenings).where(ofCohort({ cohortId, eveningId })).get();
  if (!before) throw new NotFoundError("evening");
  const siblings = db
    .select({ number: evenings.number, startsAt: evenings.startsAt, endsAt: evenings.endsAt })
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), ne(evenings.id, eveningId), eq(evenings.status, "scheduled")))
    .all();
  const dateError = movedEveningError(before, { startsAt, endsAt }, siblings, now);
  if (dateError) throw new CohortError(dateError.field, dateError.messageKey);
  const moved =
    before.startsAt.getTime() !== startsAt.getTime() || before.endsAt.getTime() !== endsAt.getTime() || before.venue !== input.venue;
  const after = db.transaction(
    (tx) => {
      const row = tx
        .update(evenings)
        .set({
          startsAt,
          endsAt,
          venue: input.venue,
          theme: input.theme,
          content: input.content,
          selfStudyTask: input.selfStudyTask,
          changeNote: input.changeNote?.trim() || before.changeNote,
          revision: sql`${evenings.revision} + 1`,
          updatedAt: new Date(),
        })
        .where(ofCohort({ cohortId, eveningId }))
        .returning()
        .get();
      // Retention counts from the latest end the cohort's evenings ever had (privacy.server.ts): never lowered.
      const latest = Math.max(before.endsAt.getTime(), endsAt.getTime());
      tx.update(cohorts)
        .set({ latestEveningEndsAt: sql`max(coalesce(${cohorts.latestEveningEndsAt}, 0), ${latest})` })
        .where(eq(cohorts.id, before.cohortId))
        .run();
      alignPreMeetingSurveys(tx, before.cohortId);
      tx.delete(eveningMaterials).where(eq(eveningMaterials.eveningId, eveningId)).run();
      input.materials.forEach((m, i) => tx.insert(eveningMaterials).values({ eveningId, position: i, title: m.title, url: m.url }).run());
      tx.delete(eveningLearningGoals).where(eq(eveningLearningGoals.eveningId, eveningId)).run();
      for (const goalId of input.learningGoalIds)
        tx.insert(eveningLearningGoals).values({ eveningId, learningGoalId: goalId }).onConflictDoNothing().run();
      writeAudit(tx, {
        actorUserId,
        cohortId: before.cohortId,
        action: moved ? "evening.rescheduled" : "evening.updated",
        entityType: "evening",
        entityId: eveningId,
        details: {
          number: before.number,
          from: { startsAt: before.startsAt, venue: before.venue },
          to: { startsAt, venue: input.venue },
          revision: row.revision,
        },
      });
      return row;
    },
    { behavior: "immediate" }
  );
  if (moved && after.status === "scheduled")
    await notifyConfirmed(before.cohortId, "eveningChanged", after, { note: input.changeNote ?? "" });
  return after;
}

/** Cancels (or reinstates) an evening with a reason shown to participants; confirmed participants get an e-mail. */
export async function setEveningCancelled(
  { cohortId, eveningId }: EveningRef,
  cancelled: boolean,
  reason: string | null,
  actorUserId: number,
) {
  const db = getDb();
  const before = db.select().from(evenings).where(ofCohort({ cohortId, eveningId })).get();
  if (!before) throw new NotFoundError("evening");
  const row = db.transaction(
    (tx) => {
      const r = tx
        .update(evenings)
        .set({
          status: cancelled ? "cancelled" : "scheduled",
          cancelReason: cancelled ? reason : null,
          revision: sql`${evenings.revision} + 1`,
          updatedAt: new Date(),
        })
        .where(ofCohort({ cohortId, eveningId }))
        .returning()
        .get();
      writeAudit(tx, {
        actorUserId,
        cohortId: before.cohortId,
        action: cancelled ? "evening.cancelled" : "evening.reinstated",
        entityType: "evening",
        entityId: eveningId,
        details: { number: before.number, reason, revision: r.revision },
      });
      alignPreMeetingSurveys(tx, before.cohortId);
      return r;
    },
    { behavior: "immediate" }
  );
  if (cancelled) await notifyConfirmed(before.cohortId, "eveningCancelled", row, { reason: reason ?? "" });
  else await notifyConfirmed(before.cohortId, "eveningChanged", row, {});
  return row;
}

export function addOrganiser(cohortId: number, email: string, actorUserId: number) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
  if (!user) throw new CohortError("email", "registration.errors.userUnknown");
  db.transaction(
    (tx) => {
      tx.insert(cohortOrganisers).values({ cohortId, userId: user.id }).onConflictDoNothing().run();
      writeAudit(tx, { actorUserId, cohortId, action: "organiser.added", entityType: "user", entityId: user.id });
    },
    { behavior: "immediate" }
  );
  return user;
}

export function removeOrganiser(cohortId: number, userId: number, actorUserId: number) {
  getDb().transaction(
    (tx) => {
      const count =
        tx
          .select({ n: sql<number>`count(*)` })
          .from(cohortOrganisers)
          .where(eq(cohortOrganisers.cohortId, cohortId))
          .get()?.n ?? 0;
      if (count <= 1) throw new CohortError("", "registration.errors.lastOrganiser");
      tx.delete(cohortOrganisers)
        .where(and(eq(cohortOrganisers.cohortId, cohortId), eq(cohortOrganisers.userId, userId)))
        .run();
      writeAudit(tx, { actorUserId, cohortId, action: "organiser.removed", entityType: "user", entityId: userId });
    },
    { behavior: "immediate" }
  );
}
