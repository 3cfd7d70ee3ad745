/** The cohort lifecycle, the evening date rules, attendance for held evenings only, complete template evenings, slugs. */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { attendance, courseTemplates, evenings as eveningsTable, learningGoals, sites, templateEveningGoals, templateEvenings } from "../../db/schema";
import { CohortError, createCohortFromTemplate, isSlugAvailable, updateEvening } from "../../app/models/cohorts/admin.server";
import { cohortPhase, newEveningsError, publishCohort, PublishError, publishProblems, setArchived } from "../../app/models/cohorts/lifecycle.server";
import { listPublishedCohorts } from "../../app/models/cohorts/catalogue.server";
import { getCohortBySlug, getCohortDetails, myActiveCohorts, notFinished } from "../../app/models/cohorts/pages.server";
import { RegistrationError, signUp } from "../../app/models/registration.server";
import { signUpClosesAt } from "../../app/models/registration-window";
import { AttendanceNotOpenError, attendanceOverview, checkInWithCode, ensureCheckinCode, recordRollCall } from "../../app/models/attendance.server";
import { computeCohortCredits } from "../../app/models/credits.server";
import { suggestSlug } from "../../app/utils/slug";
import { osloDateTimeToInstant } from "../../app/utils/time";
import { createCohort, createUser, register } from "../helpers/factories";

const at = (date: string, time = "12:00") => osloDateTimeToInstant(date, time);
const DATES = ["2098-01-27", "2098-03-10", "2098-04-28", "2098-06-09", "2098-09-15"];

/** A template with five complete evenings (theme, programme, self-study task, goals), and the test site. */
function ensureTemplate() {
  const db = getDb();
  createCohort(db, { eveningDates: [] }); // makes the template and the test site
  const template = db.select().from(courseTemplates).get()!;
  if (db.select().from(templateEvenings).all().length === 0) {
    const goals = ["Roller", "Kommunikasjon", "Mestring"].map((text, i) =>
      db.insert(learningGoals).values({ templateId: template.id, position: i + 1, text }).returning().get(),
    );
    for (let i = 0; i < 5; i++) {
      const model = db
        .insert(templateEvenings)
        .values({ templateId: template.id, number: i + 1, theme: `Tema ${i + 1}`, content: `## Program ${i + 1}`, selfStudyTask: `Egenarbeid ${i + 1}` })
        .returning()
        .get();
      db.insert(templateEveningGoals).values({ templateEveningId: model.id, learningGoalId: goals[i % 3]!.id }).run();
    }
  }
  return { site: db.select().from(sites).get()!, goals: db.select().from(learningGoals).all() };
}

const input = (siteId: number, slug: string) => ({
  title: "Knutepunkt Stjørdal Høst 2098",
  slug,
  siteId,
  venue: "Kulturhuset",
  description: "Et kurs.",
  capacityGp: 20,
  capacityPhysio: 40,
  capacityOther: 0,
});

