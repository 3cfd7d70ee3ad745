/**
 * Every CSV and .xlsx download goes through here: one way to write the file, one set of response headers.
 * The exports hold personal data (names, e-mail, HPR numbers, free text), so they are never cached.
 */
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { AppLocale } from "~/i18n";
import i18next from "~/i18next.server";

export type ExportCell = string | number | null | undefined;
export type ExportFormat = "csv" | "xlsx";
export type ExportOptions = {
  /** The worksheet's name in the .xlsx. */
  sheetName?: string;
  /** CSV field separator; by default the one the page's language expects (`csvDelimiter`). */
  delimiter?: string;
};

/**
 * Excel reads a CSV with the list separator of the computer's region: Norwegian Excel splits on ";"
 * (the comma is the decimal sign there) and would put a comma-separated file in one column.
 */
export function csvDelimiter(locale: AppLocale): string {
  return locale === "nb" ? ";" : ",";
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/**
 * A spreadsheet opening a CSV runs a cell that starts with one of these as a formula (CSV injection). OWASP's
 * rule: prefix such a cell with a single quote, which the spreadsheet shows as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV with a BOM so Excel reads the Norwegian letters; quoting by csv-stringify, text cells neutralised. */
export function toCsv(rows: ExportCell[][], options: ExportOptions = {}): string {
  return (
    "\uFEFF" +
    stringify(rows, {
      delimiter: options.delimiter ?? ",",
      // Quoted on either separator, so a spreadsheet set to the other one still reads the columns.
      quoted_match: /[,;]/,
      cast: { string: (value) => neutraliseCell(value) },
    })
  );
}

/**
 * An .xlsx workbook. exceljs writes every string as a text cell, never a formula, so the text is kept
 * as written (no quote prefix).
 */
export async function toXlsx(rows: ExportCell[][], options: ExportOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Worksheet names may not hold \ / ? * [ ] : and are at most 31 characters.
  const name = (options.sheetName ?? "").replace(/[\\/?*[\]:]/g, " ").trim().slice(0, 31) || "Eksport";
  const sheet = workbook.addWorksheet(name);
  for (const row of rows) sheet.addRow(row.map((c) => c ?? ""));
  if (rows.length > 0) sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => (c.width = 24));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A file name with only letters, digits, dots, hyphens and underscores (safe in Content-Disposition). */
export function safeFilename(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+/, "")
    .slice(0, 100);
  return cleaned || "eksport";
}

/**
 * The download: the rows as CSV or .xlsx, with `filename` (without extension) made safe. A CSV uses the
 * separator of the page's language (the request's), so it opens in columns in that language's Excel.
 */
export async function exportResponse(request: Request, rows: ExportCell[][], format: ExportFormat, filename: string, options: ExportOptions = {}) {
  const body =
    format === "csv"
      ? toCsv(rows, { delimiter: csvDelimiter(await i18next.getLocale(request)), ...options })
      : new Uint8Array(await toXlsx(rows, options));
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${safeFilename(filename)}.${format}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
