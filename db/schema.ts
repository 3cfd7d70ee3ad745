/**
 * The whole Knutepunkt data model. Times are UTC instants stored as integer milliseconds
 * (`timestamp_ms`); they are entered and shown in Europe/Oslo by app/utils/time.ts.
 *
 * Later capabilities add behaviour, not tables: every table PRODUCT.md needs is here.
 */
import { sql } from "drizzle-orm";
import {
  sqliteTable,
  integer,
  text,
  real,
  index,
  uniqueIndex,
  primaryKey,
  blob,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { ATTENDANCE_STATUSES, CALENDAR_ALARMS, CONTACT_FORMS, CONTACT_TOPICS, PROFESSIONS } from "./enums";
import { OFFER_CONTACT_CHANNELS } from "./enums-offers";

export { ATTENDANCE_STATUSES, CONTACT_FORMS, CONTACT_TOPICS, PROFESSIONS, type AttendanceStatus, type Profession } from "./enums";
export { CALENDAR_ALARMS, type CalendarAlarm } from "./enums";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`);

export const LOCALES = ["nb", "en"] as const;

export type Locale = (typeof LOCALES)[number];

// ───────────────────────────── accounts ─────────────────────────────

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    profession: text("profession", { enum: PROFESSIONS }).notNull(),
    hprNumber: text("hpr_number"),
    practice: text("practice"),
    municipality: text("municipality"),
    phone: text("phone"),
    specialCompetence: text("special_competence"),
    about: text("about"),
    /** Visible to other participants of the same cohort on the partner page. */
    partnerProfileOptIn: integer("partner_profile_opt_in", { mode: "boolean" }).notNull().default(true),
    /** Listed in the cross-cohort network directory. */
    directoryOptIn: integer("directory_opt_in", { mode: "boolean" }).notNull().default(false),
    /**
     * Shown in the network directory: opted in and has a confirmed registration. Kept by triggers
     * (migration 0005), never written by the app, so the directory's pages and counts read one index
     * instead of checking every person's registrations.
     */
    directoryListed: integer("directory_listed", { mode: "boolean" }).notNull().default(false),
    locale: text("locale", { enum: LOCALES }).notNull().default("nb"),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    notifyEveningReminders: integer("notify_evening_reminders", { mode: "boolean" }).notNull().default(true),
    notifySurveyReminders: integer("notify_survey_reminders", { mode: "boolean" }).notNull().default(true),
    notifyPartnerReminders: integer("notify_partner_reminders", { mode: "boolean" }).notNull().default(true),
    /** Reminder before each evening in the personal calendar feed (a VALARM), chosen on /calendar. */
    calendarAlarm: text("calendar_alarm", { enum: CALENDAR_ALARMS }).notNull().default("none"),
    emailVerifiedAt: integer("email_verified_at", { mode: "timestamp_ms" }),
    /**
     * Raised by every password change and reset. A session is valid only while it carries the current
     * number, so sessions made before the change (even by a log-in racing it) stop working.
     */
    sessionGeneration: integer("session_generation").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    // The network directory reads listed people in name order (LIMIT, no sort), in all of Norway or in
    // one municipality, and counts them from the index alone.
    index("users_directory_listed_name_idx").on(t.directoryListed, t.name),
    index("users_directory_listed_municipality_idx").on(t.directoryListed, t.municipality, t.name),
    index("users_profession_idx").on(t.profession),
  ],
);

export const passwords = sqliteTable("passwords", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  updatedAt: createdAt(),
});

/** Session tokens are random; only their SHA-256 hash is stored (the Lucia guide's design). */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    /** The user's session_generation when the password that opened this session was read. */
    generation: integer("generation").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const EMAIL_TOKEN_PURPOSES = ["verify", "reset"] as const;
export const emailTokens = sqliteTable(
  "email_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("email_tokens_hash_unique").on(t.tokenHash), index("email_tokens_user_idx").on(t.userId)],
);

/**
 * Password-check counters, keyed by "email:<address>" or "ip:<address>": each check is counted before
 * the password is verified, and a successful one is taken back.
 */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: integer("window_started_at", { mode: "timestamp_ms" }).notNull(),
  blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }),
});

// ───────────────────────────── courses ─────────────────────────────

export const sites = sqliteTable(
  "sites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    region: text("region"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sites_slug_unique").on(t.slug)],
);

export const courseTemplates = sqliteTable("course_templates", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  description: text("description").notNull().default(""),
  eveningCount: integer("evening_count").notNull().default(5),
  eveningMinutes: integer("evening_minutes").notNull().default(180),
  totalHours: integer("total_hours").notNull().default(20),
  createdAt: createdAt(),
});

export const learningGoals = sqliteTable(
  "learning_goals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => courseTemplates.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("learning_goals_template_position").on(t.templateId, t.position)],
);

export const templateEvenings = sqliteTable(
  "template_evenings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => courseTemplates.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    theme: text("theme").notNull(),
    /** Programme (Markdown) and self-study task a new cohort's evening starts with; editable there afterwards. */
    content: text("content").notNull().default(""),
    selfStudyTask: text("self_study_task").notNull().default(""),
  },
  (t) => [uniqueIndex("template_evenings_template_number").on(t.templateId, t.number)],
);

/** The learning goals each template evening works on; copied to a new cohort's evening. */
export const templateEveningGoals = sqliteTable(
  "template_evening_goals",
  {
    templateEveningId: integer("template_evening_id")
      .notNull()
      .references(() => templateEvenings.id, { onDelete: "cascade" }),
    learningGoalId: integer("learning_goal_id")
      .notNull()
      .references(() => learningGoals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.templateEveningId, t.learningGoalId] })],
);

/**
 * Only what cannot be derived is stored: a draft is seen by its organisers alone, a published cohort by
 * everyone, an archived one is put away. Registration open, running and finished follow from the
 * registration window and the evenings' times (app/models/cohorts/lifecycle.server.ts).
 */
export const COHORT_STATUSES = ["draft", "published", "archived"] as const;
/** A course (several evenings from the template) or a network meeting (one session; docs/decisions/016). */
export const COHORT_KINDS = ["course", "meeting"] as const;
export type CohortKind = (typeof COHORT_KINDS)[number];
/** Who may sign up for a meeting: members of the site's network, of the chosen sites' networks, or everyone's. */
export const MEETING_AUDIENCES = ["site", "sites", "network"] as const;
export type MeetingAudience = (typeof MEETING_AUDIENCES)[number];
export const cohorts = sqliteTable(
  "cohorts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => courseTemplates.id),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    venue: text("venue").notNull().default(""),
    registrationOpensAt: integer("registration_opens_at", { mode: "timestamp_ms" }),
    registrationClosesAt: integer("registration_closes_at", { mode: "timestamp_ms" }),
    capacityGp: integer("capacity_gp").notNull().default(20),
    capacityPhysio: integer("capacity_physio").notNull().default(40),
    capacityOther: integer("capacity_other").notNull().default(0),
    // New cohorts are drafts (createCohortFromTemplate says so); the column default stays as it landed.
    status: text("status", { enum: COHORT_STATUSES }).notNull().default("published"),
    /** Sign-up closes at the start of this scheduled evening (1, or 2 for late registration) at the latest. */
    registrationUntilEvening: integer("registration_until_evening").notNull().default(1),
    /** Missing this many evenings in a row flags a participant "at risk". */
    atRiskThreshold: integer("at_risk_threshold").notNull().default(2),
    personalDataDeletedAt: integer("personal_data_deleted_at", { mode: "timestamp_ms" }),
    /**
     * The latest end any of the cohort's evenings has ever had; raised whenever an evening is saved, never
     * lowered. Retention counts from it, so moving the evenings back in time does not shorten it.
     */
    latestEveningEndsAt: integer("latest_evening_ends_at", { mode: "timestamp_ms" }),
    kind: text("kind", { enum: COHORT_KINDS }).notNull().default("course"),
    /** A meeting's video link, shown to confirmed participants and put in the calendar event. */
    meetingUrl: text("meeting_url"),
    /** A meeting's audience; the chosen sites of "sites" are in cohort_audience_sites. Courses keep "site". */
    audience: text("audience", { enum: MEETING_AUDIENCES }).notNull().default("site"),
    /** The meeting's summary in Markdown, for those who attended; shown once summaryPublishedAt is set. */
    summary: text("summary").notNull().default(""),
    summaryPublishedAt: integer("summary_published_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("cohorts_slug_unique").on(t.slug),
    index("cohorts_site_idx").on(t.siteId),
    index("cohorts_kind_status_idx").on(t.kind, t.status),
  ],
);

/** The sites whose networks a meeting of audience "sites" is for. */
export const cohortAudienceSites = sqliteTable(
  "cohort_audience_sites",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    siteId: integer("site_id")
      .notNull()
      .references(() => sites.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.siteId] }), index("cohort_audience_sites_site_idx").on(t.siteId)],
);

export const EVENING_STATUSES = ["scheduled", "cancelled"] as const;
export const evenings = sqliteTable(
  "evenings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    venue: text("venue").notNull().default(""),
    theme: text("theme").notNull(),
    /** Agenda in Markdown; rendered through app/utils/markdown.server.ts, never as raw HTML. */
    content: text("content").notNull().default(""),
    selfStudyTask: text("self_study_task").notNull().default(""),
    status: text("status", { enum: EVENING_STATUSES }).notNull().default("scheduled"),
    cancelReason: text("cancel_reason"),
    changeNote: text("change_note"),
    /** Bumped on every change; becomes the iCalendar SEQUENCE. */
    revision: integer("revision").notNull().default(0),
    checkinCode: text("checkin_code"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`),
  },
  (t) => [
    uniqueIndex("evenings_cohort_number").on(t.cohortId, t.number),
    index("evenings_starts_idx").on(t.startsAt),
  ],
);

