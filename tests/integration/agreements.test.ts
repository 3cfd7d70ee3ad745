import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { AgreementSchema, type AgreementData } from "../../app/models/agreement-schema";
import {
  AgreementError,
  agreementPdf,
  agreementStatusFor,
  confirmAgreement,
  getAgreement,
  saveAgreementVersion,
} from "../../app/models/agreements.server";
import { acceptPartnerRequest, leavePartnership, sendPartnerRequest } from "../../app/models/pairing/requests.server";
import { createCohort, createUser, register } from "../helpers/factories";

const sample: AgreementData = AgreementSchema.parse({
  meetingFormat: "mixed",
  meetingFrequency: "Hver tredje måned",
  channels: ["dialogmelding", "epikrise", "other"],
  channelsOther: "Felles møte på Ørland",
  responseTime: "Innen to virkedager",
  firstAppointmentDays: "7",
  contactPersons: "Åse Ødegård, 912 34 567, tirsdager 08.00–09.00",
  reviewDate: "2027-09-16",
  notes: "Vi evaluerer på siste kurskveld.",
});

async function partnership() {
  const db = getDb();
  const { cohort } = createCohort(db);
  const gp = await createUser(db, { profession: "gp", name: "Gro Lege" });
  const physio = await createUser(db, { profession: "physio", name: "Åse Ødegård" });
  const outsider = await createUser(db, { profession: "physio" });
  for (const u of [gp, physio, outsider]) register(db, cohort.id, u);
  const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
  const { partnershipId } = await acceptPartnerRequest({ requestId: r.id, userId: gp.id });
  return { cohort, gp, physio, outsider, partnershipId };
}

/** The dashboard's one-query status must say what the full agreement view says, for each person. */
function expectStatusAsInView(partnershipId: number, userIds: number[]) {
  const view = getAgreement(partnershipId)!;
  for (const userId of userIds) {
    const me = view.members.find((m) => m.userId === userId);
    expect(agreementStatusFor([partnershipId], userId).get(partnershipId)).toEqual({
      version: view.latestVersion,
      inForce: view.inForce,
      needsMyConfirmation: !!view.version && !!me && !me.confirmedAt,
    });
  }
}

describe("the agreement schema", () => {
  it("requires format, frequency, at least one channel, response time, contact persons; 'other' needs a description", () => {
    const r = AgreementSchema.safeParse({ channels: [] });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["meetingFormat", "meetingFrequency", "channels", "responseTime", "contactPersons"]));
    const other = AgreementSchema.safeParse({ ...sample, channels: ["other"], channelsOther: "" });
    expect(other.success).toBe(false);
    expect(other.error!.issues[0]!.message).toBe("partners.agreement.errors.channelsOther");
    expect(AgreementSchema.safeParse({ ...sample, firstAppointmentDays: 400 }).success).toBe(false);
    expect(AgreementSchema.safeParse({ ...sample, reviewDate: "16.09.2027" }).success).toBe(false);
  });
});

