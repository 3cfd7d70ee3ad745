/**
 * The data-handling probe's attacks, replayed against the route modules with real Requests: spreadsheet
 * formulas in exported cells, one person's answer to a late optional question, impossible dates, secret
 * tokens in the logs, retention moved by editing dates, and invisible control/bidi characters in names.
 */
import { describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { getDb } from "../../db/client";
import { issueCertificates } from "../../app/models/certificates.server";
import { recordRollCall } from "../../app/models/attendance.server";
import { addQuestion, createSurvey, listQuestions } from "../../app/models/surveys/editor.server";
import { openSealedAnswers, submitResponse } from "../../app/models/surveys/answering.server";
import * as participantsCsv from "../../app/routes/cohorts.$slug.participants[.]csv";
import * as participantsXlsx from "../../app/routes/cohorts.$slug.participants[.]xlsx";
import * as creditsCsv from "../../app/routes/cohorts.$slug.credits[.]csv";
import * as creditsXlsx from "../../app/routes/cohorts.$slug.credits[.]xlsx";
import * as resultsCsv from "../../app/routes/cohorts.$slug.surveys.$id.results[.]csv";
import * as resultsXlsx from "../../app/routes/cohorts.$slug.surveys.$id.results[.]xlsx";
import * as resultsPage from "../../app/routes/cohorts.$slug.surveys.$id.results";
import * as chartRoute from "../../app/routes/cohorts.$slug.surveys.$id.results_.chart.$questionId[.]svg";
import * as agreementPdfRoute from "../../app/routes/partnerships.$id.agreement[.]pdf";
import * as personalDataRoute from "../../app/routes/cohorts.$slug.personal-data";
import { updateEvening } from "../../app/models/cohorts/admin.server";
import { cohortRetentionState, deleteCohortPersonalData } from "../../app/models/privacy.server";
import * as feedRoute from "../../app/routes/calendar.$token[.]ics";
import { handleError } from "../../app/entry.server";
import { AgreementSchema, agreementRows, type AgreementData } from "../../app/models/agreement-schema";
import { getOrCreateFeedToken } from "../../app/models/calendar.server";
import { CohortFields, DateSchema } from "../../app/utils/cohort-validation";
import { NameSchema, OptionalMultiLineText, ProfileFields } from "../../app/utils/user-validation";
import { buildAnswerSchema } from "../../app/utils/survey-answers";
import { getFixedT } from "../../app/i18next.server";
import { and, eq } from "drizzle-orm";
import { agreementVersions, auditLog, registrations } from "../../db/schema";
import { createCohort, createPartnership, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

async function req(path: string, userId: number | null) {
  const headers = new Headers();
  if (userId) headers.set("Cookie", (await createSessionCookie(getDb(), userId)).header);
  return new Request(`http://localhost${path}`, { headers });
}

/** A loader's Response, whether returned or thrown. */
async function call(fn: () => Promise<unknown>): Promise<Response> {
  try {
    return (await fn()) as Response;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** A CSV reader (RFC 4180 quoting); the app only writes CSV, through csv-stringify. */
function parseCsv(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) row.push(cell), (cell = "");
    else if (ch === "\n") row.push(cell), rows.push(row), (row = []), (cell = "");
    else cell += ch;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

async function xlsxCells(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb.worksheets[0]!.getSheetValues().flatMap((r) => (Array.isArray(r) ? r.slice(1) : []));
}

const FORMULA_NAME = '=HYPERLINK("http://evil","x")';
const FORMULA_TEXT = "-2+3+cmd|' /C calc'!A0";
const PAST = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"];
const NOW = new Date("2027-02-01T12:00:00Z");
const DAY = 86_400_000;

function expectExportHeaders(res: Response, ext: "csv" | "xlsx") {
  expect(res.status).toBe(200);
  expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  expect(res.headers.get("Content-Disposition")).toMatch(new RegExp(`^attachment; filename="[A-Za-z0-9._-]+\\.${ext}"$`));
  expect(res.headers.get("Content-Type")).toBe(ext === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

describe("exports: spreadsheet formulas in cells", () => {
  it("a participant named as a formula and a formula-like free-text answer are neutralised in every CSV, literal in every .xlsx", async () => {
    const db = getDb();
    const org = await createUser(db, { name: "Org Anisator" });
    const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates: PAST, capacityGp: 20, capacityPhysio: 20 });
    const evil = await createUser(db, { name: FORMULA_NAME, profession: "gp", practice: "@SUM(A1:A9)", hprNumber: "1234567" });
    register(db, cohort.id, evil, "confirmed");
    // Credited: present at every evening, a certificate issued after the last one.
    for (const e of evenings) recordRollCall({ evening: e, userId: evil.id, status: "present", recordedByUserId: org.id });
    issueCertificates(cohort.id, org.id);

    // An anonymous survey with five answers besides the formula one, so the question is shown.
    const others = [];
    for (let i = 0; i < 5; i++) {
      const u = await createUser(db, { profession: "physio", name: `Deltaker ${i}` });
      register(db, cohort.id, u, "confirmed");
      others.push(u);
    }
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + DAY) }, [
      { kind: "text", prompt: "Hva vil du si?", required: true },
    ]);
    const [q] = listQuestions(survey.id);
    submitResponse(survey.id, evil, new Map([[q!.id, { text: FORMULA_TEXT }]]));
    others.forEach((u, i) => submitResponse(survey.id, u, new Map([[q!.id, { text: `Vanlig svar ${i}` }]])));
    // Anonymous answers stay sealed until the survey closes (or a batch is full): open them as the close does.
    openSealedAnswers(survey.id, new Date(Date.now() + DAY + 1));

    const base = `/cohorts/${cohort.slug}`;
    const slug = { slug: cohort.slug };
    const surveyParams = { slug: cohort.slug, id: String(survey.id) };
    const csvs = {
      participants: await call(async () => participantsCsv.loader(routeArgs({ request: await req(`${base}/participants.csv`, org.id), params: slug, context: {} }))),
      credits: await call(async () => creditsCsv.loader(routeArgs({ request: await req(`${base}/credits.csv`, org.id), params: slug, context: {} }))),
      results: await call(async () => resultsCsv.loader(routeArgs({ request: await req(`${base}/surveys/${survey.id}/results.csv`, org.id), params: surveyParams, context: {} }))),
    };
    for (const [name, res] of Object.entries(csvs)) {
      expectExportHeaders(res, "csv");
      const text = (await res.text()).replace(/^\uFEFF/, "");
      const cells = parseCsv(text, ";").flat();
      // No cell a spreadsheet would run as a formula.
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c)), name).toEqual([]);
      if (name === "results") expect(cells).toContain(`'${FORMULA_TEXT}`);
      else expect(cells).toContain(`'${FORMULA_NAME}`);
      if (name === "participants") expect(cells).toContain("'@SUM(A1:A9)");
    }

    const xlsxs = {
      participants: await call(async () => participantsXlsx.loader(routeArgs({ request: await req(`${base}/participants.xlsx`, org.id), params: slug, context: {} }))),
      credits: await call(async () => creditsXlsx.loader(routeArgs({ request: await req(`${base}/credits.xlsx`, org.id), params: slug, context: {} }))),
      results: await call(async () => resultsXlsx.loader(routeArgs({ request: await req(`${base}/surveys/${survey.id}/results.xlsx`, org.id), params: surveyParams, context: {} }))),
    };
    for (const [name, res] of Object.entries(xlsxs)) {
      expectExportHeaders(res, "xlsx");
      const cells = await xlsxCells(res);
      // Text cells holding the literal text, not formulas.
      expect(cells, name).toContain(name === "results" ? FORMULA_TEXT : FORMULA_NAME);
      expect(cells.some((c) => typeof c === "object" && c !== null && "formula" in c)).toBe(false);
    }
  });
});

