/**
 * Value lists of the data model that the browser needs too (form validation, select options).
 * Kept apart from db/schema.ts so that importing them does not bundle drizzle into the client;
 * db/schema.ts re-exports them.
 */
export const PROFESSIONS = ["gp", "physio", "other"] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const ATTENDANCE_STATUSES = ["present", "partial", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
