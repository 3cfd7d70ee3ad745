import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { cohortAudienceSites, cohorts as cohortsTable, evenings, sites, users } from "../../db/schema";
import { createMeeting, upcomingMeetingsFor } from "../../app/models/meetings/meetings.server";
import { isParticipant, searchDirectory } from "../../app/models/network.server";
import { RegistrationError, signUp } from "../../app/models/registration.server";
import { listPublishedCohorts, openCohortsPageOf } from "../../app/models/cohorts/catalogue.server";
import { myActiveCohorts } from "../../app/models/cohorts/pages.server";
import { publishCohort, publishProblems } from "../../app/models/cohorts/lifecycle.server";
import { partnerPageCohort } from "../../app/models/pairing/partnerships.server";
import { CohortError } from "../../app/models/cohorts/admin.server";
import { cohortFeed, personalFeed } from "../../app/models/calendar.server";
import { emailOutbox } from "../../db/schema";
import { createCohort, createUser, register } from "../helpers/factories";

const NOW = new Date("2027-01-10T12:00:00Z");

function siteNamed(name: string) {
  return getDb().insert(sites).values({ name, slug: name.toLowerCase() }).returning().get();
}

/** A course at `siteId` with an organiser, and a published meeting for `audience` created by that organiser. */
async function setup(audience: "site" | "sites" | "network" = "site", audienceSiteIds: number[] = []) {
  const db = getDb();
  const organiser = await createUser(db, { name: "Ola Arrangør" });
  const { cohort: course } = createCohort(db, { organiserIds: [organiser.id] });
  const meeting = createMeeting(
    {
      title: "Fagdag kne",
      siteId: course.siteId,
      date: "2027-03-04",
      startTime: "12:00",
      endTime: "15:30",
      venue: "Rådhuset, Levanger",
      meetingUrl: null,
      programme: "## Program\n- Artrose",
      description: "",
      capacityGp: 1,
      capacityPhysio: 2,
      capacityOther: 0,
      audience,
      audienceSiteIds,
    },
    { id: organiser.id, isAdmin: false },
    NOW
  );
  publishCohort(meeting.id, organiser.id);
  return { db, organiser, course, meeting };
}