describe("agreement versions and confirmations", () => {
  it("is in force only when every current member confirmed the latest version; an edit needs confirmation again", async () => {
    const { gp, physio, outsider, partnershipId } = await partnership();
    const everyone = [gp.id, physio.id, outsider.id];
    expect(getAgreement(partnershipId)!.version).toBeNull();
    expectStatusAsInView(partnershipId, everyone);
    const v1 = await saveAgreementVersion({ partnershipId, userId: physio.id, data: sample });
    expect(v1.version).toBe(1);
    expect(getDb().select().from(emailOutbox).where(eq(emailOutbox.toAddress, gp.email)).all().some((m) => m.kind === "partners.agreementSaved")).toBe(true);
    expectStatusAsInView(partnershipId, everyone);
    confirmAgreement({ partnershipId, versionId: v1.id, userId: physio.id });
    expect(getAgreement(partnershipId)!.inForce).toBe(false);
    expectStatusAsInView(partnershipId, everyone);
    confirmAgreement({ partnershipId, versionId: v1.id, userId: gp.id });
    confirmAgreement({ partnershipId, versionId: v1.id, userId: gp.id }); // idempotent
    expect(getAgreement(partnershipId)!.inForce).toBe(true);
    expectStatusAsInView(partnershipId, everyone);

    const v2 = await saveAgreementVersion({ partnershipId, userId: gp.id, data: { ...sample, responseTime: "Samme dag" } });
    expect(v2.version).toBe(2);
    let view = getAgreement(partnershipId)!;
    expect(view.inForce).toBe(false);
    expectStatusAsInView(partnershipId, everyone);
    expect(view.version!.data.responseTime).toBe("Samme dag");
    expect(view.history.map((h) => h.version)).toEqual([2, 1]);
    expect(() => confirmAgreement({ partnershipId, versionId: v1.id, userId: physio.id })).toThrow(AgreementError);
    confirmAgreement({ partnershipId, versionId: v2.id, userId: physio.id });
    confirmAgreement({ partnershipId, versionId: v2.id, userId: gp.id });
    view = getAgreement(partnershipId)!;
    expect(view.inForce).toBe(true);
    // The old version stays readable, and is not "in force".
    const old = getAgreement(partnershipId, { version: 1 })!;
    expect(old.version!.data.responseTime).toBe("Innen to virkedager");
    expect(old.inForce).toBe(false);
  });

  it("only current members save or confirm", async () => {
    const { physio, outsider, partnershipId, cohort, gp } = await partnership();
    await expect(saveAgreementVersion({ partnershipId, userId: outsider.id, data: sample })).rejects.toBeInstanceOf(AgreementError);
    const v1 = await saveAgreementVersion({ partnershipId, userId: physio.id, data: sample });
    expect(() => confirmAgreement({ partnershipId, versionId: v1.id, userId: outsider.id })).toThrow(AgreementError);
    // A third member joins: the agreement is no longer in force until they confirm.
    confirmAgreement({ partnershipId, versionId: v1.id, userId: physio.id });
    confirmAgreement({ partnershipId, versionId: v1.id, userId: gp.id });
    const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: outsider.id, toUserId: gp.id, message: "" });
    await acceptPartnerRequest({ requestId: r.id, userId: gp.id });
    expect(getAgreement(partnershipId)!.inForce).toBe(false);
    expectStatusAsInView(partnershipId, [gp.id, physio.id, outsider.id]);
    await leavePartnership({ cohortId: cohort.id, userId: outsider.id, reason: "" });
    expect(getAgreement(partnershipId)!.inForce).toBe(true);
    expectStatusAsInView(partnershipId, [gp.id, physio.id, outsider.id]);
  });

  it("makes an A4 PDF in which Norwegian letters survive", async () => {
    const { physio, partnershipId } = await partnership();
    await saveAgreementVersion({ partnershipId, userId: physio.id, data: { ...sample, notes: "Smilefjes 🙂 blir spørsmålstegn; «sitat» og æøå ÆØÅ står." } });
    const bytes = await agreementPdf(getAgreement(partnershipId)!, "nb");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes) }).promise;
    const page = await doc.getPage(1);
    const [, , w, h] = page.view;
    expect(Math.round(w!)).toBe(595);
    expect(Math.round(h!)).toBe(842);
    let text = "";
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ("str" in it ? it.str : "")).join(" ") + " ";
    }
    text = text.replace(/\s+/g, " ");
    expect(text).toContain("Samarbeidsavtale");
    expect(text).toContain("Åse Ødegård");
    expect(text).toContain("Felles møte på Ørland");
    expect(text).toContain("æøå ÆØÅ");
    expect(text).toContain("Dialogmelding over Norsk Helsenett");
    expect(text).toContain("Første time innen 7 dager");
  });
});
