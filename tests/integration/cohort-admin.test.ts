import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { auditLog, cohortOrganisers, emailOutbox, evenings, learningGoals, sites, templateEvenings } from "../../db/schema";
import { addOrganiser, CohortError, createCohortFromTemplate, removeOrganiser, setEveningCancelled, updateCohort, updateEvening } from "../../app/models/cohorts/admin.server";
import { getCohortDetails, listOrganisedCohorts } from "../../app/models/cohorts/pages.server";
import { formatEveningTime, formatTime } from "../../app/utils/time";
import { createCohort, createUser, register } from "../helpers/factories";
import { signUp } from "../../app/models/registration.server";

function ensureTemplate() {
  const db = getDb();
  createCohort(db); // makes the template and the test site
  const tpl = db.select().from(templateEvenings).all();
  if (tpl.length === 0) {
    const templateId = db.query.courseTemplates.findFirst().sync()!.id;
    ["Roller", "Henvisning", "Pasientforløp", "Samarbeidsavtale", "Veien videre"].forEach((theme, i) =>
      db.insert(templateEvenings).values({ templateId, number: i + 1, theme }).run(),
    );
    db.insert(learningGoals).values({ templateId, position: 1, text: "Kjenne hverandres roller" }).run();
  }
  return db.select().from(sites).get()!;
}

const baseInput = (siteId: number, slug: string) => ({
  title: "Knutepunkt Testby 2027",
  slug,
  siteId,
  venue: "Rådhuset",
  description: "Et kurs.",
  opensOn: "2026-10-01",
  closesOn: "2027-01-20",
  capacityGp: 20,
  capacityPhysio: 40,
  capacityOther: 0,
});