export const eveningMaterials = sqliteTable(
  "evening_materials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eveningId: integer("evening_id")
      .notNull()
      .references(() => evenings.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    url: text("url").notNull(),
  },
  (t) => [index("evening_materials_evening_idx").on(t.eveningId)],
);

export const eveningLearningGoals = sqliteTable(
  "evening_learning_goals",
  {
    eveningId: integer("evening_id")
      .notNull()
      .references(() => evenings.id, { onDelete: "cascade" }),
    learningGoalId: integer("learning_goal_id")
      .notNull()
      .references(() => learningGoals.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.eveningId, t.learningGoalId] })],
);

export const cohortOrganisers = sqliteTable(
  "cohort_organisers",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cohortId, t.userId] }), index("cohort_organisers_user_idx").on(t.userId)],
);

// ───────────────────────────── registration ─────────────────────────────

export const REGISTRATION_STATUSES = ["confirmed", "waitlisted", "cancelled", "withdrawn"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrations = sqliteTable(
  "registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Profession at sign-up: capacity is counted per profession. */
    profession: text("profession", { enum: PROFESSIONS }).notNull(),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    /** Arrival order on the waiting list (the time the person joined it). */
    queuedAt: integer("queued_at", { mode: "timestamp_ms" }).notNull(),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    withdrawnAt: integer("withdrawn_at", { mode: "timestamp_ms" }),
    withdrawalReason: text("withdrawal_reason"),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("registrations_cohort_user").on(t.cohortId, t.userId),
    index("registrations_queue_idx").on(t.cohortId, t.status, t.profession, t.queuedAt, t.id),
    // user_id with status: "has a confirmed registration" (the network's listed people) is an index probe.
    index("registrations_user_status_idx").on(t.userId, t.status),
  ],
);

