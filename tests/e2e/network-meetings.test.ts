import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import { baseUrl, cookieFetch, e2eDb, expectAccessible, hydrated, launchBrowser, loginAs, newContext, postForm, uniqueTag } from "../helpers/e2e";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { calendarFeedTokens, certificates, cohorts, evenings, registrations, surveyQuestions, surveys } from "../../db/schema";
import { instantToOslo } from "../../app/utils/time";
import { generateToken } from "../../app/utils/crypto.server";
import { feedTokenFor } from "../../app/models/calendar.server";
import fs from "node:fs";
import path from "node:path";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("network meetings", () => {
  it("an organiser creates a fagdag with a questionnaire; 30 members sign up with a waiting list; it is in their feeds; attendance gives a certificate", async () => {
    const db = e2eDb();
    const t = uniqueTag();
    const organiser = await createUser(db, { name: `Olga Arrangør ${t}` });
    const { cohort: course } = createCohort(db, { slug: `meet-course-${t}`, organiserIds: [organiser.id] });
    // 30 network members of the site (a confirmed place in its course), 15 of each profession.
    const members = [];
    for (let i = 0; i < 30; i++) {
      const u = await createUser(db, { profession: i % 2 ? "physio" : "gp", name: `Medlem ${i} ${t}` });
      register(db, course.id, u);
      members.push(u);
    }
    const outsider = await createUser(db, { profession: "gp", name: `Utenfor ${t}` });

    // The organiser creates the fagdag through the form, a week ahead, published at once.
    const ctxO = await newContext(browser);
    await loginAs(ctxO, organiser.id);
    const org = await ctxO.newPage();
    await org.goto("/organiser");
    await org.getByRole("link", { name: "Opprett fagdag eller nettverksmøte" }).click();
    await org.waitForURL("**/organiser/meetings/new");
    await hydrated(org);
    await expectAccessible(org);
    const day = instantToOslo(new Date(Date.now() + 7 * 86_400_000)).date;
    const title = `Fagdag artrose ${t}`;
    await org.getByLabel("Tittel").fill(title);
    await org.getByLabel("Kurssted (arrangør)").selectOption({ label: "Testby" });
    await org.getByLabel("Dato").fill(day);
    await org.getByLabel("Start (norsk tid)").fill("12:00");
    await org.getByLabel("Slutt (norsk tid)").fill("15:30");
    await org.getByLabel("Sted", { exact: true }).fill("Rådhuset, Levanger");
    await org.getByLabel("Videolenke").fill(`https://video.example/${t}`);
    await org.getByLabel("Program", { exact: true }).fill("## Program\n- **12.00** Velkommen\n- **12.30** Veiledet trening");
    await org.getByLabel("Plasser for fastleger").fill("10");
    await org.getByLabel("Plasser for fysioterapeuter").fill("10");
    await org.getByLabel("Publiser med en gang").check();
    await org.getByRole("button", { name: "Opprett møtet" }).click();
    await org.getByRole("heading", { level: 1, name: title }).waitFor();
    await org.getByRole("heading", { name: "Veiledet trening" }).or(org.getByText("Veiledet trening")).first().waitFor();
    await expectAccessible(org);
    const meeting = db.select().from(cohorts).where(eq(cohorts.title, title)).get()!;
    expect(meeting).toMatchObject({ kind: "meeting", status: "published", audience: "site", meetingUrl: `https://video.example/${t}` });
    const [evening] = db.select().from(evenings).where(eq(evenings.cohortId, meeting.id)).all();

    // A pre-meeting questionnaire with the existing survey editor: from the evening template, plus one question.
    await org.goto(`/cohorts/${meeting.slug}/surveys`);
    await org.getByLabel("Kveld", { exact: true }).selectOption(String(evening!.id));
    await org.getByRole("button", { name: "Opprett evaluering" }).click();
    await org.getByText("Evalueringen er opprettet.").waitFor();
    const survey = db.select().from(surveys).where(eq(surveys.cohortId, meeting.id)).get()!;
    const before = db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, survey.id)).all().length;
    await hydrated(org);
    await org.getByLabel("Spørsmålstekst", { exact: true }).fill("Hvilket tema vil du helst diskutere ved bordet?");
    await org.getByLabel("Type").last().selectOption("text");
    await org.getByRole("button", { name: "Legg til spørsmål" }).click();
    await expect
      .poll(() => db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, survey.id)).all().map((q) => q.prompt))
      .toContain("Hvilket tema vil du helst diskutere ved bordet?");
    expect(db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, survey.id)).all()).toHaveLength(before + 1);

    // 29 members sign up over HTTP, the last GP in the browser; 10 places per profession, so 5 of each wait.
    const browserMember = members[28]!;
    for (const m of members.filter((x) => x !== browserMember)) {
      const res = await postForm(cookieFetch((await createSessionCookie(db, m.id)).header), `/cohorts/${meeting.slug}/register`, {});
      expect(res.status).toBe(302);
    }
    const ctxM = await newContext(browser, { phone: true });
    await loginAs(ctxM, browserMember.id);
    const phone = await ctxM.newPage();
    await phone.goto(`/cohorts/${meeting.slug}`);
    await phone.getByText("For nettverket ved Testby.").waitFor();
    await phone.getByTestId("meeting-video").getByText("På video").waitFor(); // no link before a place
    await hydrated(phone);
    await phone.getByRole("button", { name: "Meld meg på" }).click();
    await phone.getByTestId("my-registration").getByText("Du er nummer 5 på ventelisten.", { exact: false }).waitFor();
    await expectAccessible(phone);
    // The member's dashboard and network page show the meeting (the network page with its municipality filter).
    await phone.goto("/");
    await phone.getByRole("region", { name: "Fagdager og nettverksmøter i nettverket ditt" }).getByRole("link", { name: title }).waitFor();
    await phone.goto("/network?municipality=Levanger");
    await phone.getByRole("region", { name: "Fagdager og nettverksmøter" }).getByRole("link", { name: title }).waitFor();
    await phone.goto("/network?municipality=Bod%C3%B8");
    await phone.getByRole("region", { name: "Fagdager og nettverksmøter" }).getByText("Ingen kommende møter for nettverket ditt.").waitFor();
    const regs = db.select().from(registrations).where(eq(registrations.cohortId, meeting.id)).all();
    expect(regs.filter((r) => r.status === "confirmed")).toHaveLength(20);
    expect(regs.filter((r) => r.status === "waitlisted")).toHaveLength(10);

    // Someone outside the site's network is told why, and gets no place.
    const ctxX = await newContext(browser);
    await loginAs(ctxX, outsider.id);
    const x = await ctxX.newPage();
    await x.goto(`/cohorts/${meeting.slug}`);
    await hydrated(x);
    await x.getByRole("button", { name: "Meld meg på" }).click();
    await x.getByText("Denne fagdagen er bare for nettverket den er laget for", { exact: false }).waitFor();
    expect(db.select().from(registrations).where(and(eq(registrations.cohortId, meeting.id), eq(registrations.userId, outsider.id))).get()).toBeUndefined();

    // Every confirmed member has the meeting in their personal feed, with the video link.
    const confirmed = regs.filter((r) => r.status === "confirmed").map((r) => r.userId);
    // Feed links signed with the server's own secret (kept next to its database file), as the dashboard makes them.
    const secret = fs.readFileSync(path.join(path.dirname(db.$client.name), ".session-secret"), "utf8").trim();
    for (const userId of confirmed) {
      const feedId = generateToken(15);
      db.insert(calendarFeedTokens).values({ id: feedId, userId }).run();
      const cal = new ICAL.Component(ICAL.parse(await (await fetch(`${baseUrl()}/calendar/${feedTokenFor(feedId, secret)}.ics`)).text()));
      const event = cal.getAllSubcomponents("vevent").find((e) => e.getFirstPropertyValue("uid") === `evening-${evening!.id}@knutepunkt`);
      expect(event?.getFirstPropertyValue("summary")).toBe(title);
      expect(event?.getFirstPropertyValue("url")).toBe(`https://video.example/${t}`);
      expect(String(event?.getFirstPropertyValue("location"))).toBe("Rådhuset, Levanger");
    }

    // The day comes: roll call marks one present and one absent; certificates follow attendance.
    db.update(evenings)
      .set({ startsAt: new Date(Date.now() - 5 * 3_600_000), endsAt: new Date(Date.now() - 1_500_000) })
      .where(eq(evenings.id, evening!.id))
      .run();
    const [present, absent] = confirmed;
    const orgFetch = cookieFetch((await createSessionCookie(db, organiser.id)).header);
    for (const [userId, status] of [[present, "present"], [absent, "absent"]] as const) {
      const res = await postForm(orgFetch, `/cohorts/${meeting.slug}/evenings/1/attendance`, { userId: String(userId), status });
      expect(res.status).toBe(200);
    }
    await postForm(orgFetch, `/cohorts/${meeting.slug}/credits`, { intent: "issue" });
    const issued = db.select().from(certificates).where(eq(certificates.cohortId, meeting.id)).all();
    expect(issued.map((c) => c.userId)).toEqual([present]);
    const pdf = await cookieFetch((await createSessionCookie(db, present!)).header)(`/certificates/${issued[0]!.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await cookieFetch((await createSessionCookie(db, absent!)).header)(`/certificates/${issued[0]!.id}.pdf`)).status).toBe(404);

    await Promise.all([ctxO.close(), ctxM.close(), ctxX.close()]);
  }, 150_000);
});