describe("anonymous results: at least 5 answers per question", () => {
  it("an optional question added late with one answer is withheld on the page, in its chart and in both exports", async () => {
    const db = getDb();
    const org = await createUser(db, { name: "Org Anisator" });
    const { cohort } = createCohort(db, { organiserIds: [org.id], capacityGp: 20, capacityPhysio: 20 });
    const people = [];
    for (let i = 0; i < 7; i++) {
      const u = await createUser(db, { profession: i % 2 ? "gp" : "physio", name: `Deltaker ${i}` });
      register(db, cohort.id, u, "confirmed");
      people.push(u);
    }
    const survey = createSurvey({ cohortId: cohort.id, title: "Anonym", anonymous: true, opensAt: new Date(NOW.getTime() - DAY), closesAt: new Date(NOW.getTime() + DAY) }, [
      { kind: "scale", prompt: "Hvor nyttig?", required: true },
    ]);
    const [q1] = listQuestions(survey.id);
    for (let i = 0; i < 6; i++) submitResponse(survey.id, people[i]!, new Map([[q1!.id, { scaleValue: (i % 5) + 1 }]]), NOW);
    // Added after the answers came in, optional: only the seventh person answers it.
    const q2 = addQuestion(survey.id, { kind: "text", prompt: "Noe mer?", required: false });
    const q3 = addQuestion(survey.id, { kind: "single", prompt: "Hvilken kveld?", required: false, options: ["Første", "Andre"] });
    const secret = "Jeg er den eneste fysioterapeuten fra Bø";
    submitResponse(survey.id, people[6]!, new Map<number, { scaleValue?: number; text?: string; choices?: string[] }>([
      [q1!.id, { scaleValue: 4 }],
      [q2.id, { text: secret }],
      [q3.id, { choices: ["Andre"] }],
    ]), NOW);
    openSealedAnswers(survey.id, new Date(NOW.getTime() + DAY + 1));

    const base = `/cohorts/${cohort.slug}/surveys/${survey.id}`;
    const params = { slug: cohort.slug, id: String(survey.id) };
    const page = (await resultsPage.loader(routeArgs({ request: await req(`${base}/results`, org.id), params, context: {} }))) as any;
    const [r1, r2, r3] = page.results;
    expect(r1.n).toBe(7);
    expect(r1.chart).not.toBeNull();
    expect(r1.withheld).toBe(false);
    for (const r of [r2, r3]) {
      expect(r.withheld).toBe(true);
      expect(r.chart).toBeNull();
      expect(r.texts).toEqual([]);
      expect(r.mean).toBeNull();
    }
    expect(JSON.stringify(page)).not.toContain(secret);

    const chart = async (questionId: number) =>
      (await call(async () => chartRoute.loader(routeArgs({ request: await req(`${base}/results/chart/${questionId}.svg`, org.id), params: { ...params, questionId: String(questionId) }, context: {} })))).status;
    expect(await chart(q1!.id)).toBe(200);
    expect(await chart(q3.id)).toBe(404);

    const csv = (await (await call(async () => resultsCsv.loader(routeArgs({ request: await req(`${base}/results.csv`, org.id), params, context: {} })))).text()).replace(/^\uFEFF/, "");
    const rows = parseCsv(csv, ";");
    expect(rows).toHaveLength(8);
    expect(rows[0]![1]).toContain("Færre enn 5 svar");
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual(Array(7).fill(["", ""]));
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(["1", "2", "3", "4", "4", "5", "1"].sort());
    expect(csv).not.toContain(secret);
    expect(csv).not.toContain("Andre");

    const xlsx = await call(async () => resultsXlsx.loader(routeArgs({ request: await req(`${base}/results.xlsx`, org.id), params, context: {} })));
    const cells = await xlsxCells(xlsx);
    expect(cells).not.toContain(secret);
    expect(cells).not.toContain("Andre");
  });
});

