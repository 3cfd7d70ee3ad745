import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { confirmAgreement, saveAgreementVersion } from "../../app/models/agreements.server";
import { AgreementSchema } from "../../app/models/agreement-schema";
import { acceptPartnerRequest, sendPartnerRequest } from "../../app/models/pairing.server";
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
});