// ───────────────────────────── pairing ─────────────────────────────

export const PARTNER_REQUEST_STATUSES = ["pending", "accepted", "declined", "withdrawn", "stale"] as const;
export const partnerRequests = sqliteTable(
  "partner_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    fromUserId: integer("from_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toUserId: integer("to_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: PARTNER_REQUEST_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("partner_requests_to_idx").on(t.toUserId, t.status),
    index("partner_requests_from_idx").on(t.fromUserId, t.status),
    index("partner_requests_cohort_idx").on(t.cohortId, t.status),
  ],
);

export const partnerships = sqliteTable(
  "partnerships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    dissolvedAt: integer("dissolved_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("partnerships_cohort_idx").on(t.cohortId)],
);

export const partnershipMembers = sqliteTable(
  "partnership_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    /** Copied from the partnership so "one partnership per person and cohort" is a unique index. */
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: createdAt(),
    leftAt: integer("left_at", { mode: "timestamp_ms" }),
    leftReason: text("left_reason"),
  },
  (t) => [
    uniqueIndex("partnership_members_active_unique")
      .on(t.cohortId, t.userId)
      .where(sql`left_at IS NULL`),
    index("partnership_members_partnership_idx").on(t.partnershipId),
    index("partnership_members_user_idx").on(t.userId),
  ],
);