const AGREEMENT = {
  meetingFormat: "video",
  meetingFrequency: "Hver tredje måned",
  channels: ["dialogmelding"],
  responseTime: "Innen to virkedager",
  contactPersons: "Kari og Ola",
} as AgreementData;

describe("dates are real dates", () => {
  it("every date field refuses a day that does not exist, with the field's own message", () => {
    for (const bad of ["2027-13-45", "2027-02-30", "2027-02-29", "2027-04-31", "2027-00-10"]) {
      const agreement = AgreementSchema.safeParse({ ...AGREEMENT, reviewDate: bad });
      expect(agreement.success, bad).toBe(false);
      expect(agreement.error!.issues).toEqual([expect.objectContaining({ path: ["reviewDate"], message: "partners.agreement.errors.reviewDate" })]);
      expect(DateSchema.safeParse(bad).error?.issues[0]?.message, bad).toBe("registration.errors.dateInvalid");
      expect(CohortFields.opensOn.safeParse(bad).success, bad).toBe(false);
    }
    for (const good of ["2028-02-29", "2027-12-31", "2027-01-01"]) {
      expect(AgreementSchema.safeParse({ ...AGREEMENT, reviewDate: good }).success, good).toBe(true);
      expect(DateSchema.safeParse(good).success, good).toBe(true);
    }
  });

  it("a stored impossible review date breaks neither the agreement (rows, PDF) nor either member's personal feed", async () => {
    const db = getDb();
    const a = await createUser(db, { profession: "gp", name: "Geir Fastlege" });
    const b = await createUser(db, { profession: "physio", name: "Siri Fysio" });
    const { cohort } = createCohort(db, { capacityGp: 5, capacityPhysio: 5 });
    register(db, cohort.id, a);
    register(db, cohort.id, b);
    const partnership = createPartnership(db, cohort.id, [a.id, b.id]);
    // As the probe left it: written before the schema checked the day.
    db.insert(agreementVersions).values({ partnershipId: partnership.id, version: 1, data: { ...AGREEMENT, reviewDate: "2027-13-45" }, reviewDate: "2027-13-45", createdByUserId: a.id }).run();

    const t = await getFixedT("nb");
    const rows = agreementRows({ ...AGREEMENT, reviewDate: "2027-13-45" }, t as never, "nb");
    expect(rows.find(([label]) => label === t("partners.agreement.fields.reviewDate"))?.[1]).toBe(t("partners.agreement.unknownDate"));

    const pdf = await call(async () => agreementPdfRoute.loader(routeArgs({ request: await req(`/partnerships/${partnership.id}/agreement.pdf`, a.id), params: { id: String(partnership.id) }, context: {} })));
    expect(pdf.status).toBe(200);

    for (const member of [a, b]) {
      const token = getOrCreateFeedToken(member.id);
      const feed = await call(async () => feedRoute.loader(routeArgs({ request: new Request(`http://localhost/calendar/${token}.ics`), params: { token }, context: {} })));
      expect(feed.status).toBe(200);
      const body = await feed.text();
      expect(body).toContain("BEGIN:VCALENDAR");
      expect(body).not.toContain("agreement-review-");
    }
  });
});