describe("a new cohort", () => {
  it("is a draft made of complete template evenings: theme, programme, self-study task and learning goals, editable afterwards", async () => {
    const { site, goals } = ensureTemplate();
    const org = await createUser(getDb());
    const cohort = createCohortFromTemplate({ ...input(site.id, "stjordal-2098"), eveningDates: DATES }, org.id);
    expect(cohort.status).toBe("draft");
    const details = getCohortDetails(cohort.id)!;
    expect(details.evenings.map((e) => [e.theme, e.content, e.selfStudyTask])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`Tema ${n}`, `## Program ${n}`, `Egenarbeid ${n}`]),
    );
    expect(details.evenings.map((e) => e.goalIds)).toEqual([0, 1, 2, 0, 1].map((i) => [goals[i]!.id]));
    // Editable afterwards: the cohort's evening is its own copy.
    const first = details.evenings[0]!;
    await updateEvening(
      { cohortId: cohort.id, eveningId: first.id },
      { date: DATES[0]!, startTime: "17:00", endTime: "20:00", venue: "", theme: "Eget tema", content: "Eget program", selfStudyTask: "", materials: [], learningGoalIds: [] },
      org.id,
    );
    expect(getCohortDetails(cohort.id)!.evenings[0]).toMatchObject({ theme: "Eget tema", content: "Eget program", goalIds: [] });
    expect(db().select().from(templateEvenings).where(eq(templateEvenings.number, 1)).get()!.content).toBe("## Program 1");
  });

  it("is invisible to the open-course lists until published, and publishing names what is missing", async () => {
    const { site } = ensureTemplate();
    const org = await createUser(getDb());
    const now = at("2097-12-01");
    const cohort = createCohortFromTemplate({ ...input(site.id, "publish-me"), eveningDates: DATES }, org.id, now);
    expect(listPublishedCohorts(50, now).rows.map((c) => c.slug)).not.toContain("publish-me");
    expect(cohortPhase(getCohortBySlug("publish-me")!, getCohortDetails(cohort.id)!.evenings, now)).toBe("draft");

    // Evening 2 without a programme and no venue anywhere: publishing refuses and says why.
    const second = getCohortDetails(cohort.id)!.evenings[1]!;
    db().update(eveningsTable).set({ content: "", venue: "" }).where(eq(eveningsTable.id, second.id)).run();
    db().update(eveningsTable).set({ status: "cancelled" }).where(and(eq(eveningsTable.cohortId, cohort.id), eq(eveningsTable.number, 5))).run();
    const problems = publishProblems(cohort.id).map((p) => [p.key, p.values]);
    expect(problems).toEqual([
      ["lifecycle.publish.missing.evenings", { expected: 5, count: 4 }],
      ["lifecycle.publish.missing.content", { n: 2 }],
    ]);
    expect(() => publishCohort(cohort.id, org.id)).toThrow(PublishError);
    expect(getCohortBySlug("publish-me")!.status).toBe("draft");

    db().update(eveningsTable).set({ content: "## Program", status: "scheduled" }).where(eq(eveningsTable.cohortId, cohort.id)).run();
    publishCohort(cohort.id, org.id);
    expect(getCohortBySlug("publish-me")!.status).toBe("published");
    expect(listPublishedCohorts(50, now).rows.map((c) => c.slug)).toContain("publish-me");
    setArchived(cohort.id, true, org.id);
    expect(listPublishedCohorts(50, now).rows.map((c) => c.slug)).not.toContain("publish-me");
  });
});

describe("sign-up closes and finished courses leave", () => {
  it("sign-up closes when evening 1 starts, or evening 2 with late registration; the register action refuses after", async () => {
    const db = getDb();
    const { cohort, evenings } = createCohort(db, { eveningDates: DATES, registrationClosesAt: null, capacityGp: 10 });
    expect(signUpClosesAt(cohort, evenings)).toEqual(evenings[0]!.startsAt);
    const [early, late, later] = await Promise.all([1, 2, 3].map(() => createUser(db)));
    await signUp(cohort.id, early!.id, { now: at("2098-01-27", "16:59") });
    await expect(signUp(cohort.id, late!.id, { now: at("2098-01-27", "17:00") })).rejects.toThrow(RegistrationError);
    await expect(signUp(cohort.id, late!.id, { now: at("2098-01-27", "17:00") })).rejects.toThrow("registration.errors.closed");

    const { cohort: lateOne, evenings: lateEvenings } = createCohort(db, { eveningDates: DATES, registrationUntilEvening: 2, capacityGp: 10 });
    expect(signUpClosesAt(lateOne, lateEvenings)).toEqual(lateEvenings[1]!.startsAt);
    expect((await signUp(lateOne.id, late!.id, { now: at("2098-02-01") })).registration.status).toBe("confirmed");
    await expect(signUp(lateOne.id, later!.id, { now: at("2098-03-10", "17:00") })).rejects.toThrow("registration.errors.closed");
    // An earlier closing date set by the organiser still wins.
    expect(signUpClosesAt({ ...lateOne, registrationClosesAt: at("2098-01-01") }, lateEvenings)).toEqual(at("2098-01-01"));
  });

  it("a cohort whose evenings are all past is not open for sign-up anywhere, and its partner to-dos are gone", async () => {
    const db = getDb();
    const past = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"];
    const { cohort } = createCohort(db, { title: "Ferdig kurs", eveningDates: past, registrationClosesAt: null });
    const gp = await createUser(db);
    expect(listPublishedCohorts(50).rows.map((c) => c.id)).not.toContain(cohort.id);
    await expect(signUp(cohort.id, gp.id)).rejects.toThrow("registration.errors.closed");
    const details = getCohortDetails(cohort.id)!;
    expect(cohortPhase(cohort, details.evenings)).toBe("finished");

    register(db, cohort.id, gp);
    const { cohort: running } = createCohort(db, { eveningDates: ["2025-01-09", "2099-01-08"] });
    register(db, running.id, gp);
    expect(notFinished(myActiveCohorts(gp.id)).map((c) => c.cohortId)).toEqual([running.id]);
  });
});

