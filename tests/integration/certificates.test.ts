import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { toCsv, toXlsx } from "../../app/utils/export.server";
import {
  CohortNotFinishedError,
  creditedTable,
  issueCertificates,
  listCertificates,
  previewCertificates,
  reissueCertificate,
  renderCertificatePdf,
  revokeCertificate,
  verifyCode,
} from "../../app/models/certificates.server";
import { recordRollCall } from "../../app/models/attendance.server";
import { saveCreditRule } from "../../app/models/credits.server";
import { createCohort, createUser, register } from "../helpers/factories";
import ExcelJS from "exceljs";
import { learningGoals } from "../../db/schema";

const PAST = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"];

async function finishedCohort() {
  const db = getDb();
  const org = await createUser(db, { name: "Kursansvarlig Kåre" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates: PAST });
  const good = await createUser(db, { name: "Æsa Øvreås Ørjasæter", profession: "physio", hprNumber: "9876543" });
  const weak = await createUser(db, { name: "Per Borte", profession: "gp" });
  register(db, cohort.id, good);
  register(db, cohort.id, weak);
  for (const e of evenings) recordRollCall({ evening: e, userId: good.id, status: "present", recordedByUserId: org.id });
  for (const e of evenings.slice(0, 3)) recordRollCall({ evening: e, userId: weak.id, status: "present", recordedByUserId: org.id });
  return { db, org, cohort, evenings, good, weak };
}

async function pdfText(bytes: Uint8Array) {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  return content.items.map((i) => ("str" in i ? i.str : "")).join("\n");
}

