/**
 * EXPLAIN QUERY PLAN for the hot queries: on a database filled by the national generator
 * (1/50 scale), first without planner statistics (as in production) and then after ANALYZE, no query
 * may SCAN a large table – only SEARCH through an index (or the
 * primary key). Two kinds of queries are checked:
 *   1. every statement the real model functions run (recorded by wrapping the connection's prepare);
 *   2. representative queries for the pages other capabilities build (registrations by
 *      cohort/status/profession, attendance by evening, partnership members by cohort, survey answers
 *      by question, outbox by status, ...), written the way those modules should write them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { seedNational } from "../../db/seed-national";
import { eveningsForCohorts, getCohortBySlug, getCohortDetails, listEvenings, listMyRegistrations } from "../../app/models/cohorts/pages.server";
import { listPublishedCohorts, listSitesWithOpenCohorts, openCohortsPageOf } from "../../app/models/cohorts/catalogue.server";
import { findUserByEmail, getUser } from "../../app/models/accounts.server";
import { listOutbox, outboxCountsByStatus } from "../../app/models/notifications.server";
import { cohortIdsOrganisedBy, isOrganiserOf } from "../../app/utils/permissions.server";
import { loginBlockedMinutes } from "../../app/utils/rate-limit.server";
import { validateSessionToken } from "../../app/utils/auth.server";
import { createSessionCookie } from "../helpers/factories";
import { searchDirectory } from "../../app/models/network.server";
import { myPartnership } from "../../app/models/pairing/partnerships.server";
import { myRequests } from "../../app/models/pairing/requests.server";
import { partnerCardsPage, municipalitiesOfCohort } from "../../app/models/pairing/finder.server";
import { getResults, TEXTS_SHOWN } from "../../app/models/surveys/results.server";
import { verifyCode } from "../../app/models/certificates.server";
import { placesLeft } from "../../app/models/registration.server";
import { recordSql } from "../helpers/record-sql";
import { confirmedOnly, getDashboard, myActiveCohorts } from "../../app/models/cohorts/pages.server";
import { myAttendanceSummary } from "../../app/models/attendance.server";
import { partnerDashboard } from "../../app/models/partners-dashboard.server";
import { openSurveysFor } from "../../app/models/surveys/dashboard.server";
import { personalFeedLinks } from "../../app/models/calendar.server";
import { listParticipantMunicipalities, listParticipants } from "../../app/models/participants.server";
import { getEvening, rollCallList } from "../../app/models/attendance.server";

/** Tables that grow with the number of people, cohorts or years. */
const LARGE_TABLES = new Set([
  "users", "passwords", "sessions", "email_tokens", "registrations", "evenings", "cohort_organisers", "partner_requests",
  "partnerships", "partnership_members", "agreement_versions", "agreement_confirmations", "contact_requests", "attendance",
  "certificates", "surveys", "survey_questions", "survey_responses", "survey_answers", "survey_participation",
  "calendar_feed_tokens", "email_outbox", "audit_log",
]);

type PlanRow = { id: number; parent: number; detail: string };

function plan(sql: string, params: unknown[] = []): PlanRow[] {
  const stmt = getDb().$client.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  return stmt.all(...(params.length ? params : Array.from({ length: countParams(sql) }, () => null))) as PlanRow[];
}

function countParams(sql: string) {
  return (sql.match(/\?/g) ?? []).length;
}

/** "SCAN users", "SCAN users USING COVERING INDEX ..." of a large table: a read of the whole table. */
function fullScans(rows: PlanRow[]) {
  return rows
    .map((r) => r.detail)
    .filter((d) => {
      const m = d.match(/^SCAN (\w+)/);
      return !!m && LARGE_TABLES.has(m[1]!);
    });
}

function expectIndexed(sql: string, params: unknown[] = []) {
  const rows = plan(sql, params);
  expect(fullScans(rows), `${sql}\n${rows.map((r) => r.detail).join("\n")}`).toEqual([]);
  return rows;
}

