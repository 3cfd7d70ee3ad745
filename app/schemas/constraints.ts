/**
 * Conform constraints (required attributes) of forms whose zod schema the browser loads lazily
 * (app/utils/lazy-validation.ts). They equal getZodConstraint(schema) — asserted in
 * tests/integration/lazy-validation.test.ts — but need no zod to render.
 */
export const LOGIN_CONSTRAINT = {
  email: { required: true },
  password: { required: true },
  redirectTo: { required: false },
};

export const PARTNER_REQUEST_CONSTRAINT = {
  intent: { required: true },
  toUserId: { required: true },
  message: { required: false },
};

const PROFESSION = { required: true, pattern: "gp|physio|other" };

export const SIGNUP_CONSTRAINT = {
  name: { required: true },
  email: { required: true },
  profession: PROFESSION,
  hprNumber: { required: false },
  practice: { required: false },
  municipality: { required: false },
  phone: { required: false },
  password: { required: true },
  confirmPassword: { required: true },
  redirectTo: { required: false },
  partnerProfileOptIn: { required: true },
  directoryOptIn: { required: true },
  cohort: { required: false },
};

export const CHECKIN_CONSTRAINT = { code: { required: true } };

export const PROFILE_CONSTRAINT = {
  name: { required: true },
  profession: PROFESSION,
  hprNumber: { required: false },
  practice: { required: false },
  municipality: { required: false },
  phone: { required: false },
  specialCompetence: { required: false },
  about: { required: false },
  partnerProfileOptIn: { required: true },
  directoryOptIn: { required: true },
  locale: { required: false, pattern: "nb|en" },
  notifyEveningReminders: { required: true },
  notifyPartnerReminders: { required: true },
  notifySurveyReminders: { required: true },
};

export const AGREEMENT_CONSTRAINT = {
  intent: { required: true },
  meetingFormat: { required: true, pattern: "in_person|video|phone|mixed" },
  meetingFrequency: { required: true },
  channels: { required: true, multiple: true },
  "channels[]": { required: true, pattern: "dialogmelding|referral|epikrise|status|phone|other" },
  channelsOther: { required: false },
  responseTime: { required: true },
  firstAppointmentDays: { required: false },
  prioritisation: { required: false },
  contactPersons: { required: true },
  navCollaboration: { required: false },
  targetPatients: { required: false },
  reviewDate: { required: false },
  notes: { required: false },
};

export const CHANGE_PASSWORD_CONSTRAINT = {
  currentPassword: { required: true },
  password: { required: true },
  confirmPassword: { required: true },
};

export const RESET_PASSWORD_CONSTRAINT = { password: { required: true }, confirmPassword: { required: true } };

export const FORGOT_PASSWORD_CONSTRAINT = { email: { required: true } };

export const DELETE_ACCOUNT_CONSTRAINT = { password: { required: true }, confirm: { required: true } };
