/**
 * What each role may do, per route. The authorization matrix test requests every route as every role and
 * compares with this table; docs/access.md is the same table for people.
 */
import type { Db } from "../../db/client";
import { createCohort, createPartnership, createUser, register } from "../helpers/factories";
import fs from "node:fs";
import path from "node:path";
import { calendarFeedTokens, certificates, networkOfferForms, networkOffers, surveyQuestions, surveys, treatmentForms, type cohorts, type evenings, type users } from "../../db/schema";
import { generateToken } from "../../app/utils/crypto.server";
import { feedTokenFor } from "../../app/models/calendar.server";

export const ROLES = [
  "anonymous",
  "participant",
  "otherCohortParticipant",
  "otherPartnershipMember",
  "otherCohortOrganiser",
  "organiser",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

/**
 * public: everyone · user: logged in · cohortMember: confirmed participants of the cohort, its organisers,
 * admins · partnershipMember: members of that partnership, the cohort's organisers, admins ·
 * owner: the person the object belongs to, the cohort's organisers, admins · organiser: the cohort's
 * organisers and admins · organiserAnywhere: anyone who organises some cohort, and admins · admin: admins only.
 */
export type Access = "public" | "user" | "cohortMember" | "partnershipMember" | "owner" | "organiser" | "organiserAnywhere" | "memberOnly" | "networkMember" | "confirmedParticipant" | "admin";

export function allowedRoles(access: Access): Role[] {
  switch (access) {
    case "public":
      return [...ROLES];
    case "user":
      return ROLES.filter((r) => r !== "anonymous");
    case "cohortMember":
      return ["participant", "otherPartnershipMember", "organiser", "admin"];
    case "partnershipMember":
    case "owner":
      return ["participant", "organiser", "admin"];
    case "organiser":
      return ["organiser", "admin"];
    case "memberOnly":
      return ["participant"];
    // Anyone who is or was a confirmed participant of some cohort (offers in the network).
    case "networkMember":
      return ["participant", "otherCohortParticipant", "otherPartnershipMember"];
    case "confirmedParticipant":
      return ["participant", "otherPartnershipMember"];
    case "organiserAnywhere":
      return ["organiser", "otherCohortOrganiser", "admin"];
    case "admin":
      return ["admin"];
  }
}

type UserRow = typeof users.$inferSelect;
export type FixtureInput = {
  db: Db;
  cohortA: typeof cohorts.$inferSelect;
  cohortB: typeof cohorts.$inferSelect;
  eveningsA: (typeof evenings.$inferSelect)[];
  users: Record<"organiserA" | "organiserB" | "admin" | "participant" | "partnerOther" | "participantB", UserRow>;
};
/** Objects the URLs point at: cohort A (the organiser's and participant's), and what later capabilities add. */
export type Fixtures = FixtureInput & Record<string, unknown>;

export type Rule = {
  access: Access;
  url: (f: Fixtures) => string;
  /** Some actions are open to more roles than the page (e.g. log in). */
  postAccess?: Access;
  /** A body for the POST probe (defaults to empty). */
  probeBody?: string;
  actionOnly?: boolean;
  noActionProbe?: boolean;
  /** Pages for anonymous visitors only: a logged-in person is sent home, which is not a denial. */
  allowDeniedForAllowed?: boolean;
  skip?: string;
};

const rules: Record<string, Rule> = {
  "routes/_index": { access: "public", url: () => "/" },
  "routes/$": { access: "public", url: () => "/finnes-ikke", allowDeniedForAllowed: true },
  "routes/healthz": { access: "public", url: () => "/healthz" },
  "routes/privacy": { access: "public", url: () => "/privacy" },
  "routes/tilgjengelighet": { access: "public", url: () => "/tilgjengelighet" },
  "routes/courses": { access: "public", url: () => "/courses" },
  "routes/login": { access: "public", url: () => "/login" },
  "routes/signup": { access: "public", url: () => "/signup" },
  "routes/forgot-password": { access: "public", url: () => "/forgot-password" },
  "routes/reset-password.$token": { access: "public", url: () => "/reset-password/ugyldig-token" },
  "routes/language": { access: "public", url: () => "/language" },
  // Logging out as a probe would end the role's session for the rest of the matrix; see auth-rules.test.ts.
  "routes/logout": { access: "public", url: () => "/logout", noActionProbe: true },
  "routes/profile._index": { access: "user", url: () => "/profile" },
  "routes/profile.password": { access: "user", url: () => "/profile/password" },
  "routes/profile.export": { access: "user", url: () => "/profile/export" },
  "routes/profile.delete": { access: "user", url: () => "/profile/delete" },
  "routes/admin._index": { access: "admin", url: () => "/admin" },
  "routes/admin.outbox": { access: "admin", url: () => "/admin/outbox" },
  // attendance, credits, certificates
  "routes/checkin": { access: "user", url: () => "/checkin" },
  "routes/cohorts.$slug.attendance": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/attendance` },
  "routes/cohorts.$slug.attendance[.]svg": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/attendance.svg` },
  "routes/cohorts.$slug.evenings.$n.attendance": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/evenings/1/attendance` },
  "routes/cohorts.$slug.evenings.$n.absence": { access: "confirmedParticipant", url: (f) => `/cohorts/${f.cohortA.slug}/evenings/1/absence` },
  "routes/cohorts.$slug.evenings.$n.checkin-screen": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/evenings/1/checkin-screen` },
  "routes/cohorts.$slug.credits": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/credits` },
  "routes/cohorts.$slug.credits[.]csv": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/credits.csv` },
  "routes/cohorts.$slug.credits[.]xlsx": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/credits.xlsx` },
  "routes/certificates.$id[.]pdf": { access: "owner", url: (f) => `/certificates/${(f.certificate as { id: number }).id}.pdf` },
  "routes/verify.$code": { access: "public", url: (f) => `/verify/${(f.certificate as { verificationCode: string }).verificationCode}` },
  // cohorts and registration
  "routes/cohorts.$slug._index": { access: "public", postAccess: "user", url: (f) => `/cohorts/${f.cohortA.slug}` },
  // Probing the POST would really sign every role up and change the rest of the matrix;
  // the sign-up rules are tested in tests/e2e/registration.test.ts and the integration tests.
  "routes/cohorts.$slug.register": { access: "user", noActionProbe: true, url: (f) => `/cohorts/${f.cohortA.slug}/register` },
  "routes/organiser._index": { access: "organiserAnywhere", url: () => "/organiser" },
  "routes/organiser.cohorts.new": { access: "organiserAnywhere", url: () => "/organiser/cohorts/new" },
  "routes/organiser.meetings.new": { access: "organiserAnywhere", url: () => "/organiser/meetings/new" },
  "routes/organiser.cohorts.slug-available": { access: "organiserAnywhere", url: () => "/organiser/cohorts/slug-available?slug=ledig" },
  "routes/cohorts.$slug.manage": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/manage` },
  "routes/cohorts.$slug.personal-data": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/personal-data` },
  "routes/cohorts.$slug.participants": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/participants` },
  "routes/cohorts.$slug.participants[.]csv": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/participants.csv` },
  "routes/cohorts.$slug.participants[.]xlsx": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/participants.xlsx` },
  // partners, agreements, network
  // ?open= renders a card's request form (components/card-form.tsx), so the hostile-input test reaches it.
  "routes/cohorts.$slug.partners": { access: "cohortMember", url: (f) => `/cohorts/${f.cohortA.slug}/partners?open=${f.users.partnerOther.id}` },
  "routes/cohorts.$slug.matching": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/matching` },
  "routes/cohorts.$slug.messages": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/messages` },
  "routes/cohorts.$slug.summary": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/summary` },
  // Organisers read agreements; only members write and confirm them.
  "routes/partnerships.$id.agreement": { access: "partnershipMember", postAccess: "memberOnly", url: (f) => `/partnerships/${(f.partnership as { id: number }).id}/agreement` },
  "routes/partnerships.$id.agreement_.print": { access: "partnershipMember", url: (f) => `/partnerships/${(f.partnership as { id: number }).id}/agreement/print` },
  "routes/partnerships.$id.agreement[.]pdf": { access: "partnershipMember", url: (f) => `/partnerships/${(f.partnership as { id: number }).id}/agreement.pdf` },
  // The collaboration log is for the partnership's members only; organisers see per-cohort figures.
  "routes/partnerships.$id.log": { access: "memberOnly", url: (f) => `/partnerships/${(f.partnership as { id: number }).id}/log` },
  "routes/cohorts.$slug.collaboration": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/collaboration` },
  "routes/network": { access: "user", url: () => "/network?municipality=Trondheim" },
  "routes/network_.offers._index": { access: "networkMember", url: (f) => `/network/offers?open=${(f.offer as { id: number }).id}` },
  "routes/network_.offers.mine": { access: "networkMember", url: () => "/network/offers/mine" },
  "routes/network_.offers.new": { access: "networkMember", url: () => "/network/offers/new" },
  // Only the owner (the participant) changes an offer; other members get 404.
  "routes/network_.offers.$id": { access: "memberOnly", url: (f) => `/network/offers/${(f.offer as { id: number }).id}` },
  // calendar feeds: public, or guarded by the secret link itself
  "routes/cohorts.$slug.calendar[.]ics": { access: "public", url: (f) => `/cohorts/${f.cohortA.slug}/calendar.ics` },
  "routes/cohorts.$slug.evenings.$n[.]ics": { access: "public", url: (f) => `/cohorts/${f.cohortA.slug}/evenings/1.ics` },
  "routes/calendar.$token[.]ics": { access: "public", url: (f) => `/calendar/${f.feedToken as string}.ics` },
  "routes/calendar._index": { access: "user", url: () => "/calendar" },
  // surveys
  "routes/surveys.$id": { access: "cohortMember", url: (f) => `/surveys/${(f.survey as { id: number }).id}` },
  "routes/cohorts.$slug.surveys._index": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/surveys` },
  "routes/cohorts.$slug.surveys.$id._index": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}` },
  "routes/cohorts.$slug.surveys.$id.results": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}/results` },
  "routes/cohorts.$slug.surveys.$id.results_.respondents": {
    access: "organiser",
    url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}/results/respondents`,
  },
  "routes/cohorts.$slug.surveys.$id.results[.]csv": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}/results.csv` },
  "routes/cohorts.$slug.surveys.$id.results[.]xlsx": { access: "organiser", url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}/results.xlsx` },
  // Chart images: the same access as the pages that show them.
  "routes/cohorts.$slug.surveys.$id.results_.chart.$questionId[.]svg": {
    access: "organiser",
    url: (f) => `/cohorts/${f.cohortA.slug}/surveys/${(f.survey as { id: number }).id}/results/chart/${(f.question as { id: number }).id}.svg`,
  },
};

