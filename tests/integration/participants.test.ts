import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { getFixedT } from "../../app/i18next.server";
import { toCsv, toXlsx } from "../../app/utils/export.server";
import { signUp } from "../../app/models/registration.server";
import { listParticipantMunicipalities, listParticipants, participantsTable } from "../../app/models/participants.server";
import { createCohort, createUser } from "../helpers/factories";

const NOW = new Date("2026-12-01T10:00:00Z");

/** A small RFC 4180 reader (csv-parse is not installed): quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (c !== "\r") field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("participant lists and exports", () => {
  it("filters by profession, status and municipality with counts and waiting-list positions", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 1, capacityPhysio: 1 });
    const a = await createUser(db, { profession: "gp", municipality: "Malvik", name: "Anne" });
    const b = await createUser(db, { profession: "gp", municipality: "Trondheim", name: "Bjørn" });
    const c = await createUser(db, { profession: "physio", municipality: "Malvik", name: "Cecilie" });
    for (const u of [a, b, c]) await signUp(cohort.id, u.id, { now: NOW });
    expect(listParticipants(cohort.id).counts).toEqual({ total: 3, confirmed: 2, waitlisted: 1 });
    expect(listParticipants(cohort.id, { profession: "gp" }).rows.map((r) => r.name).sort()).toEqual(["Anne", "Bjørn"]);
    expect(listParticipants(cohort.id, { status: "waitlisted" }).rows.map((r) => [r.name, r.position])).toEqual([["Bjørn", 1]]);
    expect(listParticipants(cohort.id, { municipality: "Malvik" }).counts).toEqual({ total: 2, confirmed: 2, waitlisted: 0 });
    expect(listParticipantMunicipalities(cohort.id)).toEqual(["Malvik", "Trondheim"]);
    // From the unfiltered list the same, without a query; a filtered (or cut) list is not every municipality.
    const everyone = listParticipants(cohort.id);
    expect(everyone.complete).toBe(true);
    expect(listParticipantMunicipalities(cohort.id, everyone)).toEqual(["Malvik", "Trondheim"]);
    const onlyMalvik = listParticipants(cohort.id, { municipality: "Malvik" });
    expect(onlyMalvik.complete).toBe(false);
    expect(listParticipantMunicipalities(cohort.id, onlyMalvik)).toEqual(["Malvik", "Trondheim"]);
    expect(listParticipants(cohort.id, {}, 2).complete).toBe(false);
  });

  it("exports valid CSV (quoting survives a round trip) and an .xlsx that reads back with exceljs", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 5 });
    const tricky = await createUser(db, {
      profession: "gp",
      name: 'Ola "Doktor" Nordmann',
      practice: "Legesenteret, avd. Øst\nandre etasje",
      hprNumber: "1234567",
      municipality: "Bø",
    });
    await signUp(cohort.id, tricky.id, { now: NOW });
    const t = await getFixedT("nb");
    const { rows } = listParticipants(cohort.id);
    const csv = toCsv(participantsTable(rows, t));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const parsed = parseCsv(csv.slice(1));
    const expected = [
      ["Navn", "Yrke", "HPR", "Praksis", "Kommune", "E-post", "Status"],
      ['Ola "Doktor" Nordmann', "Fastlege", "1234567", "Legesenteret, avd. Øst\nandre etasje", "Bø", tricky.email, "Bekreftet plass"],
    ];
    expect(parsed).toEqual(expected);
    // The reader agrees with csv-stringify on the same table (a round trip).
    expect(parseCsv(stringify(expected))).toEqual(expected);

    const xlsx = await toXlsx(participantsTable(rows, t), { sheetName: cohort.title });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(values).toEqual(expected);
  });
});