describe("evening date rules", () => {
  it("new evenings: in order, on separate days, none in the past, with the field that is wrong", () => {
    const now = at("2097-12-01");
    const times = (dates: string[]) =>
      dates.map((d, i) => ({ field: `date${i + 1}`, startsAt: osloDateTimeToInstant(d, "17:00"), endsAt: osloDateTimeToInstant(d, "20:00") }));
    expect(newEveningsError(times(DATES), now)).toBeNull();
    expect(newEveningsError(times(["2098-03-10", "2098-01-27"]), now)).toEqual({ field: "date2", messageKey: "lifecycle.dates.beforePrevious" });
    expect(newEveningsError(times(["2098-01-27", "2098-01-27"]), now)).toEqual({ field: "date2", messageKey: "lifecycle.dates.sameDay" });
    expect(newEveningsError(times(["2097-11-30", "2098-01-27"]), now)).toEqual({ field: "date1", messageKey: "lifecycle.dates.inPast" });
  });

  it("creating a cohort with evenings out of order is refused next to the date", async () => {
    const { site } = ensureTemplate();
    const org = await createUser(getDb());
    const swapped = [DATES[1]!, DATES[0]!, ...DATES.slice(2)];
    const error = (() => {
      try {
        createCohortFromTemplate({ ...input(site.id, "out-of-order"), eveningDates: swapped }, org.id);
      } catch (e) {
        return e;
      }
    })() as CohortError;
    expect(error).toBeInstanceOf(CohortError);
    expect([error.field, error.messageKey]).toEqual(["date2", "lifecycle.dates.beforePrevious"]);
    expect(getCohortBySlug("out-of-order")).toBeUndefined();
  });

  it("moving an evening: not before the one before it, not onto its day, not a future one into the past; a past one may be corrected", async () => {
    const db = getDb();
    const org = await createUser(db);
    const { cohort, evenings } = createCohort(db, { eveningDates: ["2097-01-10", "2097-02-07", "2097-03-07"] });
    const move = (i: number, date: string, now: Date, startTime = "17:00") =>
      updateEvening(
        { cohortId: cohort.id, eveningId: evenings[i]!.id },
        { date, startTime, endTime: "20:00", venue: "", theme: "T", content: "", selfStudyTask: "", materials: [], learningGoalIds: [] },
        org.id,
        now,
      );
    const before = at("2097-01-01");
    await expect(move(1, "2097-01-09", before)).rejects.toThrow("lifecycle.dates.beforePrevious");
    await expect(move(1, "2097-01-10", before, "18:00")).rejects.toThrow("lifecycle.dates.sameDay");
    await expect(move(1, "2097-03-08", before)).rejects.toThrow("lifecycle.dates.afterNext");
    await expect(move(1, "2096-12-20", before)).rejects.toThrow("lifecycle.dates.inPast");
    expect(db.select().from(eveningsTable).where(eq(eveningsTable.id, evenings[1]!.id)).get()!.revision).toBe(0);
    // After evening 1 was held its record may be corrected (it started at 17:30), still in the past.
    const corrected = await move(0, "2097-01-10", at("2097-01-20"), "17:30");
    expect(corrected.startsAt).toEqual(osloDateTimeToInstant("2097-01-10", "17:30"));
  });
});

