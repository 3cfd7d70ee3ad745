/**
 * Signing up for a course along with creating the account: the course shown on the sign-up form, and the
 * registration made in the same step as the account, so the person lands confirmed or waitlisted.
 */
import { formatEveningTime } from "../../utils/time";
import { getRegistration, RegistrationError, signUp, waitlistPosition } from "../registration.server";
import { registrationWindowState } from "../registration-window";
import { getCohortDetails, getCohortBySlug } from "./pages.server";

/** A published course by slug, with what a person signing up needs to see: title, place and dates. */
export function courseForSignup(slug: string | null | undefined, locale: string, now = new Date()) {
  const found = slug ? getCohortBySlug(slug) : undefined;
  if (!found || found.status === "draft") return null;
  const details = getCohortDetails(found)!;
  return {
    slug: found.slug,
    title: found.title,
    siteName: details.site?.name ?? "",
    venue: found.venue,
    window: registrationWindowState(found, now),
    evenings: details.evenings
      .filter((e) => e.status === "scheduled")
      .map((e) => ({ number: e.number, when: formatEveningTime(e.startsAt, e.endsAt, locale) })),
  };
}

export type JoinResult = { joined: true; slug: string } | { joined: false; slug: string; messageKey: string };

/**
 * Signs a new account up for the course it was created for. A refusal (registration closed, a profession
 * the course takes none of) leaves the account in place and says why.
 */
export async function joinCourseAfterSignup(slug: string, userId: number): Promise<JoinResult | null> {
  const cohort = getCohortBySlug(slug);
  if (!cohort || cohort.status === "draft") return null;
  try {
    await signUp(cohort.id, userId);
    return { joined: true, slug: cohort.slug };
  } catch (error) {
    if (error instanceof RegistrationError) return { joined: false, slug: cohort.slug, messageKey: error.messageKey };
    throw error;
  }
}

/** The person's active registration in a course with their waiting-list place, or null. */
export function activeRegistration(cohortId: number, userId: number) {
  const registration = getRegistration(cohortId, userId);
  if (!registration || (registration.status !== "confirmed" && registration.status !== "waitlisted")) return null;
  return { status: registration.status, position: registration.status === "waitlisted" ? waitlistPosition(cohortId, userId) : null };
}
