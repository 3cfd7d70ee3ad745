/**
 * Course certificates: issued after the last evening to those who qualify, each with a random,
 * unguessable verification code printed on the PDF and its QR code (→ /verify/:code).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import QRCode from "qrcode";
import { getDb, type Db } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { attendance, certificates, cohortOrganisers, cohorts, courseTemplates, evenings, learningGoals, users } from "../../db/schema";
import { generateToken } from "~/utils/crypto.server";
import { formatDate } from "~/utils/time";
import { courseHoursText, formatNumber } from "~/utils/numbers";
import { getFixedT } from "~/i18next.server";
import type { Profession } from "../../db/enums";
import { computeCohortCredits, getCreditRules } from "./credits.server";

export class CohortNotFinishedError extends Error {}

/** The last scheduled evening has ended. */
export function cohortFinished(cohortId: number, now = new Date(), db: Db = getDb()) {
  const last = db
    .select({ endsAt: evenings.endsAt })
    .from(evenings)
    .where(and(eq(evenings.cohortId, cohortId), eq(evenings.status, "scheduled")))
    .orderBy(desc(evenings.endsAt))
    .get();
  return !!last && last.endsAt.getTime() <= now.getTime();
}

function activeCertificates(cohortId: number, db: Db) {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.cohortId, cohortId), isNull(certificates.revokedAt)))
    .all();
}

/** Who gets a certificate and who does not (and why), with any certificate already issued. */
export function previewCertificates(cohortId: number, db: Db = getDb()) {
  const active = new Map(activeCertificates(cohortId, db).map((c) => [c.userId, c]));
  return computeCohortCredits(cohortId, {}, db).map((p) => ({ ...p, certificate: active.get(p.userId) ?? null }));
}

/** Issues certificates to every qualifying participant who has no valid one. Returns how many were made. */
export function issueCertificates(cohortId: number, issuedByUserId: number, now = new Date(), db: Db = getDb()) {
  if (!cohortFinished(cohortId, now, db)) throw new CohortNotFinishedError();
  return db.transaction(
    (tx) => {
      const preview = previewCertificates(cohortId, tx as unknown as Db);
      let issued = 0;
      for (const p of preview) {
        if (!p.qualifies || p.certificate) continue;
        tx.insert(certificates)
          .values({ cohortId, userId: p.userId, verificationCode: generateToken(), hours: p.hours, issuedByUserId, issuedAt: now })
          .run();
        issued++;
      }
      return issued;
    },
    { behavior: "immediate" },
  );
}

export function revokeCertificate(id: number, reason: string, db: Db = getDb()) {
  db.update(certificates)
    .set({ revokedAt: new Date(), revokeReason: reason || null })
    .where(and(eq(certificates.id, id), isNull(certificates.revokedAt)))
    .run();
}