describe("attendance for held evenings only", () => {
  it("roll call and self check-in open 60 minutes before the start; before it, refused with when it opens", async () => {
    const db = getDb();
    const org = await createUser(db);
    const gp = await createUser(db);
    const { cohort, evenings } = createCohort(db, { eveningDates: ["2098-01-27", "2098-03-10"], organiserIds: [org.id] });
    register(db, cohort.id, gp);
    const e = evenings[0]!;
    const mark = (now: Date) => recordRollCall({ evening: e, userId: gp.id, status: "present", recordedByUserId: org.id, now });
    expect(() => mark(at("2098-01-27", "15:59"))).toThrow(AttendanceNotOpenError);
    expect(() => mark(at("2097-12-01"))).toThrow(AttendanceNotOpenError);
    expect(db.select().from(attendance).all()).toEqual([]);
    expect(mark(at("2098-01-27", "16:00"))).toMatchObject({ status: "present" });
    const code = ensureCheckinCode(evenings[1]!.id);
    expect(checkInWithCode(code, gp.id, at("2098-03-10", "15:59"))).toMatchObject({ ok: false, reason: { key: "attendance.checkin.errors.tooEarly" } });
    expect(checkInWithCode(code, gp.id, at("2098-03-10", "16:00"))).toMatchObject({ ok: true });
  });

  it("the overview, the credits preview and the dashboard count held evenings only, and agree", async () => {
    const db = getDb();
    const org = await createUser(db);
    const gp = await createUser(db);
    const { cohort, evenings } = createCohort(db, { eveningDates: ["2098-01-27", "2098-03-10"], organiserIds: [org.id] });
    register(db, cohort.id, gp);
    // A row for an evening not yet held (as older versions let an organiser write) counts nowhere.
    db.insert(attendance).values({ eveningId: evenings[1]!.id, userId: gp.id, status: "present", minutes: 180, source: "rollcall" }).run();
    const before = attendanceOverview(cohort, at("2098-01-01"));
    expect([before.started, before.finished, before.pastCount]).toEqual([0, 0, 0]);
    expect(computeCohortCredits(cohort.id, { now: at("2098-01-01") })[0]).toMatchObject({ attendedHours: 0 });
    recordRollCall({ evening: evenings[0]!, userId: gp.id, status: "present", recordedByUserId: org.id, now: at("2098-01-27", "17:00") });
    const during = attendanceOverview(cohort, at("2098-02-01"));
    expect([during.started, during.finished, during.pastCount]).toEqual([1, 1, 1]);
    expect(during.evenings[0]!.attended.gp).toBe(1);
    expect(computeCohortCredits(cohort.id, { now: at("2098-02-01") })[0]).toMatchObject({ attendedHours: 4 });
    const after = attendanceOverview(cohort, at("2098-03-11"));
    expect([after.started, after.finished]).toEqual([1, 1]);
  });
});

describe("slug", () => {
  it("is suggested from the title with æ, ø, å written out, and checked for use", () => {
    expect(suggestSlug("Stjørdal Høst 2027")).toBe("stjordal-host-2027");
    expect(suggestSlug("Ærlig Åpen Øy – kurs!")).toBe("aerlig-apen-oy-kurs");
    const { cohort } = createCohort(getDb(), { slug: "tatt-adresse" });
    expect(isSlugAvailable("tatt-adresse")).toBe(false);
    expect(isSlugAvailable("tatt-adresse", cohort.id)).toBe(true);
    expect(isSlugAvailable("ledig-adresse")).toBe(true);
  });
});

const db = () => getDb();