let ids: { cohortId: number; eveningId: number; userId: number; questionId: number; surveyId: number; resultsSurveyId: number; partnershipId: number; organiserId: number };

beforeAll(async () => {
  const db = getDb();
  await seedNational(db, { scale: 1 / 50, seed: 3 });
  // Logged-in people: the generator writes no sessions, a live site has many.
  const insertSession = db.$client.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)");
  db.$client.transaction(() => {
    for (let i = 1; i <= 2000; i++) insertSession.run(`session-${i}`, (i % 600) + 1, Date.now() + 86_400_000);
  })();
  const one = <T>(sql: string) => db.$client.prepare(sql).get() as T;
  ids = {
    cohortId: one<{ id: number }>("select id from cohorts where slug = 'bench-stor-2026'").id,
    eveningId: one<{ id: number }>("select e.id from evenings e join cohorts c on c.id = e.cohort_id where c.slug = 'bench-stor-2026' and e.number = 1").id,
    userId: one<{ id: number }>("select id from users where email = 'bench.gp.001@bench.knutepunkt.test'").id,
    questionId: one<{ id: number }>("select id from survey_questions order by id desc limit 1").id,
    surveyId: one<{ id: number }>("select id from surveys order by id desc limit 1").id,
    // The big named survey with answers (its results are counted, not hidden).
    resultsSurveyId: one<{ id: number }>("select s.id from surveys s join cohorts c on c.id = s.cohort_id where c.slug = 'bench-stor-2026' and s.kind = 'final'").id,
    partnershipId: one<{ id: number }>("select id from partnerships order by id desc limit 1").id,
    organiserId: one<{ id: number }>("select id from users where email = 'kursansvarlig@knutepunkt.test'").id,
  };
}, 120_000);


