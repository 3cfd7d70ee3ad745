/** The dialogue-meeting format: a questionnaire that closes when the meeting starts, answers grouped per table, the summary for attendees. */
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { attendance, emailOutbox, surveys, type AttendanceStatus } from "../../db/schema";
import { createPreMeetingSurvey, createSurvey, getSurvey, listQuestions, setGroupingQuestion, updateQuestion, updateSurvey } from "../../app/models/surveys/editor.server";
import { answerState } from "../../app/models/surveys/invitations.server";
import { openSealedAnswers, submitResponse } from "../../app/models/surveys/answering.server";
import { remindOpenSurveys, sendSurveyInvitations } from "../../app/models/surveys/reminders.server";
import { getGroupedResults } from "../../app/models/surveys/grouping.server";
import { SurveyError } from "../../app/models/surveys/rules";
import { setEveningCancelled, updateEvening } from "../../app/models/cohorts/admin.server";
import { publishCohortSummary, saveCohortSummary, summaryFor } from "../../app/models/cohort-summary.server";
import { osloDateTimeToInstant } from "../../app/utils/time";
import * as cohortPage from "../../app/routes/cohorts.$slug._index";
import * as resultsRoute from "../../app/routes/cohorts.$slug.surveys.$id.results";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const DAY = 86_400_000;
const FIRST = osloDateTimeToInstant("2027-01-28", "17:00");
const SECOND = osloDateTimeToInstant("2027-03-11", "17:00");

async function meeting(n: number) {
  const db = getDb();
  const organiser = await createUser(db, { name: "Org Anisator" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [organiser.id], capacityGp: 50, capacityPhysio: 50 });
  const people = [];
  for (let i = 0; i < n; i++) {
    const u = await createUser(db, { profession: i % 2 ? "gp" : "physio", name: `Deltaker ${i}` });
    register(db, cohort.id, u, "confirmed");
    people.push(u);
  }
  return { db, organiser, cohort, evenings, people };
}

function expectSurveyError(fn: () => unknown, code: string) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(SurveyError);
  expect((caught as SurveyError).code).toBe(code);
}

describe("pre-meeting questionnaire", () => {
  it("is answerable until the first evening starts, then closed, and no reminder goes out after", async () => {
    const { cohort, people } = await meeting(2);
    const opensAt = new Date(FIRST.getTime() - 5 * DAY);
    const survey = createSurvey(
      { cohortId: cohort.id, title: "Før møtet", preMeeting: true, opensAt, closesAt: new Date(FIRST.getTime() + 30 * DAY) },
      [{ kind: "text", prompt: "Hva vil du ta opp?" }]
    );
    expect(survey.closesAt.getTime()).toBe(FIRST.getTime());
    const q = listQuestions(survey.id)[0]!;
    const answer = new Map([[q.id, { text: "Henvisninger" }]]);

    expect(answerState(survey, people[0]!.id, new Date(FIRST.getTime() - 1)).state).toBe("open");
    expect(answerState(survey, people[0]!.id, FIRST).state).toBe("closed");
    expectSurveyError(() => submitResponse(survey.id, people[0]!, answer, FIRST), "surveys.errors.closed");
    expect(submitResponse(survey.id, people[1]!, answer, new Date(FIRST.getTime() - 60_000)).ok).toBe(true);

    // Invited two days before: the three-day reminder would fall after the start of the meeting.
    await sendSurveyInvitations(survey.id, new Date(FIRST.getTime() - 2 * DAY), "http://localhost");
    expect(await remindOpenSurveys(new Date(FIRST.getTime() - 1), "http://localhost")).toBe(0);
    expect(await remindOpenSurveys(new Date(FIRST.getTime() + 1 * DAY + 1), "http://localhost")).toBe(0);
    const reminders = getDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.kind, "survey-reminder"), eq(emailOutbox.userId, people[0]!.id)))
      .all();
    expect(reminders).toHaveLength(0);
  });

  it("follows the first evening when it moves or is cancelled, and cannot exist without an evening", async () => {
    const { db, organiser, cohort, evenings } = await meeting(1);
    const survey = createSurvey({ cohortId: cohort.id, title: "Før", preMeeting: true, opensAt: new Date("2026-01-01"), closesAt: new Date("2026-01-02") });
    const read = () => db.select().from(surveys).where(eq(surveys.id, survey.id)).get()!;
    const e1 = evenings[0]!;
    await updateEvening(
      { cohortId: cohort.id, eveningId: e1.id },
      { date: "2027-01-29", startTime: "18:00", endTime: "20:00", venue: e1.venue, theme: e1.theme, content: "", selfStudyTask: "", materials: [], learningGoalIds: [] },
      organiser.id,
      new Date("2026-06-01")
    );
    expect(read().closesAt.getTime()).toBe(osloDateTimeToInstant("2027-01-29", "18:00").getTime());
    await setEveningCancelled({ cohortId: cohort.id, eveningId: e1.id }, true, "Sykdom", organiser.id);
    expect(read().closesAt.getTime()).toBe(SECOND.getTime());

    // Turning it off lets the organiser set the closing time again; turning it on takes the first evening's.
    updateSurvey({ cohortId: cohort.id, surveyId: survey.id }, { preMeeting: false, closesAt: new Date(SECOND.getTime() + DAY) });
    expect(read().closesAt.getTime()).toBe(SECOND.getTime() + DAY);
    updateSurvey({ cohortId: cohort.id, surveyId: survey.id }, { preMeeting: true });
    expect(read().closesAt.getTime()).toBe(SECOND.getTime());

    const empty = createCohort(db, { eveningDates: [] }).cohort;
    expectSurveyError(
      () => createSurvey({ cohortId: empty.id, title: "Før", preMeeting: true, opensAt: new Date("2026-01-01"), closesAt: new Date("2026-01-02") }),
      "dialogue.errors.noFirstEvening"
    );
  });

  it("the 'before the meeting' template groups by its table question and closes at the first evening", async () => {
    const { cohort } = await meeting(0);
    const survey = await createPreMeetingSurvey(cohort.id, { opensAt: new Date(FIRST.getTime() - 10 * DAY) });
    const stored = getSurvey(survey.id)!;
    expect(stored.survey.preMeeting).toBe(true);
    expect(stored.survey.closesAt.getTime()).toBe(FIRST.getTime());
    expect(stored.survey.groupByQuestionId).toBe(stored.questions[0]!.id);
    expect(stored.questions[0]!.kind).toBe("single");
    expect(stored.questions[0]!.options).toEqual(["Bord 1", "Bord 2", "Bord 3"]);
  });
});

