/** The organiser's lists of a cohort's participants, the filter's municipalities, and the table for exports. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { preparedQuery } from "../../db/prepared";
import { registrations, users, type Profession, type RegistrationStatus } from "../../db/schema";

export type ParticipantFilter = { profession?: Profession; status?: RegistrationStatus; municipality?: string };

/** A cohort's registrations with the person's details, filtered; waitlisted people in queue order. */
// The participant list, its exports and the filter's municipalities: one fixed shape each, built once per
// connection (db/prepared.ts). A filter left out is null and matches every row; cohort_id still drives
// registrations_queue_idx (cohort_id, status, profession, queued_at, id), which also gives the order.
const participantRows = preparedQuery((db) =>
  db
    .select({
      registrationId: registrations.id,
      name: users.name,
      email: users.email,
      profession: registrations.profession,
      hprNumber: users.hprNumber,
      practice: users.practice,
      municipality: users.municipality,
      status: registrations.status,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(
      and(
        eq(registrations.cohortId, sql.placeholder("cohortId")),
        sql`(${sql.placeholder("profession")} is null or ${registrations.profession} = ${sql.placeholder("profession")})`,
        sql`(${sql.placeholder("status")} is null or ${registrations.status} = ${sql.placeholder("status")})`,
        sql`(${sql.placeholder("municipality")} is null or ${users.municipality} = ${sql.placeholder("municipality")})`,
      ),
    )
    .orderBy(asc(registrations.status), asc(registrations.profession), asc(registrations.queuedAt), asc(registrations.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

const waitingQueue = preparedQuery((db) =>
  db
    .select({ id: registrations.id, profession: registrations.profession })
    .from(registrations)
    .where(and(eq(registrations.cohortId, sql.placeholder("cohortId")), eq(registrations.status, "waitlisted")))
    .orderBy(asc(registrations.queuedAt), asc(registrations.id))
    .prepare(),
);

const participantMunicipalities = preparedQuery((db) =>
  db
    .selectDistinct({ municipality: users.municipality })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(eq(registrations.cohortId, sql.placeholder("cohortId")))
    .orderBy(asc(users.municipality))
    .limit(500)
    .prepare(),
);

export function listParticipants(cohortId: number, filter: ParticipantFilter = {}, limit = 2000) {
  const rows = participantRows().all({
    cohortId,
    profession: filter.profession ?? null,
    status: filter.status ?? null,
    municipality: filter.municipality ?? null,
    limit,
  });
  // Waiting-list positions per profession, computed once for the whole cohort (only when some row waits).
  const position = new Map<number, number>();
  if (rows.some((r) => r.status === "waitlisted")) {
    const seen: Record<string, number> = {};
    for (const q of waitingQueue().all({ cohortId })) position.set(q.id, (seen[q.profession] = (seen[q.profession] ?? 0) + 1));
  }
  // Named one by one: spreading drizzle's row objects (`{ ...r, position }`) is slow for a long list.
  const list = rows.map((r): (typeof rows)[number] & { position: number | null } => ({
    registrationId: r.registrationId,
    name: r.name,
    email: r.email,
    profession: r.profession,
    hprNumber: r.hprNumber,
    practice: r.practice,
    municipality: r.municipality,
    status: r.status,
    position: position.get(r.registrationId) ?? null,
  }));
  const counts = {
    total: list.length,
    confirmed: list.filter((r) => r.status === "confirmed").length,
    waitlisted: list.filter((r) => r.status === "waitlisted").length,
  };
  // Every registration of the cohort: no filter, and the limit not reached.
  const complete = !filter.profession && !filter.status && !filter.municipality && rows.length < limit;
  return { rows: list, counts, complete };
}

/**
 * The municipalities of a cohort's participants, for the list's filter. `everyone` is the unfiltered list
 * when the caller has it (listParticipants without a filter): its municipalities are the same, so the
 * query is not run again.
 */
export function listParticipantMunicipalities(cohortId: number, everyone?: ReturnType<typeof listParticipants>) {
  if (everyone?.complete) {
    const found = new Set(everyone.rows.map((r) => r.municipality).filter((m): m is string => !!m));
    return [...found].sort();
  }
  return participantMunicipalities()
    .all({ cohortId })
    .map((r) => r.municipality)
    .filter((m): m is string => !!m);
}

type ExportRow = ReturnType<typeof listParticipants>["rows"][number];

/** The participants list as rows for the CSV/.xlsx export (app/utils/export.server.ts writes the file). */
export function participantsTable(rows: ExportRow[], t: TFunction) {
  const header = ["name", "profession", "hpr", "practice", "municipality", "email", "status"].map((k) =>
    t(k === "municipality" ? "registration.participants.municipality" : `registration.participants.${k}`),
  );
  const body = rows.map((r) => [
    r.name,
    t(`common.professions.${r.profession}`),
    r.hprNumber ?? "",
    r.practice ?? "",
    r.municipality ?? "",
    r.email,
    t(`registration.status.${r.status}`),
  ]);
  return [header, ...body];
}