describe("creating and editing cohorts", () => {
  it("creates five evenings from the template at 17:00–20:00 Oslo time, in CET and CEST", async () => {
    const site = ensureTemplate();
    const organiser = await createUser(getDb(), { profession: "gp" });
    const cohort = createCohortFromTemplate(
      { ...baseInput(site.id, "testby-2027"), eveningDates: ["2027-01-28", "2027-03-11", "2027-05-06", "2027-06-10", "2027-09-16"] },
      organiser.id,
    );
    const details = getCohortDetails(cohort.id)!;
    expect(details.evenings.map((e) => e.theme)).toEqual(["Roller", "Henvisning", "Pasientforløp", "Samarbeidsavtale", "Veien videre"]);
    // January is CET (UTC+1), May is CEST (UTC+2): both are 17.00 on the wall clock.
    expect(details.evenings[0]!.startsAt.toISOString()).toBe("2027-01-28T16:00:00.000Z");
    expect(details.evenings[2]!.startsAt.toISOString()).toBe("2027-05-06T15:00:00.000Z");
    expect(formatTime(details.evenings[0]!.startsAt)).toBe("17.00");
    expect(formatTime(details.evenings[2]!.startsAt)).toBe("17.00");
    expect(formatEveningTime(details.evenings[2]!.startsAt, details.evenings[2]!.endsAt)).toBe("6. mai 2027, 17.00–20.00");
    expect(getDb().select().from(cohortOrganisers).where(eq(cohortOrganisers.cohortId, cohort.id)).all().map((o) => o.userId)).toEqual([organiser.id]);
    expect(listOrganisedCohorts({ id: organiser.id, isAdmin: false }).map((c) => c.slug)).toEqual(["testby-2027"]);
    expect(() => createCohortFromTemplate({ ...baseInput(site.id, "testby-2027"), eveningDates: [] }, organiser.id)).toThrow(CohortError);
  });

  it("an evening edited to 17:00 in May is stored as 15:00Z; every change bumps the revision and is audited; participants are told", async () => {
    ensureTemplate();
    const db = getDb();
    const organiser = await createUser(db);
    // Evening 1 moves to May: still before evening 2 (the evenings stay in order).
    const { cohort, evenings: [first] } = createCohort(db, { organiserIds: [organiser.id], eveningDates: ["2027-01-28", "2027-09-16"] });
    const participant = await createUser(db, { profession: "physio" });
    register(db, cohort.id, participant, "confirmed");
    const goal = db.select().from(learningGoals).get()!;
    const updated = await updateEvening(
      { cohortId: cohort.id, eveningId: first!.id },
      {
        date: "2027-05-06",
        startTime: "17:00",
        endTime: "20:00",
        venue: "Nytt lokale",
        theme: "Roller",
        content: "## Program",
        selfStudyTask: "Les kapittel 2",
        materials: [{ title: "Veileder", url: "https://example.no/veileder" }],
        learningGoalIds: [goal.id],
        changeNote: "Flyttet til mai",
      },
      organiser.id,
    );
    expect(updated.startsAt.toISOString()).toBe("2027-05-06T15:00:00.000Z");
    expect(updated.revision).toBe(first!.revision + 1);
    const details = getCohortDetails(cohort.id)!;
    expect(details.evenings[0]!.materials.map((m) => m.url)).toEqual(["https://example.no/veileder"]);
    expect(details.evenings[0]!.goalIds).toEqual([goal.id]);
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, participant.email)).all().at(-1)!;
    expect(mail.kind).toBe("evening-changed");
    expect(mail.textBody).toContain("6. mai 2027, 17.00–20.00");
    expect(mail.textBody).toContain("Flyttet til mai");

    const cancelled = await setEveningCancelled({ cohortId: cohort.id, eveningId: first!.id }, true, "Sykdom hos foreleser", organiser.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.revision).toBe(first!.revision + 2);
    const cancelMail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, participant.email)).all().at(-1)!;
    expect(cancelMail.subject).toBe(`Avlyst: kveld 1 i ${cohort.title}`);
    expect(cancelMail.textBody).toContain("Sykdom hos foreleser");
    const actions = db.select().from(auditLog).where(and(eq(auditLog.cohortId, cohort.id), eq(auditLog.actorUserId, organiser.id))).all().map((a) => a.action);
    expect(actions).toEqual(["evening.rescheduled", "evening.cancelled"]);
    expect(db.select().from(evenings).where(eq(evenings.id, first!.id)).get()!.cancelReason).toBe("Sykdom hos foreleser");
  });

  it("rejects an end before the start and a slug in use", async () => {
    const site = ensureTemplate();
    const db = getDb();
    const organiser = await createUser(db);
    const { cohort, evenings: [first] } = createCohort(db, { organiserIds: [organiser.id], slug: "a-slug" });
    createCohort(db, { slug: "b-slug" });
    await expect(
      updateEvening({ cohortId: cohort.id, eveningId: first!.id }, { date: "2027-01-28", startTime: "20:00", endTime: "17:00", venue: "", theme: "x", content: "", selfStudyTask: "", materials: [], learningGoalIds: [] }, organiser.id),
    ).rejects.toThrow("registration.errors.endBeforeStart");
    await expect(updateCohort(cohort.id, { ...baseInput(site.id, "b-slug") }, organiser.id)).rejects.toThrow("registration.errors.slugTaken");
  });

  it("editing a cohort saves the window in Oslo time and gives new places to the waiting list", async () => {
    const site = ensureTemplate();
    const db = getDb();
    const organiser = await createUser(db);
    const { cohort } = createCohort(db, { organiserIds: [organiser.id], capacityGp: 1, slug: "edit-me" });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createUser(db, { profession: "gp" })));
    for (const u of [a, b, c]) await signUp(cohort.id, u!.id, { now: new Date("2026-12-01T10:00:00Z") });
    const saved = await updateCohort(cohort.id, { ...baseInput(site.id, "edit-me-2"), capacityGp: 2, closesOn: "2027-01-20" }, organiser.id);
    expect(saved.slug).toBe("edit-me-2");
    expect(saved.capacityGp).toBe(2);
    expect(saved.registrationOpensAt!.toISOString()).toBe("2026-09-30T22:00:00.000Z"); // 1 October 00:00 CEST
    expect(saved.registrationClosesAt!.toISOString()).toBe("2027-01-20T22:59:00.000Z"); // 20 January 23:59 CET
    const promoted = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, b!.email)).all().at(-1)!;
    expect(promoted.kind).toBe("registration-promoted");
    expect(db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, c!.email)).all().at(-1)!.kind).toBe("registration-waitlisted");
    const actions = db.select().from(auditLog).where(eq(auditLog.cohortId, cohort.id)).all().map((x) => x.action);
    expect(actions).toContain("cohort.updated");
    expect(actions).toContain("registration.promoted");
  });

  it("adds and removes organisers, but never the last one", async () => {
    ensureTemplate();
    const db = getDb();
    const a = await createUser(db);
    const b = await createUser(db);
    const { cohort } = createCohort(db, { organiserIds: [a.id] });
    addOrganiser(cohort.id, b.email.toUpperCase(), a.id);
    expect(() => addOrganiser(cohort.id, "finnes.ikke@example.no", a.id)).toThrow("registration.errors.userUnknown");
    removeOrganiser(cohort.id, a.id, b.id);
    expect(() => removeOrganiser(cohort.id, b.id, b.id)).toThrow("registration.errors.lastOrganiser");
    expect(db.select().from(cohortOrganisers).where(eq(cohortOrganisers.cohortId, cohort.id)).all().map((o) => o.userId)).toEqual([b.id]);
  });
});
