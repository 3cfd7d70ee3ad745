/**
 * The partnership agreement ("samarbeidsavtale"). Saving makes a new version; every current member
 * confirms it; it is "in force" when all current members have confirmed the latest version. Only the
 * partnership's members and the cohort's organisers (and admins) may see it.
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { PDFDocument, StandardFonts, rgb, type PDFFont } from "pdf-lib";
import { AgreementSchema, agreementRows, type AgreementData } from "./agreement-schema";
import { getDb, type Db } from "../../db/client";
import { preparedQuery } from "../../db/prepared";
import { agreementConfirmations, agreementVersions, cohorts, partnershipMembers, partnerships, users } from "../../db/schema";
import { getFixedT } from "../i18next.server";
import { formatDate } from "../utils/time";
import { queueEmail } from "./notifications.server";
import { activeMembers, type MemberView } from "./pairing/partnerships.server";

export { AgreementSchema, MEETING_FORMATS, CHANNELS, agreementRows, type AgreementData } from "./agreement-schema";

export class AgreementError extends Error {
  constructor(public code: "notMember" | "outdated" | "noVersion") {
    super(`agreement: ${code}`);
    this.name = "AgreementError";
  }
}

/** Whether the person is a current member of the partnership. */
export function isActiveMember(partnershipId: number, userId: number) {
  return !!getDb()
    .select({ id: partnershipMembers.id })
    .from(partnershipMembers)
    .where(
      and(eq(partnershipMembers.partnershipId, partnershipId), eq(partnershipMembers.userId, userId), isNull(partnershipMembers.leftAt))
    )
    .get();
}

export type AgreementView = ReturnType<typeof getAgreement>;

/** The partnership, its members, the latest version with its confirmations, and the version history. */
export function getAgreement(partnershipId: number, { version }: { version?: number } = {}) {
  const db = getDb();
  const partnership = db
    .select({
      id: partnerships.id,
      cohortId: partnerships.cohortId,
      dissolvedAt: partnerships.dissolvedAt,
      cohortTitle: cohorts.title,
      cohortSlug: cohorts.slug,
    })
    .from(partnerships)
    .innerJoin(cohorts, eq(cohorts.id, partnerships.cohortId))
    .where(eq(partnerships.id, partnershipId))
    .get();
  if (!partnership) return null;
  const members: MemberView[] = activeMembers(partnershipId);
  const history = db
    .select({
      id: agreementVersions.id,
      version: agreementVersions.version,
      createdAt: agreementVersions.createdAt,
      createdBy: users.name,
      confirmations: sql<number>`(select count(*) from ${agreementConfirmations} where ${agreementConfirmations.agreementVersionId} = ${agreementVersions.id})`,
    })
    .from(agreementVersions)
    .leftJoin(users, eq(users.id, agreementVersions.createdByUserId))
    .where(eq(agreementVersions.partnershipId, partnershipId))
    .orderBy(desc(agreementVersions.version))
    .limit(100)
    .all();
  const latestNumber = history[0]?.version;
  const shownNumber = version && history.some((h) => h.version === version) ? version : latestNumber;
  const shown = shownNumber
    ? db
        .select()
        .from(agreementVersions)
        .where(and(eq(agreementVersions.partnershipId, partnershipId), eq(agreementVersions.version, shownNumber)))
        .get()
    : undefined;
  const confirmations = shown
    ? db
        .select({ userId: agreementConfirmations.userId, confirmedAt: agreementConfirmations.confirmedAt, name: users.name })
        .from(agreementConfirmations)
        .innerJoin(users, eq(users.id, agreementConfirmations.userId))
        .where(eq(agreementConfirmations.agreementVersionId, shown.id))
        .all()
    : [];
  const confirmedIds = new Set(confirmations.map((c) => c.userId));
  const isLatest = !!shown && shown.version === latestNumber;
  const inForce = isLatest && members.length > 0 && members.every((m) => confirmedIds.has(m.userId));
  return {
    partnership,
    members: members.map((m) => ({ ...m, confirmedAt: confirmations.find((c) => c.userId === m.userId)?.confirmedAt ?? null })),
    version: shown
      ? { id: shown.id, version: shown.version, data: shown.data as AgreementData, createdAt: shown.createdAt, isLatest }
      : null,
    latestVersion: latestNumber ?? null,
    inForce,
    history,
  };
}

