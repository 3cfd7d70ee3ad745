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