describe("answers grouped per table", () => {
  const opensAt = new Date(FIRST.getTime() - 10 * DAY);
  const during = new Date(FIRST.getTime() - 5 * DAY);

  async function groupedSurvey(anonymous: boolean, tables: string[]) {
    const setup = await meeting(tables.length);
    const survey = createSurvey({ cohortId: setup.cohort.id, title: "Før møtet", anonymous, preMeeting: true, opensAt, closesAt: FIRST }, [
      { kind: "scale", prompt: "Hvor godt samarbeider dere i dag?", required: true },
      { kind: "single", prompt: "Bord", options: ["Bord 1", "Bord 2"], required: true },
      { kind: "text", prompt: "Hva vil du ta opp?" },
    ]);
    const [scale, table, text] = listQuestions(survey.id);
    setGroupingQuestion({ cohortId: setup.cohort.id, surveyId: survey.id }, table!.id);
    tables.forEach((label, i) =>
      submitResponse(
        survey.id,
        setup.people[i]!,
        new Map([
          [scale!.id, { scaleValue: (i % 5) + 1 }],
          [table!.id, { choices: [label] }],
          [text!.id, { text: `${label}: innspill ${i}` }],
        ]),
        during
      )
    );
    if (anonymous) openSealedAnswers(survey.id, new Date(FIRST.getTime() + 1));
    return { ...setup, survey, scale: scale!, table: table!, text: text! };
  }

  it("shows each table's counts and texts, and a table under the threshold of an anonymous survey shows nothing", async () => {
    const tables = [...Array(7).fill("Bord 1"), "Bord 2", "Bord 2"];
    const { survey, scale, text } = await groupedSurvey(true, tables);
    const groups = getGroupedResults(getSurvey(survey.id)!)!;
    expect(groups.map((g) => [g.label, g.n, g.hidden])).toEqual([
      ["Bord 1", 7, false],
      // A hidden group does not even say how many answered in it.
      ["Bord 2", null, true],
    ]);
    const [one, two] = groups;
    const scaleResult = one!.results.find((r) => r.question.id === scale.id)!;
    expect(scaleResult.n).toBe(7);
    expect(scaleResult.counts.map((c) => c.count)).toEqual([2, 2, 1, 1, 1]);
    const texts = one!.results.find((r) => r.question.id === text.id)!.texts;
    expect(texts).toHaveLength(7);
    expect(texts.every((t) => t.startsWith("Bord 1"))).toBe(true);
    expect(two!.results).toEqual([]);
    expect(JSON.stringify(groups)).not.toContain("Bord 2: innspill");
  });

  it("a named survey shows every table; the results page sends the groups", async () => {
    const { survey, organiser, cohort, text } = await groupedSurvey(false, ["Bord 1", "Bord 2", "Bord 2"]);
    const groups = getGroupedResults(getSurvey(survey.id)!)!;
    expect(groups.map((g) => [g.label, g.n, g.hidden])).toEqual([
      ["Bord 1", 1, false],
      ["Bord 2", 2, false],
    ]);
    expect(groups[1]!.results.find((r) => r.question.id === text.id)!.texts.sort()).toEqual(["Bord 2: innspill 1", "Bord 2: innspill 2"]);

    const request = new Request(`http://localhost/cohorts/${cohort.slug}/surveys/${survey.id}/results`, {
      headers: { Cookie: (await createSessionCookie(getDb(), organiser.id)).header },
    });
    const data = (await resultsRoute.loader(routeArgs({ request, params: { slug: cohort.slug, id: String(survey.id) }, context: {} }))) as any;
    expect(data.grouped.question).toBe("Bord");
    expect(data.grouped.groups.map((g: { label: string }) => g.label)).toEqual(["Bord 1", "Bord 2"]);
  });

  it("only a single-choice question of the survey groups, and changing its kind ends the grouping", async () => {
    const { survey, cohort, scale, table } = await groupedSurvey(false, []);
    const ref = { cohortId: cohort.id, surveyId: survey.id };
    expectSurveyError(() => setGroupingQuestion(ref, scale.id), "dialogue.errors.groupingNotSingle");
    expect(() => setGroupingQuestion({ cohortId: cohort.id + 1000, surveyId: survey.id }, table.id)).toThrow();
    updateQuestion({ surveyId: survey.id, questionId: table.id }, { kind: "multi", prompt: "Bord", options: ["Bord 1", "Bord 2"] });
    expect(getSurvey(survey.id)!.survey.groupByQuestionId).toBeNull();
    expect(getGroupedResults(getSurvey(survey.id)!)).toBeNull();
  });
});