export const ACCESS = {
  rules,
  /** Creates the objects later routes need (partnerships, certificates, surveys …) and returns them. */
  async __fixtures(input: FixtureInput): Promise<Fixtures> {
    const { db, cohortA, users } = input;
    const certificate = db
      .insert(certificates)
      .values({ cohortId: cohortA.id, userId: users.participant.id, verificationCode: generateToken(), hours: 20 })
      .returning()
      .get();
    // Cohort A: the participant's partnership with a physiotherapist, and another partnership the
    // "member of another partnership" belongs to.
    const physio = await createUser(db, { profession: "physio", name: "Fysio i samarbeidet" });
    const gp2 = await createUser(db, { profession: "gp", name: "Lege i annet samarbeid" });
    register(db, cohortA.id, physio);
    register(db, cohortA.id, gp2);
    const partnership = createPartnership(db, cohortA.id, [users.participant.id, physio.id]);
    createPartnership(db, cohortA.id, [users.partnerOther.id, gp2.id]);
    const now = Date.now();
    const survey = db
      .insert(surveys)
      .values({ cohortId: cohortA.id, title: "Evaluering", opensAt: new Date(now - 86_400_000), closesAt: new Date(now + 30 * 86_400_000) })
      .returning()
      .get();
    const question = db.insert(surveyQuestions).values({ surveyId: survey.id, position: 1, kind: "scale", prompt: "Relevans", required: true }).returning().get();
    // A personal feed link signed with the server's own secret (kept next to its database file).
    const feedId = generateToken(10);
    db.insert(calendarFeedTokens).values({ id: feedId, userId: users.participant.id }).run();
    const secret = fs.readFileSync(path.join(path.dirname(db.$client.name), ".session-secret"), "utf8").trim();
    const feedToken = feedTokenFor(feedId, secret);
    // The participant's offer in the network, made on the server's database (not through getDb()).
    const offer = db
      .insert(networkOffers)
      .values({ userId: users.participant.id, description: "Tilbud i matrisen", municipality: "Trondheim", municipalityKey: "trondheim", contactChannel: "phone", published: true, lastConfirmedAt: new Date() })
      .returning()
      .get();
    db.insert(networkOfferForms).values({ offerId: offer.id, formId: db.select().from(treatmentForms).get()!.id }).run();
    return { ...input, certificate, partnership, survey, question, feedToken, offer };
  },
};