describe("network meetings", () => {
  it("are one-session cohorts of kind meeting, created as drafts with the creator as organiser, times in Oslo", async () => {
    const { db, meeting } = await setup();
    expect(meeting.kind).toBe("meeting");
    const rows = db.select().from(evenings).where(eq(evenings.cohortId, meeting.id)).all();
    expect(rows).toHaveLength(1);
    // 12:00 Oslo in March is 11:00 UTC (winter time).
    expect(rows[0]!.startsAt.toISOString()).toBe("2027-03-04T11:00:00.000Z");
    expect(rows[0]!.endsAt.toISOString()).toBe("2027-03-04T14:30:00.000Z");
    expect(rows[0]!.content).toContain("Artrose");
    expect(publishProblems(meeting.id)).toEqual([]);
  });

  it("needs a venue or a video link, and the creator must organise at the site", async () => {
    const { organiser, course } = await setup();
    const base = {
      title: "Nettverksmøte",
      siteId: course.siteId,
      date: "2027-05-04",
      startTime: "18:00",
      endTime: "20:00",
      venue: "",
      meetingUrl: null,
      programme: "Program",
      description: "",
      capacityGp: 5,
      capacityPhysio: 5,
      capacityOther: 0,
      audience: "site" as const,
      audienceSiteIds: [],
    };
    expect(() => createMeeting(base, { id: organiser.id, isAdmin: false }, NOW)).toThrow(CohortError);
    const online = createMeeting({ ...base, meetingUrl: "https://video.example/rom" }, { id: organiser.id, isAdmin: false }, NOW);
    expect(publishProblems(online.id)).toEqual([]);
    const other = siteNamed("Annensted");
    expect(() => createMeeting({ ...base, venue: "Sal", siteId: other.id }, { id: organiser.id, isAdmin: false }, NOW)).toThrow(CohortError);
  });

  it("lets only network members of the audience sign up, with the cohort's capacity and waiting list", async () => {
    const { db, course, meeting } = await setup("site");
    const member = await createUser(db, { profession: "gp" });
    const member2 = await createUser(db, { profession: "gp" });
    register(db, course.id, member);
    register(db, course.id, member2);
    const outsider = await createUser(db, { profession: "gp" });
    const elsewhere = await createUser(db, { profession: "gp" });
    const { cohort: otherCourse } = createCohort(db, { siteId: siteNamed("Steinkjer").id });
    register(db, otherCourse.id, elsewhere);
    const waitlistedOnly = await createUser(db, { profession: "gp" });
    register(db, course.id, waitlistedOnly, "waitlisted");

    for (const u of [outsider, elsewhere, waitlistedOnly])
      await expect(signUp(meeting.id, u.id, { now: NOW })).rejects.toMatchObject({ code: "notInAudience" });
    expect((await signUp(meeting.id, member.id, { now: NOW })).registration.status).toBe("confirmed");
    // One GP place: the next GP member waits.
    expect((await signUp(meeting.id, member2.id, { now: NOW })).registration.status).toBe("waitlisted");
    expect(new RegistrationError("notInAudience").messageKey).toBe("registration.errors.notInAudience");
  });

  it("for chosen sites or the whole network lets members of those sites in", async () => {
    const db = getDb();
    const steinkjer = siteNamed("Steinkjer2");
    const verdal = siteNamed("Verdal");
    const { cohort: steinkjerCourse } = createCohort(db, { siteId: steinkjer.id });
    const { cohort: verdalCourse } = createCohort(db, { siteId: verdal.id });
    const fromSteinkjer = await createUser(db, { profession: "physio" });
    const fromVerdal = await createUser(db, { profession: "physio" });
    register(db, steinkjerCourse.id, fromSteinkjer);
    register(db, verdalCourse.id, fromVerdal);

    const { meeting: forSites } = await setup("sites", [steinkjer.id]);
    expect(db.select().from(cohortAudienceSites).where(eq(cohortAudienceSites.cohortId, forSites.id)).all()).toHaveLength(1);
    expect((await signUp(forSites.id, fromSteinkjer.id, { now: NOW })).registration.status).toBe("confirmed");
    await expect(signUp(forSites.id, fromVerdal.id, { now: NOW })).rejects.toMatchObject({ code: "notInAudience" });

    const { meeting: forAll } = await setup("network");
    expect((await signUp(forAll.id, fromVerdal.id, { now: NOW })).registration.status).toBe("confirmed");
    const nobody = await createUser(db, { profession: "physio" });
    await expect(signUp(forAll.id, nobody.id, { now: NOW })).rejects.toMatchObject({ code: "notInAudience" });

    expect(upcomingMeetingsFor(fromVerdal.id, {}, NOW).map((m) => m.id)).toEqual([forAll.id]);
    expect(upcomingMeetingsFor(fromSteinkjer.id, {}, NOW).map((m) => m.id).sort()).toEqual([forSites.id, forAll.id].sort());
    expect(upcomingMeetingsFor(nobody.id, {}, NOW)).toEqual([]);
    expect(upcomingMeetingsFor(fromSteinkjer.id, { municipality: "levanger" }, NOW)).toHaveLength(2);
    expect(upcomingMeetingsFor(fromSteinkjer.id, { municipality: "Stjørdal" }, NOW)).toEqual([]);
    expect(upcomingMeetingsFor(fromSteinkjer.id, {}, new Date("2027-03-05T00:00:00Z"))).toEqual([]);
  });

  it("do not make anyone a network member: a meeting place lists nobody in the directory", async () => {
    const { db, course, meeting } = await setup("network");
    const member = await createUser(db, { profession: "physio", directoryOptIn: true });
    register(db, course.id, member);
    // An organiser moving someone in is another path into "confirmed": the triggers must hold for it too.
    const guest = await createUser(db, { profession: "physio", directoryOptIn: true, name: "Gjest Gjestesen" });
    register(db, meeting.id, guest);
    expect(isParticipant(guest.id)).toBe(false);
    expect(db.select().from(users).where(eq(users.id, guest.id)).get()!.directoryListed).toBe(false);
    db.update(users).set({ directoryOptIn: false }).where(eq(users.id, guest.id)).run();
    db.update(users).set({ directoryOptIn: true }).where(eq(users.id, guest.id)).run();
    expect(db.select().from(users).where(eq(users.id, guest.id)).get()!.directoryListed).toBe(false);
    expect(searchDirectory({ q: "Gjest" }).total).toBe(0);

    await signUp(meeting.id, member.id, { now: NOW });
    expect(isParticipant(member.id)).toBe(true);
    expect(db.select().from(users).where(eq(users.id, member.id)).get()!.directoryListed).toBe(true);
  });

  it("stay out of the course lists: catalogue, my courses, partner pages", async () => {
    const { db, course, meeting } = await setup("network");
    const member = await createUser(db, { profession: "gp" });
    register(db, course.id, member);
    await signUp(meeting.id, member.id, { now: NOW });
    const listed = openCohortsPageOf({}, NOW).rows.map((r) => r.id);
    expect(listed).toContain(course.id);
    expect(listed).not.toContain(meeting.id);
    expect(listPublishedCohorts(10, NOW).rows.map((r) => r.id)).not.toContain(meeting.id);
    expect(myActiveCohorts(member.id).map((c) => c.cohortId)).toEqual([course.id]);
    expect(partnerPageCohort(course.slug)).toBeTruthy();
    expect(partnerPageCohort(meeting.slug)).toBeUndefined();
  });

  it("put the video link in the confirmed participant's calendar (feed and confirmation), not in the public feed", async () => {
    const { db, course, meeting } = await setup("site");
    db.update(cohortsTable).set({ meetingUrl: "https://video.example/fagdag" }).where(eq(cohortsTable.id, meeting.id)).run();
    const member = await createUser(db, { profession: "physio" });
    register(db, course.id, member);
    await signUp(meeting.id, member.id, { now: NOW });
    const feed = (await personalFeed(member.id, "https://kp.test"))!.body;
    expect(feed).toContain("SUMMARY:Fagdag kne");
    expect(feed).toContain("URL;VALUE=URI:https://video.example/fagdag");
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.userId, member.id)).all().find((m) => m.kind === "registration-confirmed")!;
    expect(mail.attachments?.[0]?.content).toContain("https://video.example/fagdag");
    const pub = (await cohortFeed(meeting.slug, "https://kp.test"))!.body;
    expect(pub).toContain("SUMMARY:Fagdag kne");
    expect(pub).not.toContain("video.example");
  });
});
