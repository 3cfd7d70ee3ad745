/** The audit log: who did what to which cohort, written inside the same transaction as the change. */
import { desc, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { auditLog, users } from "../../db/schema";

type Writer = Pick<Db, "insert">;

export type AuditEntry = {
  actorUserId: number | null;
  cohortId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  details?: Record<string, unknown> | null;
};

export function writeAudit(db: Writer, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      actorUserId: entry.actorUserId,
      cohortId: entry.cohortId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: entry.details ?? null,
    })
    .run();
}

/** The newest entries of a cohort's log with the actor's name (bounded). */
export function listAudit(cohortId: number, limit = 30) {
  return getDb()
    .select({ id: auditLog.id, action: auditLog.action, createdAt: auditLog.createdAt, actorName: users.name, entityType: auditLog.entityType })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.cohortId, cohortId))
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .all();
}