/** The people and objects of the matrix: cohort A (organiser, participant, a member of another partnership), cohort B. */
export async function createAccessFixtures(db: Db) {
  const organiserA = await createUser(db, { name: "Organiser A" });
  const organiserB = await createUser(db, { name: "Organiser B" });
  const admin = await createUser(db, { isAdmin: true, profession: "other" });
  const participant = await createUser(db, { profession: "gp", name: "Deltaker A" });
  const partnerOther = await createUser(db, { profession: "physio", name: "Partner i annet samarbeid" });
  const participantB = await createUser(db, { profession: "physio", name: "Deltaker B" });
  const a = createCohort(db, { organiserIds: [organiserA.id] });
  const b = createCohort(db, { organiserIds: [organiserB.id] });
  register(db, a.cohort.id, participant);
  register(db, a.cohort.id, partnerOther);
  register(db, b.cohort.id, participantB);
  const fixtures = await ACCESS.__fixtures({
    db,
    cohortA: a.cohort,
    cohortB: b.cohort,
    eveningsA: a.evenings,
    users: { organiserA, organiserB, admin, participant, partnerOther, participantB },
  });
  const sessionFor: Record<Role, number | null> = {
    anonymous: null,
    participant: participant.id,
    otherCohortParticipant: participantB.id,
    otherPartnershipMember: partnerOther.id,
    otherCohortOrganiser: organiserB.id,
    organiser: organiserA.id,
    admin: admin.id,
  };
  return { fixtures, sessionFor };
}