/** Saves the agreement as a new version (1, 2, ...) and tells the other members it awaits their confirmation. */
export async function saveAgreementVersion(input: { partnershipId: number; userId: number; data: AgreementData; baseUrl?: string }) {
  const data = AgreementSchema.parse(input.data);
  const [nb, en] = await Promise.all([getFixedT("nb"), getFixedT("en")]);
  return getDb().transaction(
    (tx) => {
      if (!isActiveMember(input.partnershipId, input.userId)) throw new AgreementError("notMember");
      const max = tx
        .select({ v: sql<number | null>`max(${agreementVersions.version})` })
        .from(agreementVersions)
        .where(eq(agreementVersions.partnershipId, input.partnershipId))
        .get()?.v;
      const row = tx
        .insert(agreementVersions)
        .values({
          partnershipId: input.partnershipId,
          version: (max ?? 0) + 1,
          data,
          reviewDate: data.reviewDate ?? null,
          createdByUserId: input.userId,
        })
        .returning()
        .get();
      const author = tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId)).get()!;
      const others = tx
        .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
        .from(partnershipMembers)
        .innerJoin(users, eq(users.id, partnershipMembers.userId))
        .where(and(eq(partnershipMembers.partnershipId, input.partnershipId), isNull(partnershipMembers.leftAt)))
        .all()
        .filter((m) => m.id !== input.userId);
      for (const m of others) {
        const t = m.locale === "en" ? en : nb;
        queueEmail(
          {
            to: m.email,
            userId: m.id,
            subject: t("partners.email.agreementSaved.subject", { version: row.version }),
            text: t("partners.email.agreementSaved.body", {
              name: m.name,
              author: author.name,
              version: row.version,
              url: `${input.baseUrl ?? ""}/partnerships/${input.partnershipId}/agreement`,
            }),
            kind: "partners.agreementSaved",
            dedupeKey: `agreement-${row.id}-to-${m.id}`,
          },
          m.locale
        );
      }
      return row;
    },
    { behavior: "immediate" }
  );
}

/** A current member confirms the latest version; confirming an older version is refused. Idempotent. */
export function confirmAgreement(input: { partnershipId: number; versionId: number; userId: number }) {
  return getDb().transaction(
    (tx) => {
      if (!isActiveMember(input.partnershipId, input.userId)) throw new AgreementError("notMember");
      const latest = tx
        .select({ id: agreementVersions.id })
        .from(agreementVersions)
        .where(eq(agreementVersions.partnershipId, input.partnershipId))
        .orderBy(desc(agreementVersions.version))
        .limit(1)
        .get();
      if (!latest) throw new AgreementError("noVersion");
      if (latest.id !== input.versionId) throw new AgreementError("outdated");
      tx.insert(agreementConfirmations).values({ agreementVersionId: latest.id, userId: input.userId }).onConflictDoNothing().run();
    },
    { behavior: "immediate" }
  );
}

/** For the dashboard: per partnership id, whether an agreement exists, is in force, and awaits my confirmation. */
export type AgreementStatus = { version: number | null; inForce: boolean; needsMyConfirmation: boolean };

/** The agreement's state of the partnerships `which` selects, for `me` (a user id or a placeholder for one). */
function agreementStatusQuery(db: Db, me: unknown, which: SQL | undefined) {
  const latest = sql`(select max(${agreementVersions.version}) from ${agreementVersions} where ${agreementVersions.partnershipId} = ${partnerships.id})`;
  const currentMembers = sql`${partnershipMembers.partnershipId} = ${partnerships.id} and ${partnershipMembers.leftAt} is null`;
  const confirmedLatest = sql`exists (select 1 from ${agreementConfirmations} where ${agreementConfirmations.agreementVersionId} = ${agreementVersions.id} and ${agreementConfirmations.userId} = ${partnershipMembers.userId})`;
  return db
    .select({
      partnershipId: partnerships.id,
      version: agreementVersions.version,
      members: sql<number>`(select count(*) from ${partnershipMembers} where ${currentMembers})`,
      confirmed: sql<number>`(select count(*) from ${partnershipMembers} where ${currentMembers} and ${confirmedLatest})`,
      iAmMember: sql<number>`exists (select 1 from ${partnershipMembers} where ${currentMembers} and ${partnershipMembers.userId} = ${me})`,
      iConfirmed: sql<number>`exists (select 1 from ${agreementConfirmations} where ${agreementConfirmations.agreementVersionId} = ${agreementVersions.id} and ${agreementConfirmations.userId} = ${me})`,
    })
    .from(partnerships)
    .leftJoin(agreementVersions, and(eq(agreementVersions.partnershipId, partnerships.id), eq(agreementVersions.version, latest)))
    .where(which);
}

function toStatuses(rows: { partnershipId: number; version: number | null; members: number; confirmed: number; iAmMember: number; iConfirmed: number }[]) {
  const out = new Map<number, AgreementStatus>();
  for (const r of rows) {
    const hasVersion = r.version !== null;
    out.set(r.partnershipId, {
      version: r.version,
      inForce: hasVersion && r.members > 0 && r.confirmed === r.members,
      needsMyConfirmation: hasVersion && !!r.iAmMember && !r.iConfirmed,
    });
  }
  return out;
}

/**
 * The agreement's state for the dashboard, in one query for all the partnerships: the latest version,
 * whether every current member has confirmed it (in force) and whether I still must. Same rules as
 * getAgreement, without loading the text, the history and the member list.
 */