for (const phase of ["without statistics", "after ANALYZE"] as const) {
  describe(`query plans ${phase}`, () => {
    beforeAll(() => {
      if (phase === "after ANALYZE") getDb().$client.exec("ANALYZE");
    });
    describe("query plans of the model functions", () => {
      it("the SCAN detector sees a full scan of a large table (the check can fail)", () => {
        expect(fullScans(plan("select * from attendance where minutes > 100"))).toEqual(["SCAN attendance"]);
        expect(fullScans(plan("select * from attendance where evening_id = ?", [1]))).toEqual([]);
      });

      it("every statement run by the cohort, account, session, permission and outbox functions uses an index", async () => {
        const { header } = await createSessionCookie(getDb(), ids.userId);
        const token = decodeURIComponent(header.split("=").slice(1).join("="));
        const recorded = recordSql(getDb(), () => {
        getCohortBySlug("bench-stor-2026");
        getCohortDetails(ids.cohortId);
        placesLeft(getCohortBySlug("bench-stor-2026")!);
        // The front page's open courses (list and count) and /courses (a page, a place, the places).
        listPublishedCohorts(1);
        openCohortsPageOf({ page: 2 });
        openCohortsPageOf({ site: "trondheim" });
        listSitesWithOpenCohorts();
        listEvenings(ids.cohortId);
        listMyRegistrations(ids.userId);
        eveningsForCohorts([ids.cohortId, ids.cohortId + 1]);
        findUserByEmail("bench.gp.001@bench.knutepunkt.test");
        getUser(ids.userId);
        isOrganiserOf({ id: ids.organiserId, isAdmin: false }, ids.cohortId);
        cohortIdsOrganisedBy(ids.organiserId);
        loginBlockedMinutes("bench.gp.001@bench.knutepunkt.test", "127.0.0.1");
        listOutbox({ status: "pending" });
        listOutbox({ to: "lege00001@nasjonal.knutepunkt.test" });
        outboxCountsByStatus();
        verifyCode("abcdefghijklmnopqrstuvwxyz234567");
        // The cookie value is base64(JSON(token)) (createCookie without secrets).
        validateSessionToken(JSON.parse(Buffer.from(token, "base64").toString("utf8")) as string);
        });
        const selects = [...new Set(recorded)].filter((s) => /^\s*select/i.test(s));
        expect(selects.length).toBeGreaterThanOrEqual(12);
        // The open-course list was recorded, with its first evening read per cohort through evenings_cohort_number.
        const openCourses = selects.filter((s) => s.includes("first_evening_starts_at"));
        expect(openCourses).toHaveLength(1);
        expect(plan(openCourses[0]!).map((r) => r.detail)).toContain("SEARCH evenings USING INDEX evenings_cohort_number (cohort_id=?)");
        expect(selects.filter((s) => /^select count\(\*\) from "cohorts"/.test(s))).toHaveLength(1);
        for (const sql of selects) expectIndexed(sql);
      });
    });

    describe("query plans of the bounded pages (network search, partner finder, survey results)", () => {
      const recordSelects = (run: () => void) => [...new Set(recordSql(getDb(), run))].filter((s) => /^\s*select/i.test(s));

      it("network search: the full-text index drives text searches, the listed indexes the rest; registrations are not read", () => {
        const selects = recordSelects(() => {
          searchDirectory({ municipality: "Trondheim" });
          searchDirectory({ municipality: "kommune", page: 2 }); // several "Kommune NNN"
          searchDirectory({ q: "ol", municipality: "oslo", profession: "gp", page: 2 });
          searchDirectory({ competence: "idrett" });
          searchDirectory({});
          searchDirectory({ profession: "physio", page: 3 });
        });
        expect(selects.length).toBeGreaterThanOrEqual(4);
        let pages = 0;
        let partnershipQueries = 0;
        for (const sql of selects) {
          const rows = expectIndexed(sql);
          // The outer loop (the first SCAN/SEARCH; a window count adds a CO-ROUTINE line before it) is the full-text index.
          if (/users_fts/.test(sql)) expect(rows.find((r) => /^(SCAN|SEARCH) /.test(r.detail))?.detail, rows.map((r) => r.detail).join("\n")).toMatch(/^SCAN users_fts VIRTUAL TABLE INDEX/);
          // Who is listed is users.directory_listed (kept by triggers, migration 0005): no per-person
          // look-up of registrations. Without words for the full-text index, the listed indexes give name
          // order: one municipality's page is read in order and stops after its rows (migration 0007).
          expect(sql).not.toMatch(/"registrations"/);
          const details = rows.map((r) => r.detail).join("\n");
          if (/"practice"/.test(sql)) pages++;
          // The page's people's partnerships: their memberships by user, co-members by partnership.
          if (/"partnership_members"/.test(sql)) {
            partnershipQueries++;
            expect(details).toMatch(/SEARCH partnership_members USING INDEX partnership_members_user_idx \(user_id=\?\)/);
            continue;
          }
          if (/"users"."municipality" = \?/.test(sql)) {
            expect(details).toMatch(/USING INDEX users_directory_listed_municipality_idx \(directory_listed=\? AND municipality=\?\)/);
            expect(details).not.toMatch(/TEMP B-TREE/);
          } else if (/json_each/.test(sql) && /from "users"/.test(sql)) expect(details).toMatch(/USING (COVERING )?INDEX users_directory_listed_\w+_idx \(directory_listed=\?/); // several municipalities: the planner picks
          else if (/^\s*select .* from "users" where/i.test(sql))
            expect(details).toMatch(/order by/i.test(sql) ? /USING (COVERING )?INDEX users_directory_listed_name_idx/ : /USING (COVERING )?INDEX users_directory_listed_\w+_idx \(directory_listed=\?\)/);
        }
        expect(pages).toBe(4); // one query shape per kind of page: text search, everyone, one municipality, several
        expect(partnershipQueries).toBe(1);
      });

      it("partner finder page and its sections, and the survey results page", () => {
        const viewer = { id: ids.userId, profession: "gp" as const, municipality: "Trondheim" };
        const selects = recordSelects(() => {
          partnerCardsPage(ids.cohortId, viewer, {}, 2);
          partnerCardsPage(ids.cohortId, viewer, { profession: "physio", municipality: "Trondheim", withoutPartner: true }, 1);
          municipalitiesOfCohort(ids.cohortId);
          myRequests(ids.cohortId, ids.userId);
          myPartnership(ids.cohortId, ids.userId);
          getResults(ids.surveyId, { respondentPage: 2, textsPerQuestion: TEXTS_SHOWN });
          getResults(ids.resultsSurveyId, { respondentPage: 2, textsPerQuestion: TEXTS_SHOWN });
        });
        // The finder's candidates: the cohort's confirmed registrations drive the query.
        const finder = selects.find((sql) => sql.includes('"partner_profile_opt_in"'));
        expect(expectIndexed(finder!).map((r) => r.detail).join("\n")).toMatch(/SEARCH registrations USING (COVERING )?INDEX registrations_\w+ \(cohort_id=\? AND status=\?\)/);
        // The response count, the per-question counts and texts, and the respondent page with its answers.
        for (const part of ['select count(*) from "survey_responses"', "group by \"survey_answers\".\"scale_value\"", "\"text\" <> ''", "\"response_id\", \"scale_value\""])
          expect(selects.some((sql) => sql.includes(part)), part).toBe(true);
        expect(selects.length).toBeGreaterThanOrEqual(6);
        for (const sql of selects) {
          const details = expectIndexed(sql).map((r) => r.detail).join("\n");
          // Respondents come a page at a time in submission order from survey_responses_survey_submitted_idx
          // (migration 0006), not by sorting every response; the response count reads that index alone.
          if (/order by "survey_responses"."submitted_at"/.test(sql)) expect(details).not.toMatch(/TEMP B-TREE/);
          if (sql.startsWith('select count(*) from "survey_responses"')) expect(details).toMatch(/USING COVERING INDEX survey_responses_survey_submitted_idx \(survey_id=\?\)/);
        }
      });
    });

    describe("query plans of the participant dashboard", () => {
      it("every statement of the dashboard loader's models uses an index", () => {
        const db = getDb();
        const partnered = db.$client.prepare("select user_id from partnership_members where left_at is null order by id limit 1").get() as { user_id: number };
        const dashboardSql = [...new Set(recordSql(db, () => {
          for (const userId of [ids.userId, partnered.user_id]) {
            const mine = myActiveCohorts(userId);
            getDashboard(userId, new Date(), mine);
            myAttendanceSummary(userId, new Date(), db, confirmedOnly(mine));
            partnerDashboard(userId, confirmedOnly(mine));
            openSurveysFor(userId);
            personalFeedLinks(userId, "https://knutepunkt.example");
          }
        }))].filter((s) => /^\s*select/i.test(s));
        expect(dashboardSql.length).toBeGreaterThanOrEqual(10);
        for (const sql of dashboardSql) expectIndexed(sql);
      });
    });

    describe("query plans of the organiser's lists (participant list, roll call)", () => {
      it("participant list with and without filters, its municipalities, and the roll call", () => {
        const organiserListsSql = recordSql(getDb(), () => {
          listParticipants(ids.cohortId);
          listParticipants(ids.cohortId, { profession: "gp", status: "waitlisted", municipality: "Trondheim" });
          listParticipantMunicipalities(ids.cohortId);
          const evening = getEvening(ids.cohortId, 1)!;
          rollCallList(ids.cohortId, evening.id);
        });
        const selects = [...new Set(organiserListsSql)].filter((s) => /^\s*select/i.test(s));
        expect(selects.length).toBeGreaterThanOrEqual(4);
        for (const sql of selects) expectIndexed(sql);
      });
    });

    describe("query plans of representative queries for the capability pages", () => {
      const cases: [string, string][] = [
        ["waiting list head per profession", "select id, user_id from registrations where cohort_id = ? and status = 'waitlisted' and profession = ? order by queued_at, id limit 1"],
        ["confirmed count per profession", "select profession, count(*) from registrations where cohort_id = ? and status = 'confirmed' group by profession"],
        ["participant list", "select registrations.id, users.name, users.email from registrations join users on users.id = registrations.user_id where registrations.cohort_id = ? and registrations.status in ('confirmed', 'waitlisted') order by registrations.status, registrations.queued_at limit 500"],
        ["partner finder", "select users.id, users.name, users.municipality from registrations join users on users.id = registrations.user_id where registrations.cohort_id = ? and registrations.status = 'confirmed' and registrations.profession = 'gp' and users.municipality = ? and users.partner_profile_opt_in = 1 limit 200"],
        ["my registrations (dashboard)", "select cohort_id, status from registrations where user_id = ?"],
        ["roll call: attendance by evening", "select user_id, status, minutes from attendance where evening_id = ?"],
        ["attendance of a cohort", "select attendance.user_id, attendance.minutes from attendance join evenings on evenings.id = attendance.evening_id where evenings.cohort_id = ?"],
        ["attendance of one person", "select evening_id, status from attendance where user_id = ?"],
        ["active partnership members by cohort", "select partnership_id, user_id from partnership_members where cohort_id = ? and left_at is null"],
        ["my active partnership in a cohort", "select partnership_id from partnership_members where cohort_id = ? and user_id = ? and left_at is null"],
        ["members of a partnership", "select user_id from partnership_members where partnership_id = ?"],
        ["partnerships of a cohort", "select partnerships.id, partnership_members.user_id from partnerships join partnership_members on partnership_members.partnership_id = partnerships.id where partnerships.cohort_id = ?"],
        ["latest agreement version", "select * from agreement_versions where partnership_id = ? order by version desc limit 1"],
        ["agreement confirmations", "select user_id from agreement_confirmations where agreement_version_id = ?"],
        ["partner requests to me", "select * from partner_requests where to_user_id = ? and status = 'pending'"],
        ["partner requests of a cohort", "select * from partner_requests where cohort_id = ? and status = 'pending'"],
        ["survey answers by question", "select scale_value, count(*) from survey_answers where question_id = ? group by scale_value"],
        ["survey results (all answers of a survey)", "select survey_answers.question_id, survey_answers.scale_value, survey_answers.choices from survey_answers join survey_questions on survey_questions.id = survey_answers.question_id where survey_questions.survey_id = ?"],
        ["responses of a survey", "select count(*) from survey_responses where survey_id = ?"],
        ["has this person answered", "select 1 from survey_participation where survey_id = ? and user_id = ?"],
        ["surveys of a cohort", "select * from surveys where cohort_id = ?"],
        ["open surveys (reminders)", "select id from surveys where opens_at <= ? and closes_at > ?"],
        ["outbox: due mail", "select * from email_outbox where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ?) order by id limit 100"],
        ["outbox dedupe", "select id from email_outbox where dedupe_key = ?"],
        ["certificate verify", "select * from certificates where verification_code = ?"],
        ["certificates of a cohort", "select * from certificates where cohort_id = ?"],
        ["certificates of a person", "select * from certificates where user_id = ?"],
        ["evenings starting soon (reminders)", "select id, cohort_id from evenings where starts_at between ? and ?"],
        ["personal feed token", "select user_id, revoked_at from calendar_feed_tokens where id = ?"],
        ["network directory search", "select id, name, profession, practice from users where directory_listed = 1 and municipality = ? order by name limit 25"],
        ["organisers of a cohort", "select user_id from cohort_organisers where cohort_id = ?"],
        ["sessions of a user", "select id from sessions where user_id = ?"],
        ["audit log of a cohort", "select * from audit_log where cohort_id = ? order by created_at desc limit 50"],
      ];
      for (const [name, sql] of cases) {
        it(name, () => {
          const rows = expectIndexed(sql);
          expect(rows.some((r) => /SEARCH/.test(r.detail)), rows.map((r) => r.detail).join("\n")).toBe(true);
        });
      }
    });
  });
}
