/**
 * The one place that decides who may do what. Every loader and action that needs a role calls one
 * of these; they throw a redirect (not logged in) or a 403/404 response (logged in, not allowed).
 */
import { redirect } from "@remix-run/node";
import { and, eq, sql } from "drizzle-orm";
import { preparedQuery } from "../../db/prepared";
import { cohortOrganisers, registrations } from "../../db/schema";
import { getSessionUser, type SessionUser } from "./auth.server";
import { getCohortBySlug } from "../models/cohorts/pages.server";
import { partnerPageCohort } from "../models/pairing/partnerships.server";

export async function getUserId(request: Request) {
  return (await getSessionUser(request))?.id ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/");
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!user.isAdmin) forbidden();
  return user;
}

// The permission checks below run on every cohort page: built once (see db/prepared.ts).
const organiserRow = preparedQuery((db) =>
  db
    .select({ userId: cohortOrganisers.userId })
    .from(cohortOrganisers)
    .where(and(eq(cohortOrganisers.cohortId, sql.placeholder("cohortId")), eq(cohortOrganisers.userId, sql.placeholder("userId"))))
    .prepare(),
);

const confirmedRegistration = preparedQuery((db) =>
  db
    .select({ id: registrations.id })
    .from(registrations)
    .where(
      and(
        eq(registrations.cohortId, sql.placeholder("cohortId")),
        eq(registrations.userId, sql.placeholder("userId")),
        eq(registrations.status, "confirmed"),
      ),
    )
    .prepare(),
);

export function isOrganiserOf(user: Pick<SessionUser, "id" | "isAdmin">, cohortId: number): boolean {
  if (user.isAdmin) return true;
  return !!organiserRow().get({ cohortId, userId: user.id });
}

// The root loader asks this on every logged-in request (the organiser menu).
const cohortsOrganisedBy = preparedQuery((db) =>
  db
    .select({ cohortId: cohortOrganisers.cohortId })
    .from(cohortOrganisers)
    .where(eq(cohortOrganisers.userId, sql.placeholder("userId")))
    .prepare(),
);

export function cohortIdsOrganisedBy(userId: number): number[] {
  return cohortsOrganisedBy()
    .all({ userId })
    .map((r) => r.cohortId);
}

/** Organisers of the cohort and admins. */
export async function requireOrganiser(request: Request, cohortId: number) {
  const user = await requireUser(request);
  if (!isOrganiserOf(user, cohortId)) forbidden();
  return user;
}

/** Resolves a cohort slug for an organiser page: 404 for an unknown slug, 403 for the wrong person. */
export async function requireCohortOrganiser(request: Request, slug: string) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(slug);
  if (!cohort) notFound();
  if (!isOrganiserOf(user, cohort.id)) forbidden();
  return { user, cohort };
}

/** Whether the person organises at least one cohort (decides the navigation). */
export function isAnyOrganiser(user: Pick<SessionUser, "id" | "isAdmin">) {
  return user.isAdmin || cohortIdsOrganisedBy(user.id).length > 0;
}

export function isConfirmedParticipant(userId: number, cohortId: number) {
  return !!confirmedRegistration().get({ cohortId, userId });
}

/**
 * Pages of one cohort for its confirmed participants, its organisers and admins. Anyone else gets a 404,
 * so the page does not even reveal that the object exists.
 */
export async function requireCohortMember(request: Request, cohortId: number) {
  const user = await requireUser(request);
  const organiser = isOrganiserOf(user, cohortId);
  if (!organiser && !isConfirmedParticipant(user.id, cohortId)) notFound();
  return { user, organiser };
}

/**
 * The partner page of a cohort: its confirmed participants and its organisers (and admins). Unknown
 * slug → 404, anyone else → 403, not logged in → the log-in page.
 */
export async function requirePartnerPageAccess(request: Request, slug: string) {
  const user = await requireUser(request);
  const cohort = partnerPageCohort(slug);
  if (!cohort) notFound();
  const participant = isConfirmedParticipant(user.id, cohort.id);
  const organiser = isOrganiserOf(user, cohort.id);
  if (!participant && !organiser) forbidden();
  return { user, cohort, participant, organiser };
}