describe("meeting summary", () => {
  async function attended() {
    const setup = await meeting(4);
    const [present, partial, absent, none] = setup.people;
    const mark = (eveningIndex: number, userId: number, status: AttendanceStatus) =>
      setup.db.insert(attendance).values({ eveningId: setup.evenings[eveningIndex]!.id, userId, status, minutes: 60, source: "rollcall" }).run();
    mark(0, present!.id, "present");
    mark(0, partial!.id, "absent");
    mark(1, partial!.id, "partial");
    mark(0, absent!.id, "absent");
    mark(1, absent!.id, "excused");
    const outsider = await createUser(setup.db, { name: "Utenforstående" });
    return { ...setup, present: present!, partial: partial!, absent: absent!, none: none!, outsider };
  }
  const summaryMails = (cohortId: number) =>
    getDb()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.kind, "cohort-summary"))
      .all()
      .filter((m) => m.dedupeKey?.startsWith(`cohort-summary:${cohortId}:`));

  it("is read only by those present or partly present, and organisers", async () => {
    const { cohort, organiser, present, partial, absent, none, outsider } = await attended();
    saveCohortSummary(cohort.id, "## Hva vi ble enige om\n\nFelles møte to ganger i året.", organiser.id);
    // A draft is read by no one.
    expect(summaryFor(cohort.id, { userId: present.id, organiser: false })).toBeNull();
    await publishCohortSummary(cohort.id, "## Hva vi ble enige om\n\nFelles møte to ganger i året.", organiser.id);
    for (const u of [present, partial]) expect(summaryFor(cohort.id, { userId: u.id, organiser: false })?.summary).toContain("Felles møte");
    for (const u of [absent, none, outsider]) expect(summaryFor(cohort.id, { userId: u.id, organiser: false })).toBeNull();
    expect(summaryFor(cohort.id, { userId: null, organiser: false })).toBeNull();
    expect(summaryFor(cohort.id, { userId: organiser.id, organiser: true })).not.toBeNull();

    // The cohort page, as each of them sees it.
    const page = async (userId: number | null) => {
      const headers: Record<string, string> = userId ? { Cookie: (await createSessionCookie(getDb(), userId)).header } : {};
      const request = new Request(`http://localhost/cohorts/${cohort.slug}`, { headers });
      return (await cohortPage.loader(routeArgs({ request, params: { slug: cohort.slug }, context: {} }))) as any;
    };
    expect((await page(present.id)).summaryHtml).toContain("Felles møte to ganger i året.");
    expect((await page(organiser.id)).summaryHtml).toContain("Felles møte");
    for (const id of [absent.id, none.id, outsider.id, null]) {
      const data = await page(id);
      expect(data.summaryHtml).toBeNull();
      expect(JSON.stringify(data)).not.toContain("Felles møte");
    }
  });

  it("mails each attendee once: publishing twice or editing after does not mail again", async () => {
    const { cohort, organiser, present, partial } = await attended();
    expect(await publishCohortSummary(cohort.id, "Første versjon", organiser.id)).toBe(2);
    const mails = summaryMails(cohort.id);
    expect(mails.map((m) => m.userId).sort()).toEqual([present.id, partial.id].sort());
    expect(mails[0]!.textBody).toMatch(new RegExp(`/cohorts/${cohort.slug}#summary`));

    expect(await publishCohortSummary(cohort.id, "Andre versjon", organiser.id)).toBeNull();
    saveCohortSummary(cohort.id, "Tredje versjon", organiser.id);
    expect(summaryMails(cohort.id)).toHaveLength(2);
    const read = summaryFor(cohort.id, { userId: present.id, organiser: false })!;
    expect(read.summary).toBe("Tredje versjon");
  });
});