describe("logs hold no secrets", () => {
  it("an error while serving a personal feed, a reset link or a verification page is logged without the token", async () => {
    const db = getDb();
    const user = await createUser(db);
    const token = getOrCreateFeedToken(user.id);
    const lines: string[] = [];
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      const secrets = [token, "resetTokenAbcdefghijklmnop123456", "VERIFYCODE123456"];
      for (const path of [`/calendar/${token}.ics`, `/reset-password/${secrets[1]}`, `/verify/${secrets[2]}?download=1`]) {
        const request = new Request(`http://localhost${path}`);
        handleError(new Error(`failed at http://localhost${path}`), { request } as never);
      }
      const out = lines.join("");
      expect(out).toContain("/calendar/[redacted].ics");
      expect(out).toContain("/reset-password/[redacted]");
      expect(out).toContain("/verify/[redacted]");
      for (const secret of secrets) expect(out).not.toContain(secret);
      expect(out).not.toContain(token.split(".")[0]!);
    } finally {
      spy.mockRestore();
      process.env.LOG_LEVEL = before;
    }
  });
});

describe("names and free text refuse invisible control and direction characters", () => {
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
  const BIDI = ["\u061C", "\u200E", "\u200F", ...range(0x202a, 0x202e), ...range(0x2066, 0x2069)];
  const C1 = range(0x7f, 0x9f);
  const C0_MULTI = range(0x00, 0x1f).filter((c) => c !== "\t" && c !== "\n" && c !== "\r");
  const letters = [..."abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅéü0123456789"];
  const ordinary = fc.string({ unit: fc.constantFrom(...letters, " ", "-", "'", "’", ".", ","), maxLength: 30 });
  const survey = buildAnswerSchema([{ id: 1, kind: "text", required: true, options: null }]);
  const agreementNotes = (notes: string) => AgreementSchema.safeParse({ ...AGREEMENT, notes });
  const errorOf = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message);

  it("any name or single-line field with a control or bidi character (CR and LF included) is refused, with its own message", () => {
    fc.assert(
      fc.property(ordinary, fc.constantFrom(...BIDI, ...C1, ...C0_MULTI, "\t", "\n", "\r"), ordinary, (a, bad, b) => {
        const value = `Ka${a}${bad}${b}ri`;
        expect(errorOf(NameSchema.safeParse(value))).toEqual(["validation.invisibleCharacters"]);
        expect(errorOf(ProfileFields.practice.safeParse(value))).toEqual(["validation.invisibleCharacters"]);
        expect(AgreementSchema.safeParse({ ...AGREEMENT, meetingFrequency: value }).success).toBe(false);
      }),
    );
  });

  it("any free text with a bidi, C1 or C0 character other than tab and line breaks is refused", () => {
    fc.assert(
      fc.property(ordinary, fc.constantFrom(...BIDI, ...C1, ...C0_MULTI, "\rx"), ordinary, (a, bad, b) => {
        const value = `Hei ${a}${bad}${b} hei`;
        expect(errorOf(OptionalMultiLineText(1000).safeParse(value))).toEqual(["validation.invisibleCharacters"]);
        expect(errorOf(agreementNotes(value))).toEqual(["validation.invisibleCharacters"]);
        expect(errorOf(survey.safeParse({ q1: value }))).toEqual(["validation.invisibleCharacters"]);
        expect(CohortFields.description.safeParse(value).success).toBe(false);
      }),
    );
  });

  it("ordinary Norwegian text is accepted: æøå, hyphens, apostrophes; free text keeps tabs and line breaks", () => {
    for (const name of ["Åse Bråthen-Øvrebø", "Kjell O'Neill", "Per-Kåre Sæther", "Ørjan D’Souza"]) expect(NameSchema.safeParse(name).success, name).toBe(true);
    fc.assert(
      fc.property(ordinary, ordinary, (a, b) => {
        expect(NameSchema.safeParse(`Ola ${a}`).success).toBe(true);
        expect(ProfileFields.practice.safeParse(`${a} legesenter`).success).toBe(true);
        const text = `${a}\r\n\t${b}\n${a}`;
        expect(OptionalMultiLineText(1000).safeParse(text).success).toBe(true);
        expect(agreementNotes(text).success).toBe(true);
        expect(survey.safeParse({ q1: `Svar: ${text}` }).success).toBe(true);
      }),
    );
  });
});

