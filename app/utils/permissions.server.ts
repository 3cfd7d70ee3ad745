/**
 * The one place that decides who may do what. Every loader and action that needs a role calls one
 * of these; they throw a redirect (not logged in) or a 403/404 response (logged in, not allowed).
 */
import { redirect } from "react-router";
import { and, eq, sql } from "drizzle-orm";
import { preparedQuery } from "../../db/prepared";
import { cohortOrganisers } from "../../db/schema";
import { getSessionUser, type SessionUser } from "./auth.server";
import { isConfirmedParticipant } from "../models/registration.server";
import { getCohortBySlug } from "../models/cohorts/pages.server";
import { getCertificate } from "../models/certificates.server";
import { getPartnership, partnerPageCohort } from "../models/pairing/partnerships.server";
import { isActiveMember } from "../models/agreements.server";
import { mayContact } from "../models/network.server";

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

/** A member of the network (is or was a confirmed participant of a course): offers in the network. */
export async function requireNetworkMember(request: Request) {
  const user = await requireUser(request);
  if (!mayContact(user)) forbidden();
  return user;
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

/** A partnership's agreement: its current members and the cohort's organisers and admins; 404 for an unknown id, else 403. */
export async function requireAgreementAccess(request: Request, partnershipId: number) {
  const user = await requireUser(request);
  if (!Number.isInteger(partnershipId) || partnershipId <= 0) notFound();
  const partnership = getPartnership(partnershipId);
  if (!partnership) notFound();
  const member = isActiveMember(partnershipId, user.id);
  const organiser = isOrganiserOf(user, partnership.cohortId);
  if (!member && !organiser) forbidden();
  return { user, partnership, member, organiser };
}

/**
 * A partnership's collaboration log: its current members only. Organisers and admins who are not members
 * get 403 like anyone else (they see per-cohort figures instead); an unknown id is 404.
 */
export async function requireCollaborationLogAccess(request: Request, partnershipId: number) {
  const user = await requireUser(request);
  if (!Number.isSafeInteger(partnershipId) || partnershipId <= 0) notFound();
  const partnership = getPartnership(partnershipId);
  if (!partnership) notFound();
  if (!isActiveMember(partnershipId, user.id)) forbidden();
  return { user, partnership };
}

/** Pages for organisers of any cohort (and admins), such as creating a cohort; 403 for anyone else. */
export async function requireAnyOrganiser(request: Request) {
  const user = await requireUser(request);
  if (!isAnyOrganiser(user)) forbidden();
  return user;
}

/**
 * A cohort's public page: a published cohort for anyone, a draft only for its organisers and admins
 * (404 for others, so a draft does not reveal that it exists). `organiser` says whether the viewer is one.
 */
export async function requireVisibleCohort(request: Request, slug: string) {
  const cohort = getCohortBySlug(slug);
  if (!cohort) notFound();
  const user = await getSessionUser(request);
  const organiser = !!user && isOrganiserOf(user, cohort.id);
  if (cohort.status === "draft" && !organiser) notFound();
  return { cohort, user, organiser };
}

/** A certificate: for its owner, the cohort's organisers and admins; 404 for anyone else and for a bad id. */
export async function requireCertificateAccess(request: Request, id: number) {
  const user = await requireUser(request);
  if (!Number.isSafeInteger(id)) notFound();
  const certificate = getCertificate(id);
  if (!certificate || (certificate.userId !== user.id && !isOrganiserOf(user, certificate.cohortId))) notFound();
  return { user, certificate };
}