/** Revokes the old certificate (if still valid) and issues a new one with a fresh code and recomputed hours. */
export function reissueCertificate(id: number, issuedByUserId: number, db: Db = getDb()) {
  return db.transaction(
    (tx) => {
      const old = tx.select().from(certificates).where(eq(certificates.id, id)).get();
      if (!old) return null;
      const credit = computeCohortCredits(old.cohortId, { userId: old.userId }, tx as unknown as Db)[0];
      if (!credit?.qualifies) return null;
      tx.update(certificates)
        .set({ revokedAt: new Date(), revokeReason: old.revokeReason ?? "reissued" })
        .where(and(eq(certificates.cohortId, old.cohortId), eq(certificates.userId, old.userId), isNull(certificates.revokedAt)))
        .run();
      return tx
        .insert(certificates)
        .values({ cohortId: old.cohortId, userId: old.userId, verificationCode: generateToken(), hours: credit.hours, issuedByUserId })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

export function listCertificates(cohortId: number, db: Db = getDb()) {
  return db
    .select({ id: certificates.id, userId: certificates.userId, name: users.name, profession: users.profession, hours: certificates.hours, issuedAt: certificates.issuedAt, revokedAt: certificates.revokedAt, verificationCode: certificates.verificationCode })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.cohortId, cohortId))
    .orderBy(asc(users.name), desc(certificates.id))
    .limit(500)
    .all();
}

// The public verification page runs this on every request (built once, see db/prepared.ts).
const certificateByCode = preparedQuery((db) =>
  db
    .select({
      name: users.name,
      courseTitle: courseTemplates.title,
      cohortTitle: cohorts.title,
      hours: certificates.hours,
      issuedAt: certificates.issuedAt,
      revokedAt: certificates.revokedAt,
      cohortId: certificates.cohortId,
      userId: certificates.userId,
      profession: users.profession,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(cohorts, eq(cohorts.id, certificates.cohortId))
    .innerJoin(courseTemplates, eq(courseTemplates.id, cohorts.templateId))
    .where(eq(certificates.verificationCode, sql.placeholder("code")))
    .prepare(),
);

/** What the public verification page may show: nothing for an unknown code. */
export function verifyCode(code: string, db: Db = getDb()) {
  if (!/^[a-z2-7]{20,64}$/.test(code)) return null;
  const found = certificateByCode(db).get({ code });
  if (!found) return null;
  const { cohortId, userId, profession, ...shown } = found;
  return { ...shown, ...certificateFacts(cohortId, userId, profession, db) };
}

/**
 * What the certificate states besides name and hours, the same on the PDF and the verification page: who
 * approves the hours (and their reference), what an hour is, and which evenings the person attended.
 */
function certificateFacts(cohortId: number, userId: number, profession: Profession, db: Db) {
  const rule = getCreditRules(cohortId, db)[profession];
  const attended = db
    .select({ number: evenings.number, startsAt: evenings.startsAt, status: attendance.status, minutes: attendance.minutes })
    .from(attendance)
    .innerJoin(evenings, eq(evenings.id, attendance.eveningId))
    .where(
      and(
        eq(attendance.userId, userId),
        eq(evenings.cohortId, cohortId),
        eq(evenings.status, "scheduled"),
        inArray(attendance.status, ["present", "partial"]),
      ),
    )
    .orderBy(asc(evenings.startsAt))
    .all();
  return {
    approvingBody: rule.label,
    approvalReference: rule.reference,
    courseHourMinutes: rule.courseHourMinutes,
    eveningsAttended: attended.map((e) => ({ number: e.number, startsAt: e.startsAt, partialMinutes: e.status === "partial" ? e.minutes : null })),
  };
}

export function getCertificate(id: number, db: Db = getDb()) {
  return db.select().from(certificates).where(eq(certificates.id, id)).get() ?? null;
}

// The dashboard reads it on every request: built once (see db/prepared.ts).
const validCertificatesOf = preparedQuery((db) =>
  db
    .select({ id: certificates.id, cohortId: certificates.cohortId, cohortTitle: cohorts.title, hours: certificates.hours, issuedAt: certificates.issuedAt })
    .from(certificates)
    .innerJoin(cohorts, eq(cohorts.id, certificates.cohortId))
    .where(and(eq(certificates.userId, sql.placeholder("userId")), isNull(certificates.revokedAt)))
    .orderBy(desc(certificates.issuedAt))
    .limit(20)
    .prepare(),
);

/** The participant's valid certificates, newest first (the first of a cohort is its newest). */
export function myCertificates(userId: number, db: Db = getDb()) {
  return validCertificatesOf(db).all({ userId });
}

// ───────────── PDF ─────────────

function certificateData(id: number, db: Db) {
  const c = db
    .select({ cert: certificates, user: users, cohort: cohorts, template: courseTemplates })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(cohorts, eq(cohorts.id, certificates.cohortId))
    .innerJoin(courseTemplates, eq(courseTemplates.id, cohorts.templateId))
    .where(eq(certificates.id, id))
    .get();
  if (!c) return null;
  const evs = db
    .select()
    .from(evenings)
    .where(and(eq(evenings.cohortId, c.cohort.id), eq(evenings.status, "scheduled")))
    .orderBy(asc(evenings.startsAt))
    .all();
  const goals = db.select().from(learningGoals).where(eq(learningGoals.templateId, c.template.id)).orderBy(asc(learningGoals.position)).all();
  const organisers = db
    .select({ name: users.name })
    .from(cohortOrganisers)
    .innerJoin(users, eq(users.id, cohortOrganisers.userId))
    .where(eq(cohortOrganisers.cohortId, c.cohort.id))
    .orderBy(asc(users.name))
    .all();
  return {
    ...c,
    evenings: evs,
    goals: goals.map((g) => g.text),
    organisers: organisers.map((o) => o.name),
    facts: certificateFacts(c.cohort.id, c.user.id, c.user.profession, db),
  };
}

const PROFESSION_NB = { gp: "Fastlege", physio: "Fysioterapeut", other: "Annen" } as const;

/** Standard fonts use WinAnsi (æ, ø, å are in it); anything outside is replaced rather than crashing. */
function safe(font: PDFFont, text: string) {
  return [...text].map((ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return "?";
    }
  }).join("");
}

function wrap(font: PDFFont, text: string, size: number, width: number) {
  const words = safe(font, text).split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}


/** The certificate as a Norwegian A4 PDF, with a QR code to the verification page. */
export async function renderCertificatePdf(id: number, baseUrl: string, db: Db = getDb()): Promise<Uint8Array | null> {
  const d = certificateData(id, db);
  if (!d) return null;
  const verifyUrl = `${baseUrl.replace(/\/$/, "")}/verify/${d.cert.verificationCode}`;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Kursbevis – ${d.user.name}`);
  pdf.setLanguage("nb-NO");
  pdf.setAuthor("Knutepunkt");
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 60;
  const width = page.getWidth() - margin * 2;
  let y = page.getHeight() - 80;
  const draw = (text: string, opts: { size?: number; font?: PDFFont; gap?: number } = {}) => {
    const size = opts.size ?? 11;
    const font = opts.font ?? regular;
    for (const line of wrap(font, text, size, width)) {
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.1, 0.1, 0.15) });
      y -= size * 1.35;
    }
    y -= opts.gap ?? 4;
  };
  const first = d.evenings[0];
  const last = d.evenings[d.evenings.length - 1];
  draw("KURSBEVIS", { size: 26, font: bold, gap: 16 });
  draw(d.user.name, { size: 20, font: bold });
  draw(`${PROFESSION_NB[d.user.profession]}${d.user.hprNumber ? ` · HPR-nummer ${d.user.hprNumber}` : ""}`, { gap: 16 });
  draw(`har gjennomført kurset «${d.template.title}»`, { size: 13 });
  draw(`Kull: ${d.cohort.title}`);
  if (first && last) draw(`Kursdatoer: ${formatDate(first.startsAt)} – ${formatDate(last.startsAt)} (${d.evenings.length} kurskvelder)`);
  const f = d.facts;
  // The certificate is in bokmål whatever the reader's language.
  const tNb = await getFixedT("nb");
  draw(`Godkjente timer: ${courseHoursText(tNb, d.cert.hours, f.courseHourMinutes)}`, { font: bold });
  draw(tNb("common.courseHours.definition", { minutes: formatNumber(f.courseHourMinutes) }));
  if (f.approvingBody) draw(`Godkjennende instans: ${f.approvingBody}${f.approvalReference ? ` (referanse: ${f.approvalReference})` : ""}`);
  y -= 8;
  draw(`Kurskvelder deltatt: ${f.eveningsAttended.length} av ${d.evenings.length}`, { size: 13, font: bold });
  for (const e of f.eveningsAttended) {
    const partial = e.partialMinutes == null ? "" : ` (delvis, ${formatNumber(e.partialMinutes)} min)`;
    draw(`• Kveld ${e.number}: ${formatDate(e.startsAt)}${partial}`, { size: 10, gap: 1 });
  }
  y -= 8;
  if (d.goals.length) {
    draw("Læringsmål", { size: 13, font: bold });
    for (const g of d.goals) draw(`• ${g}`, { size: 10, gap: 1 });
    y -= 8;
  }
  if (d.organisers.length) draw(`Kursansvarlig: ${d.organisers.join(", ")}`);
  draw(`Utstedt: ${formatDate(d.cert.issuedAt)}`, { gap: 16 });

  const qr = await QRCode.toDataURL(verifyUrl, { margin: 1, width: 240, errorCorrectionLevel: "M" });
  const png = await pdf.embedPng(Buffer.from(qr.split(",")[1]!, "base64"));
  const qrSize = 110;
  const qrY = Math.min(y - qrSize, 150);
  page.drawImage(png, { x: margin, y: qrY, width: qrSize, height: qrSize });
  const tx = margin + qrSize + 16;
  page.drawText("Kontroller kursbeviset:", { x: tx, y: qrY + qrSize - 14, size: 10, font: bold });
  page.drawText(safe(regular, verifyUrl), { x: tx, y: qrY + qrSize - 30, size: 7, font: regular });
  page.drawText(`Kontrollkode: ${d.cert.verificationCode}`, { x: tx, y: qrY + qrSize - 46, size: 9, font: regular });
  return pdf.save();
}

// ───────────── exports ─────────────

const EXPORT_HEADERS = ["Navn", "E-post", "Yrke", "HPR-nummer", "Timer", "Godkjennende instans", "Oppmøte (%)", "Kontrollkode", "Utstedt"];

/** Credited participants (valid certificates) for reporting to the approving bodies. */
export function creditedRows(cohortId: number, db: Db = getDb()) {
  const rules = getCreditRules(cohortId, db);
  const credits = new Map(computeCohortCredits(cohortId, {}, db).map((c) => [c.userId, c]));
  return db
    .select({ cert: certificates, name: users.name, email: users.email, profession: users.profession, hpr: users.hprNumber })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(and(eq(certificates.cohortId, cohortId), isNull(certificates.revokedAt)))
    .orderBy(asc(users.name))
    .all()
    .map((r) => [
      r.name,
      r.email,
      PROFESSION_NB[r.profession],
      r.hpr ?? "",
      r.cert.hours,
      rules[r.profession].label,
      credits.get(r.cert.userId)?.attendancePercent ?? "",
      r.cert.verificationCode,
      formatDate(r.cert.issuedAt),
    ]);
}

/** Credited participants as rows for the CSV/.xlsx export (app/utils/export.server.ts writes the file). */
export function creditedTable(cohortId: number, db: Db = getDb()) {
  return [[...EXPORT_HEADERS] as (string | number)[], ...creditedRows(cohortId, db)];
}