describe("certificates", () => {
  it("are issued only after the last evening, to those who qualify, once", async () => {
    const db = getDb();
    const org = await createUser(db);
    const { cohort } = createCohort(db, { organiserIds: [org.id], eveningDates: ["2025-01-09", "2099-01-01"] });
    expect(() => issueCertificates(cohort.id, org.id)).toThrow(CohortNotFinishedError);

    const f = await finishedCohort();
    const preview = previewCertificates(f.cohort.id);
    expect(preview.find((p) => p.userId === f.good.id)).toMatchObject({ qualifies: true, hours: 20, certificate: null });
    expect(preview.find((p) => p.userId === f.weak.id)).toMatchObject({ qualifies: false, reason: { key: "attendance.credits.reasons.belowMinimum" } });
    expect(issueCertificates(f.cohort.id, f.org.id)).toBe(1);
    expect(issueCertificates(f.cohort.id, f.org.id)).toBe(0);
    const list = listCertificates(f.cohort.id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ userId: f.good.id, hours: 20 });
  });

  it("verification codes are random, long and unique; unknown codes reveal nothing; revoked shows revoked", async () => {
    const f = await finishedCohort();
    const others = await Promise.all([1, 2, 3, 4].map((i) => createUser(f.db, { name: `Deltaker ${i}`, profession: "physio" })));
    for (const u of others) {
      register(f.db, f.cohort.id, u);
      for (const e of f.evenings) recordRollCall({ evening: e, userId: u.id, status: "present", recordedByUserId: f.org.id });
    }
    issueCertificates(f.cohort.id, f.org.id);
    const codes = listCertificates(f.cohort.id).map((c) => c.verificationCode);
    expect(codes).toHaveLength(5);
    expect(new Set(codes).size).toBe(5);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{32}$/); // 160 random bits
    // not sequential / derivable: no shared prefix between codes
    expect(new Set(codes.map((c) => c.slice(0, 4))).size).toBe(5);
    expect(verifyCode("a".repeat(32))).toBeNull();
    expect(verifyCode("../etc")).toBeNull();
    const mine = listCertificates(f.cohort.id).find((c) => c.userId === f.good.id)!;
    expect(verifyCode(mine.verificationCode)).toMatchObject({ name: "Æsa Øvreås Ørjasæter", hours: 20, revokedAt: null });
    revokeCertificate(mine.id, "Feil timer");
    expect(verifyCode(mine.verificationCode)?.revokedAt).toBeInstanceOf(Date);
    const fresh = reissueCertificate(mine.id, f.org.id)!;
    expect(fresh.verificationCode).not.toBe(mine.verificationCode);
    expect(verifyCode(fresh.verificationCode)?.revokedAt).toBeNull();
    expect(verifyCode(mine.verificationCode)?.revokedAt).toBeInstanceOf(Date);
  });

  it("renders a Norwegian PDF whose text keeps æ, ø and å", async () => {
    const f = await finishedCohort();
    f.db.insert(learningGoals).values({ templateId: f.cohort.templateId, position: 900 + f.cohort.id, text: "Kjenne hverandres kompetanse på tvers av fag" }).run();
    issueCertificates(f.cohort.id, f.org.id);
    const cert = listCertificates(f.cohort.id)[0]!;
    const bytes = (await renderCertificatePdf(cert.id, "https://knutepunkt.example"))!;
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Æsa Øvreås Ørjasæter");
    expect(text).toContain("KURSBEVIS");
    expect(text).toContain("HPR-nummer 9876543");
    expect(text).toContain("Fysioterapeut");
    expect(text.replace(/\u00a0/g, " ")).toContain("Godkjente timer: 20 kurstimer");
    expect(text).toContain("Kursansvarlig: Kursansvarlig Kåre");
    expect(text).toContain(cert.verificationCode);
    expect(text).toContain("Kjenne hverandres kompetanse på tvers av fag");
    expect(text).toContain("Kursdatoer: 9. januar 2025 – 8. mai 2025 (5 kurskvelder)");
    expect(text).toContain(`Kull: ${f.cohort.title}`);
  });

  it("states the approving body and its reference, what a course hour is, and the evenings attended with dates", async () => {
    const f = await finishedCohort();
    // The physiotherapists' rule as an organiser saved it; the GPs keep the default approving body.
    saveCreditRule(f.cohort.id, "physio", { label: "Norsk Fysioterapeutforbund", reference: "NFF-2027-114", courseHourMinutes: 45, minAttendancePercent: 60, selfStudyHours: 0, maxHours: null });
    const partly = await createUser(f.db, { name: "Gunnar Delvis", profession: "gp" });
    register(f.db, f.cohort.id, partly);
    for (const e of f.evenings.slice(0, 4)) recordRollCall({ evening: e, userId: partly.id, status: "present", recordedByUserId: f.org.id });
    recordRollCall({ evening: f.evenings[4]!, userId: partly.id, status: "partial", minutes: 90, recordedByUserId: f.org.id });
    issueCertificates(f.cohort.id, f.org.id);
    const certs = listCertificates(f.cohort.id);
    const physio = certs.find((c) => c.userId === f.good.id)!;
    const gp = certs.find((c) => c.userId === partly.id)!;

    const text = (await pdfText((await renderCertificatePdf(physio.id, "https://knutepunkt.example"))!)).replace(/\u00a0/g, " ");
    expect(text).toContain("Godkjennende instans: Norsk Fysioterapeutforbund (referanse: NFF-2027-114)");
    expect(text).toContain("Godkjente timer: 20 kurstimer à 45 min (15 klokketimer)");
    expect(text).toContain("1 kurstime = 45 min");
    expect(text).toContain("Kurskvelder deltatt: 5 av 5");
    for (const [i, date] of ["9. januar 2025", "6. februar 2025", "6. mars 2025", "3. april 2025", "8. mai 2025"].entries()) {
      expect(text).toContain(`Kveld ${i + 1}: ${date}`);
    }
    const gpText = (await pdfText((await renderCertificatePdf(gp.id, "https://knutepunkt.example"))!)).replace(/\u00a0/g, " ");
    expect(gpText).toContain("Godkjennende instans: Den norske legeforening");
    expect(gpText).toContain("Kveld 5: 8. mai 2025 (delvis, 90 min)");

    // The public verification page is given the same facts.
    expect(verifyCode(physio.verificationCode)).toMatchObject({
      approvingBody: "Norsk Fysioterapeutforbund",
      approvalReference: "NFF-2027-114",
      courseHourMinutes: 45,
      eveningsAttended: [1, 2, 3, 4, 5].map((number) => ({ number, partialMinutes: null })),
    });
    expect(verifyCode(gp.verificationCode)?.eveningsAttended.at(-1)).toMatchObject({ number: 5, partialMinutes: 90 });
  });

  it("exports credited participants as CSV and xlsx", async () => {
    const f = await finishedCohort();
    issueCertificates(f.cohort.id, f.org.id);
    const csv = toCsv(creditedTable(f.cohort.id), { delimiter: ";" });
    expect(csv).toContain("Æsa Øvreås Ørjasæter;");
    expect(csv).toContain("9876543");
    expect(csv).not.toContain("Per Borte");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(creditedTable(f.cohort.id))) as any);
    const ws = wb.getWorksheet(1)!;
    expect(ws.getRow(2).getCell(1).value).toBe("Æsa Øvreås Ørjasæter");
    expect(ws.getRow(2).getCell(5).value).toBe(20);
    expect(ws.rowCount).toBe(2);
  });
});