describe("retention counts from facts that editing the dates cannot undo", () => {
  it("a 2027 cohort whose evenings are moved into 2024 cannot have its data deleted, and the log of the move survives deletion", async () => {
    const db = getDb();
    const org = await createUser(db, { name: "Org Anisator" });
    const participant = await createUser(db, { profession: "physio" });
    const dates = ["2027-01-28", "2027-03-11", "2027-04-29", "2027-06-10", "2027-09-16"];
    const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates: dates, capacityPhysio: 5 });
    register(db, cohort.id, participant);
    // The probe: every evening moved to the same day of 2024, through the organiser's evening form's model.
    // Moving a future evening into the past is refused, so the moves are made as of late 2023.
    const movedAt = new Date("2023-12-01T12:00:00Z");
    for (const [i, e] of evenings.entries()) {
      await updateEvening({ cohortId: cohort.id, eveningId: e.id }, { date: dates[i]!.replace("2027", "2024"), startTime: "17:00", endTime: "20:00", venue: e.venue, theme: e.theme, content: "", selfStudyTask: "", materials: [], learningGoalIds: [] }, org.id, movedAt);
    }
    const state = cohortRetentionState(cohort.id)!;
    expect(state.lastEveningEnds!.toISOString().slice(0, 10)).toBe("2024-09-16");
    expect(state.canDelete).toBe(false);
    expect(state.deletableFrom!.toISOString().slice(0, 10)).toBe("2028-09-16");

    const headers = new Headers({ Cookie: (await createSessionCookie(db, org.id)).header });
    const request = new Request(`http://localhost/cohorts/${cohort.slug}/personal-data`, { method: "POST", headers, body: new URLSearchParams({ confirmSlug: cohort.slug }) });
    const refused = (await personalDataRoute.action(routeArgs({ request, params: { slug: cohort.slug }, context: {} }))) as any;
    expect(refused.init.status).toBe(409);
    expect(refused.data.result.error[""]).toEqual(["retention.errors.retentionNotOver"]);
    expect(db.select().from(registrations).where(eq(registrations.cohortId, cohort.id)).all()).toHaveLength(1);
    const moves = () => db.select().from(auditLog).where(and(eq(auditLog.cohortId, cohort.id), eq(auditLog.action, "evening.rescheduled"))).all();
    expect(moves()).toHaveLength(5);

    // A retention period later (from the original end) deletion goes ahead; the log of the moves stays.
    deleteCohortPersonalData(cohort.id, org.id, new Date("2028-09-17T12:00:00Z"));
    expect(db.select().from(registrations).where(eq(registrations.cohortId, cohort.id)).all()).toHaveLength(0);
    expect(moves()).toHaveLength(5);
  });
});