export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The agreement's fields as JSON, validated by the agreements module's zod schema. */
    data: text("data", { mode: "json" }).notNull(),
    reviewDate: text("review_date"),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("agreement_versions_partnership_version").on(t.partnershipId, t.version)],
);

export const agreementConfirmations = sqliteTable(
  "agreement_confirmations",
  {
    agreementVersionId: integer("agreement_version_id")
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    confirmedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agreementVersionId, t.userId] })],
);

/**
 * The partnership's collaboration log ("samarbeidslogg"): one row per contact its members record. Only
 * a day, a form, minutes and a topic from a fixed list; there is deliberately no text column.
 */
export const collaborationContacts = sqliteTable(
  "collaboration_contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    /** Copied from the partnership so the organisers' per-cohort figures read one index. */
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    /** Who recorded it: only they may delete it. */
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Oslo calendar day, YYYY-MM-DD. */
    occurredOn: text("occurred_on").notNull(),
    form: text("form", { enum: CONTACT_FORMS }).notNull(),
    minutes: integer("minutes").notNull(),
    topic: text("topic", { enum: CONTACT_TOPICS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("collaboration_contacts_partnership_idx").on(t.partnershipId, t.occurredOn),
    index("collaboration_contacts_cohort_idx").on(t.cohortId, t.occurredOn),
  ],
);

/**
 * The municipalities of the people listed in the network directory, with how many of each profession.
 * Kept by triggers on users (migration 0007), never written by the app: a search on municipality finds
 * the matching names here, then reads a page of people in name order from
 * users_directory_listed_municipality_idx and takes the total from these counts, so it no longer looks up
 * and sorts every person of a big municipality.
 */
export const directoryMunicipalities = sqliteTable("directory_municipalities", {
  municipality: text("municipality").primaryKey(),
  gp: integer("gp").notNull().default(0),
  physio: integer("physio").notNull().default(0),
});

/** Network: a participant asks someone in the directory to get in touch. */
export const contactRequests = sqliteTable(
  "contact_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fromUserId: integer("from_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    toUserId: integer("to_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: ["pending", "accepted", "declined"] }).notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [index("contact_requests_to_idx").on(t.toUserId, t.status), index("contact_requests_from_idx").on(t.fromUserId)],
);

// ───────────────────────────── offers in the network ─────────────────────────────

/**
 * The treatment forms an offer can list: a fixed list kept in the database (seeded by its migration) so
 * an administrator can add one without a release. `slug` is stable; the names are shown per language.
 */
export const treatmentForms = sqliteTable(
  "treatment_forms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    nameNb: text("name_nb").notNull(),
    nameEn: text("name_en").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("treatment_forms_slug_unique").on(t.slug)],
);

export { OFFER_CONTACT_CHANNELS, type OfferContactChannel } from "./enums-offers";

/**
 * "Tilbud i nettverket": what a network member's practice offers. Never about a patient. Shown to
 * other members only while `published` (the owner's choice); `lastConfirmedAt` drives the
 * "may be out of date" mark and the one reminder (`staleReminderSentAt`, cleared on confirming).
 */
export const networkOffers = sqliteTable(
  "network_offers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    description: text("description").notNull().default(""),
    municipality: text("municipality").notNull(),
    /** The municipality lower-cased (Norwegian rules), so searches match whatever case was typed. */
    municipalityKey: text("municipality_key").notNull(),
    address: text("address").notNull().default(""),
    takesNewPatients: integer("takes_new_patients", { mode: "boolean" }).notNull().default(true),
    waitingWeeks: integer("waiting_weeks"),
    contactChannel: text("contact_channel", { enum: OFFER_CONTACT_CHANNELS }).notNull(),
    contactDetail: text("contact_detail").notNull().default(""),
    published: integer("published", { mode: "boolean" }).notNull().default(false),
    lastConfirmedAt: integer("last_confirmed_at", { mode: "timestamp_ms" }).notNull(),
    staleReminderSentAt: integer("stale_reminder_sent_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("network_offers_user_idx").on(t.userId),
    // The search reads published offers of some municipalities, newest confirmation first.
    index("network_offers_published_municipality_idx").on(t.published, t.municipalityKey, t.lastConfirmedAt),
    // Also the reminder job's: published offers confirmed before a date, oldest first.
    index("network_offers_published_confirmed_idx").on(t.published, t.lastConfirmedAt),
  ],
);

export const networkOfferForms = sqliteTable(
  "network_offer_forms",
  {
    offerId: integer("offer_id")
      .notNull()
      .references(() => networkOffers.id, { onDelete: "cascade" }),
    formId: integer("form_id")
      .notNull()
      .references(() => treatmentForms.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.formId] }), index("network_offer_forms_form_idx").on(t.formId, t.offerId)],
);

