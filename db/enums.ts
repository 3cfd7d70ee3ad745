/**
 * Value lists of the data model that the browser needs too (form validation, select options).
 * Kept apart from db/schema.ts so that importing them does not bundle drizzle into the client;
 * db/schema.ts re-exports them.
 */
export const PROFESSIONS = ["gp", "physio", "other"] as const;
export type Profession = (typeof PROFESSIONS)[number];

export const ATTENDANCE_STATUSES = ["present", "partial", "absent", "excused"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Forms and topics of a collaboration-log contact: fixed lists, so the log never holds free text about patients. */
export const CONTACT_FORMS = ["meeting", "video", "phone", "dialogmelding", "other"] as const;
export type ContactForm = (typeof CONTACT_FORMS)[number];
export const CONTACT_TOPICS = ["shared_patient_follow_up", "referral", "nav", "agreement_review", "other"] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];
/** Reminder before each evening in the personal calendar feed. */
export const CALENDAR_ALARMS = ["none", "1d", "2h"] as const;
export type CalendarAlarm = (typeof CALENDAR_ALARMS)[number];