export function agreementStatusFor(partnershipIds: number[], userId: number): Map<number, AgreementStatus> {
  if (partnershipIds.length === 0) return new Map();
  return toStatuses(agreementStatusQuery(getDb(), userId, inArray(partnerships.id, partnershipIds)).all());
}

// agreementStatusFor of the partnerships I am a current member of; the dashboard runs it on every request.
const statusOfMyAgreements = preparedQuery((db) => {
  const me = sql.placeholder("userId");
  const mine = db
    .select({ id: partnershipMembers.partnershipId })
    .from(partnershipMembers)
    .where(and(eq(partnershipMembers.userId, me), isNull(partnershipMembers.leftAt)));
  return agreementStatusQuery(db, me, inArray(partnerships.id, mine)).prepare();
});

/** `agreementStatusFor` every partnership the person is a current member of, by partnership id. */
export function myAgreementStatuses(userId: number): Map<number, AgreementStatus> {
  return toStatuses(statusOfMyAgreements().all({ userId }));
}

// ───────────────────────────── PDF ─────────────────────────────

/** Keeps only characters the standard Helvetica (WinAnsi) can draw; æøåÆØÅ and «»–— survive. */
function drawable(font: PDFFont, s: string) {
  const supported = new Set(font.getCharacterSet());
  return [...s.replace(/\r/g, "")].map((ch) => (ch === "\n" || supported.has(ch.codePointAt(0)!) ? ch : "?")).join("");
}

function wrap(font: PDFFont, size: number, s: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of s.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width) line = next;
      else {
        if (line) lines.push(line);
        // A word longer than a line is broken by characters.
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** An A4 PDF of the shown version: the labelled fields, members and their confirmations. */
export async function agreementPdf(view: NonNullable<AgreementView>, locale: "nb" | "en" = "nb"): Promise<Uint8Array> {
  const t = await getFixedT(locale);
  const doc = await PDFDocument.create();
  doc.setTitle(t("partners.agreement.title"));
  doc.setLanguage(locale === "en" ? "en" : "nb-NO");
  doc.setProducer("Knutepunkt");
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const A4: [number, number] = [595.28, 841.89];
  const margin = 50;
  const width = A4[0] - margin * 2;
  let page = doc.addPage(A4);
  let y = A4[1] - margin;
  const ensure = (h: number) => {
    if (y - h < margin) {
      page = doc.addPage(A4);
      y = A4[1] - margin;
    }
  };
  const write = (s: string, opts: { size?: number; f?: PDFFont; gap?: number; color?: [number, number, number] } = {}) => {
    const size = opts.size ?? 11;
    const f = opts.f ?? font;
    for (const line of wrap(f, size, drawable(f, s), width)) {
      ensure(size * 1.4);
      page.drawText(line, { x: margin, y: y - size, size, font: f, color: rgb(...(opts.color ?? [0, 0, 0])) });
      y -= size * 1.4;
    }
    y -= opts.gap ?? 0;
  };
  write(t("partners.agreement.title"), { size: 20, f: bold, gap: 4 });
  write(view.partnership.cohortTitle, { size: 12, gap: 2 });
  if (view.version) {
    write(t("partners.agreement.versionLine", { version: view.version.version, date: formatDate(view.version.createdAt, locale) }), {
      size: 10,
      color: [0.3, 0.3, 0.3],
    });
    write(view.inForce ? t("partners.agreement.inForce") : t("partners.agreement.notInForce"), { size: 11, f: bold, gap: 10 });
  }
  write(t("partners.agreement.members"), { size: 13, f: bold, gap: 2 });
  for (const m of view.members) {
    const confirmed = m.confirmedAt
      ? t("partners.agreement.confirmedOn", { date: formatDate(m.confirmedAt, locale) })
      : t("partners.agreement.notConfirmed");
    write(
      `${m.name}, ${t(`common.professions.${m.profession}`)}${m.practice ? `, ${m.practice}` : ""}${
        m.municipality ? ` (${m.municipality})` : ""
      }. ${confirmed}`
    );
  }
  y -= 10;
  if (view.version) {
    for (const [label, value] of agreementRows(view.version.data, t as never, locale)) {
      write(label, { size: 11, f: bold });
      write(value, { gap: 8 });
    }
  }
  write(t("common.footer.noPatientData"), { size: 9, color: [0.3, 0.3, 0.3] });
  return doc.save();
}

/** Ids of partnerships with at least one version (for listings). */
export function partnershipsWithAgreement(ids: number[]) {
  if (ids.length === 0) return new Set<number>();
  return new Set(
    getDb()
      .selectDistinct({ id: agreementVersions.partnershipId })
      .from(agreementVersions)
      .where(inArray(agreementVersions.partnershipId, ids))
      .all()
      .map((r) => r.id)
  );
}