// ───────────────────────────── attendance and credits ─────────────────────────────

/**
 * A participant's word ahead that they cannot come to an evening ("meldt forfall"). Kept apart from
 * attendance, which records what happened: the roll call shows it as "excused" until the organiser marks
 * something else. Taking it back deletes the row. The reason is short and optional; no health fields.
 */
export const absenceNotices = sqliteTable(
  "absence_notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eveningId: integer("evening_id")
      .notNull()
      .references(() => evenings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("absence_notices_evening_user").on(t.eveningId, t.userId), index("absence_notices_user_idx").on(t.userId)],
);

export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eveningId: integer("evening_id")
      .notNull()
      .references(() => evenings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull(),
    /** Minutes attended; for "present" the evening's full length. */
    minutes: integer("minutes").notNull().default(0),
    source: text("source", { enum: ["rollcall", "checkin"] }).notNull(),
    recordedByUserId: integer("recorded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    updatedAt: createdAt(),
  },
  (t) => [uniqueIndex("attendance_evening_user").on(t.eveningId, t.userId), index("attendance_user_idx").on(t.userId)],
);

export const creditRules = sqliteTable(
  "credit_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    profession: text("profession", { enum: PROFESSIONS }).notNull(),
    label: text("label").notNull().default(""),
    /** The approving body's reference (e.g. its approval number), printed on certificates. */
    reference: text("reference").notNull().default(""),
    courseHourMinutes: integer("course_hour_minutes").notNull().default(45),
    minAttendancePercent: integer("min_attendance_percent").notNull().default(80),
    selfStudyHours: real("self_study_hours").notNull().default(0),
    maxHours: real("max_hours"),
  },
  (t) => [uniqueIndex("credit_rules_cohort_profession").on(t.cohortId, t.profession)],
);

