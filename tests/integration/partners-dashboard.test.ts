import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { confirmAgreement, saveAgreementVersion } from "../../app/models/agreements.server";
import { AgreementSchema } from "../../app/models/agreement-schema";
import { acceptPartnerRequest, leavePartnership, sendPartnerRequest } from "../../app/models/pairing/requests.server";
import { confirmedOnly, myActiveCohorts } from "../../app/models/cohorts/pages.server";
import { partnerDashboard } from "../../app/models/partners-dashboard.server";
import { createCohort, createUser, register } from "../helpers/factories";

describe("partner dashboard data", () => {
  it("shows pending incoming requests, then the partnership and the agreement's status", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { title: "Kull A" });
    const gp = await createUser(db, { profession: "gp", name: "Gro" });
    const physio = await createUser(db, { profession: "physio", name: "Per" });
    register(db, cohort.id, gp);
    register(db, cohort.id, physio);
    expect(partnerDashboard(gp.id)).toEqual([expect.objectContaining({ title: "Kull A", incoming: [], partnership: null, agreement: null })]);
    const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: physio.id, toUserId: gp.id, message: "" });
    expect(partnerDashboard(gp.id)[0]!.incoming.map((i) => i.name)).toEqual(["Per"]);
    expect(partnerDashboard(physio.id)[0]!.incoming).toEqual([]);
    const { partnershipId } = await acceptPartnerRequest({ requestId: r.id, userId: gp.id });
    let d = partnerDashboard(gp.id)[0]!;
    expect(d.incoming).toEqual([]);
    expect(d.partnership).toEqual({ id: partnershipId, complete: true, partners: ["Per"] });
    expect(d.agreement).toEqual({ version: null, inForce: false, needsMyConfirmation: false });
    const data = AgreementSchema.parse({ meetingFormat: "video", meetingFrequency: "Årlig", channels: ["phone"], responseTime: "1 dag", contactPersons: "Gro og Per" });
    const v = await saveAgreementVersion({ partnershipId, userId: physio.id, data });
    expect(partnerDashboard(gp.id)[0]!.agreement).toEqual({ version: 1, inForce: false, needsMyConfirmation: true });
    confirmAgreement({ partnershipId, versionId: v.id, userId: gp.id });
    confirmAgreement({ partnershipId, versionId: v.id, userId: physio.id });
    d = partnerDashboard(gp.id)[0]!;
    expect(d.agreement).toEqual({ version: 1, inForce: true, needsMyConfirmation: false });
  });

  it("reads all my confirmed cohorts at once: five newest requests each, my partnership there, not others' or left members", async () => {
    const db = getDb();
    const { cohort: a } = createCohort(db, { title: "Kull A", capacityPhysio: 20 });
    const { cohort: b } = createCohort(db, { title: "Kull B", capacityPhysio: 20 });
    const { cohort: waiting } = createCohort(db, { title: "Kull C", capacityGp: 0 });
    const gp = await createUser(db, { profession: "gp", name: "Gro" });
    register(db, a.id, gp);
    register(db, b.id, gp);
    register(db, waiting.id, gp, "waitlisted");
    const physios = [];
    for (let i = 1; i <= 7; i++) {
      const p = await createUser(db, { profession: "physio", name: `Fysio ${i}` });
      register(db, a.id, p);
      register(db, b.id, p);
      physios.push(p);
    }
    for (const p of physios.slice(0, 6)) await sendPartnerRequest({ cohortId: a.id, fromUserId: p.id, toUserId: gp.id, message: "" });
    // In B: a partnership of Gro with Fysio 1 and 2; Fysio 2 leaves. Fysio 3 and 4 pair up without Gro.
    const r1 = await sendPartnerRequest({ cohortId: b.id, fromUserId: physios[0]!.id, toUserId: gp.id, message: "" });
    const { partnershipId } = await acceptPartnerRequest({ requestId: r1.id, userId: gp.id });
    const r2 = await sendPartnerRequest({ cohortId: b.id, fromUserId: gp.id, toUserId: physios[1]!.id, message: "" });
    await acceptPartnerRequest({ requestId: r2.id, userId: physios[1]!.id });
    await leavePartnership({ cohortId: b.id, userId: physios[1]!.id, reason: "Flytter" });
    const r3 = await sendPartnerRequest({ cohortId: b.id, fromUserId: physios[2]!.id, toUserId: physios[3]!.id, message: "" });
    await acceptPartnerRequest({ requestId: r3.id, userId: physios[3]!.id });

    const dash = partnerDashboard(gp.id);
    expect(dash.map((c) => c.title)).toEqual(["Kull A", "Kull B"]);
    expect(dash[0]!.incoming.map((r) => r.name)).toEqual(["Fysio 6", "Fysio 5", "Fysio 4", "Fysio 3", "Fysio 2"]);
    expect(dash[0]!.incoming[0]).toEqual({ id: expect.any(Number), name: "Fysio 6", profession: "physio" });
    expect(dash[0]).toMatchObject({ slug: a.slug, partnership: null, agreement: null });
    expect(dash[1]).toMatchObject({
      slug: b.slug,
      incoming: [],
      partnership: { id: partnershipId, complete: true, partners: ["Fysio 1"] },
      agreement: { version: null, inForce: false, needsMyConfirmation: false },
    });
    expect(partnerDashboard(physios[3]!.id)[1]!.partnership).toMatchObject({ partners: ["Fysio 3"], complete: false });
    // The caller may pass the cohorts it has read already.
    expect(partnerDashboard(gp.id, confirmedOnly(myActiveCohorts(gp.id)))).toEqual(dash);
    expect(partnerDashboard(gp.id, [])).toEqual([]);
  });
});