export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Public, random, unguessable; printed on the certificate and its QR code. */
    verificationCode: text("verification_code").notNull(),
    hours: real("hours").notNull(),
    issuedAt: createdAt(),
    issuedByUserId: integer("issued_by_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.verificationCode),
    index("certificates_cohort_user_idx").on(t.cohortId, t.userId),
    index("certificates_user_idx").on(t.userId),
  ],
);

// ───────────────────────────── surveys ─────────────────────────────

export const SURVEY_QUESTION_KINDS = ["scale", "single", "multi", "text"] as const;
export const surveys = sqliteTable(
  "surveys",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    eveningId: integer("evening_id").references(() => evenings.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    intro: text("intro").notNull().default(""),
    kind: text("kind", { enum: ["evening", "final", "followup", "custom"] }).notNull().default("custom"),
    answeredBy: text("answered_by", { enum: ["participant", "partnership"] }).notNull().default("participant"),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
    closesAt: integer("closes_at", { mode: "timestamp_ms" }).notNull(),
    lastReminderAt: integer("last_reminder_at", { mode: "timestamp_ms" }),
    /** When the invitation mail went out; reminders are counted from it. */
    invitedAt: integer("invited_at", { mode: "timestamp_ms" }),
    /** How many of the scheduled reminders (after 3 and 7 days) have gone out. */
    remindersSent: integer("reminders_sent").notNull().default(0),
    /** Answered before the meeting: closesAt follows the start of the cohort's first scheduled evening. */
    preMeeting: integer("pre_meeting", { mode: "boolean" }).notNull().default(false),
    /** A single-choice question (table or theme) the results are grouped by. */
    groupByQuestionId: integer("group_by_question_id").references((): AnySQLiteColumn => surveyQuestions.id, { onDelete: "set null" }),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("surveys_cohort_idx").on(t.cohortId),
    index("surveys_window_idx").on(t.opensAt, t.closesAt),
    // The scheduler makes one follow-up survey per cohort, even if two runs overlap.
    uniqueIndex("surveys_followup_unique").on(t.cohortId).where(sql`kind = 'followup'`),
  ],
);

export const surveyQuestions = sqliteTable(
  "survey_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: SURVEY_QUESTION_KINDS }).notNull(),
    prompt: text("prompt").notNull(),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** Choice options as a JSON array of strings. */
    options: text("options", { mode: "json" }).$type<string[]>(),
    scaleMinLabel: text("scale_min_label"),
    scaleMaxLabel: text("scale_max_label"),
    /** Questions with the same key are compared across evenings. */
    sharedKey: text("shared_key"),
    learningGoalId: integer("learning_goal_id").references(() => learningGoals.id, { onDelete: "set null" }),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position)],
);

/**
 * One submitted answer set. For anonymous surveys it holds no user, partnership or time, and its id is
 * random (not a sequence), so neither a column nor the row order links it to survey_participation.
 */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: integer("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    respondentUserId: integer("respondent_user_id").references(() => users.id, { onDelete: "set null" }),
    partnershipId: integer("partnership_id").references(() => partnerships.id, { onDelete: "set null" }),
    respondentProfession: text("respondent_profession", { enum: PROFESSIONS }),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }),
  },
  // The results page lists respondents in the order they answered, a page at a time: the index gives that
  // order, so a page reads its 25 rows instead of sorting every response of the survey.
  (t) => [index("survey_responses_survey_submitted_idx").on(t.surveyId, t.submittedAt)],
);

export const surveyAnswers = sqliteTable(
  "survey_answers",
  {
    /** Random, like the response id, so insertion order reveals nothing. */
    id: integer("id").primaryKey(),
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    scaleValue: integer("scale_value"),
    /** Chosen option(s) as a JSON array of strings. */
    choices: text("choices", { mode: "json" }).$type<string[]>(),
    text: text("text"),
  },
  (t) => [
    uniqueIndex("survey_answers_response_question").on(t.responseId, t.questionId),
    index("survey_answers_question_idx").on(t.questionId),
  ],
);

/** Who has answered (to stop double answers and to remind the rest). Never joined to responses. */
export const surveyParticipation = sqliteTable(
  "survey_participation",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    partnershipId: integer("partnership_id").references(() => partnerships.id, { onDelete: "cascade" }),
    /** Day only, so the time of day cannot be matched against anything. */
    answeredOn: text("answered_on").notNull(),
  },
  (t) => [
    uniqueIndex("survey_participation_user_unique").on(t.surveyId, t.userId).where(sql`user_id IS NOT NULL`),
    uniqueIndex("survey_participation_partnership_unique")
      .on(t.surveyId, t.partnershipId)
      .where(sql`partnership_id IS NOT NULL`),
    // Both unique indexes are partial, so "every participation of a survey" (response rate, reminders,
    // counts) needs its own index.
    index("survey_participation_survey_idx").on(t.surveyId),
  ],
);

/**
 * An anonymous answer set waiting to be opened: AES-256-GCM under a key derived from the server's secret
 * (never in the database), so a copy of the files cannot read it or tie it to the participation row
 * written in the same transaction. Opened in shuffled batches into survey_responses (see decision 015).
 */
export const surveyPendingAnswers = sqliteTable(
  "survey_pending_answers",
  {
    /** Random, so the row order says nothing. */
    id: integer("id").primaryKey(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    /** IV (12 bytes), tag (16 bytes), then the padded ciphertext. */
    sealed: blob("sealed", { mode: "buffer" }).notNull(),
  },
  (t) => [index("survey_pending_answers_survey_idx").on(t.surveyId)],
);

// ───────────────────────────── calendar, e-mail, audit ─────────────────────────────

/** A personal feed link: the URL carries the id plus an HMAC, so nothing secret is stored. Revoke to cut it. */
export const calendarFeedTokens = sqliteTable(
  "calendar_feed_tokens",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("calendar_feed_tokens_user_idx").on(t.userId)],
);

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    toAddress: text("to_address").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    kind: text("kind").notNull(),
    /** Files sent with the mail (calendar invitations), as JSON: [{ filename, contentType, content }]. */
    attachments: text("attachments", { mode: "json" }).$type<{ filename: string; contentType: string; content: string }[]>(),
    /** Makes a notification at-most-once: the same key is never queued twice. */
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("email_outbox_dedupe_unique").on(t.dedupeKey),
    index("email_outbox_status_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_to_idx").on(t.toAddress),
    index("email_outbox_created_idx").on(t.createdAt),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorUserId: integer("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    cohortId: integer("cohort_id").references(() => cohorts.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id"),
    details: text("details", { mode: "json" }),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_cohort_idx").on(t.cohortId, t.createdAt), index("audit_log_actor_idx").on(t.actorUserId)],
);

// ───────────────────────────── messages to a cohort ─────────────────────────────

export const MESSAGE_AUDIENCES = ["confirmed", "gp", "physio", "other", "waitlisted", "unpaired", "absentLastEvening"] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

/** A message an organiser sent to the cohort or a group of it; mailed through the outbox. */
export const cohortMessages = sqliteTable(
  "cohort_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => cohorts.id, { onDelete: "cascade" }),
    senderUserId: integer("sender_user_id").references(() => users.id, { onDelete: "set null" }),
    audience: text("audience", { enum: MESSAGE_AUDIENCES }).notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    recipientCount: integer("recipient_count").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("cohort_messages_cohort_idx").on(t.cohortId, t.id)],
);

/** Who a message went to, so each participant sees the messages meant for them on the dashboard. */
export const cohortMessageRecipients = sqliteTable(
  "cohort_message_recipients",
  {
    messageId: integer("message_id")
      .notNull()
      .references(() => cohortMessages.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index("cohort_message_recipients_user_idx").on(t.userId, t.messageId)],
);
