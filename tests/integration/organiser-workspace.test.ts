import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { agreementConfirmations, agreementVersions, attendance, surveys } from "../../db/schema";
import { cohortParticipants, joinPreview, suggestAllForCohort } from "../../app/models/pairing/matching.server";
import { pairByOrganiser } from "../../app/models/pairing/requests.server";
import { myPartnership } from "../../app/models/pairing/partnerships.server";
import { agreementStatusFor } from "../../app/models/agreements.server";
import { organiserTodos } from "../../app/models/cohorts/organiser-overview.server";
import { createCohort, createPartnership, createUser, register } from "../helpers/factories";

async function pairedCohort() {
  const db = getDb();
  const organiser = await createUser(db, { profession: "other" });
  const { cohort, evenings } = createCohort(db, { organiserIds: [organiser.id], capacityGp: 10, capacityPhysio: 10 });
  const gp = await createUser(db, { profession: "gp", name: "Anne Lege", municipality: "Malvik" });
  const physio = await createUser(db, { profession: "physio", name: "Cato Fysio", municipality: "Malvik" });
  const gpFree = await createUser(db, { profession: "gp", name: "Bjørn Lege", municipality: "Levanger" });
  const newcomer = await createUser(db, { profession: "physio", name: "Dina Fysio", municipality: "Malvik" });
  const newcomer2 = await createUser(db, { profession: "physio", name: "Eli Fysio", municipality: "Malvik" });
  for (const u of [gp, physio, gpFree, newcomer, newcomer2]) register(db, cohort.id, u);
  const partnership = createPartnership(db, cohort.id, [gp.id, physio.id]);
  // An agreement both have confirmed: in force.
  const version = db.insert(agreementVersions).values({ partnershipId: partnership.id, version: 1, data: {}, createdByUserId: gp.id }).returning().get();
  db.insert(agreementConfirmations).values([{ agreementVersionId: version.id, userId: gp.id }, { agreementVersionId: version.id, userId: physio.id }]).run();
  return { db, organiser, cohort, evenings, gp, physio, gpFree, newcomer, newcomer2, partnership };
}

describe("matching never changes an existing partnership unasked", () => {
  it("'suggest all' proposes only people without a partnership, even when a partnered GP is nearer", async () => {
    const { cohort, gp, gpFree, newcomer, newcomer2 } = await pairedCohort();
    const proposal = suggestAllForCohort(cohortParticipants(cohort.id));
    expect(proposal.map((p) => p.gpId)).not.toContain(gp.id);
    expect(proposal.map((p) => [p.gpId, p.physioId]).sort()).toEqual([[gpFree.id, newcomer.id], [gpFree.id, newcomer2.id]].sort());
  });

  it("saving a pair with a partnered GP is refused unless the partnership is named; named, it joins and the agreement needs new confirmations", async () => {
    const { organiser, cohort, gp, newcomer, partnership } = await pairedCohort();
    expect(agreementStatusFor([partnership.id], 0).get(partnership.id)!.inForce).toBe(true);
    const refused = await pairByOrganiser({ cohortId: cohort.id, organiserId: organiser.id, pairs: [{ gpId: gp.id, physioId: newcomer.id }] });
    expect(refused).toEqual([{ gpId: gp.id, physioId: newcomer.id, error: "gpTaken" }]);
    expect(myPartnership(cohort.id, gp.id)!.members).toHaveLength(2);

    const preview = joinPreview(cohort.id, gp.id, newcomer.id)!;
    expect(preview).toMatchObject({ partnershipId: partnership.id, members: ["Anne Lege", "Cato Fysio"], agreementInForce: true });
    const wrong = await pairByOrganiser({
      cohortId: cohort.id,
      organiserId: organiser.id,
      pairs: [{ gpId: gp.id, physioId: newcomer.id }],
      joinPartnershipId: partnership.id + 1000,
    });
    expect(wrong[0]).toMatchObject({ error: "partnershipChanged" });
    const joined = await pairByOrganiser({
      cohortId: cohort.id,
      organiserId: organiser.id,
      pairs: [{ gpId: gp.id, physioId: newcomer.id }],
      joinPartnershipId: preview.partnershipId,
    });
    expect(joined).toEqual([{ gpId: gp.id, physioId: newcomer.id, partnershipId: partnership.id }]);
    expect(myPartnership(cohort.id, gp.id)!.members).toHaveLength(3);
    expect(agreementStatusFor([partnership.id], 0).get(partnership.id)!.inForce).toBe(false);
  });

  it("a proposal may give a free GP two physiotherapists in one new partnership", async () => {
    const { organiser, cohort, gpFree, newcomer, newcomer2 } = await pairedCohort();
    const results = await pairByOrganiser({
      cohortId: cohort.id,
      organiserId: organiser.id,
      pairs: [
        { gpId: gpFree.id, physioId: newcomer.id },
        { gpId: gpFree.id, physioId: newcomer2.id },
      ],
    });
    expect(results.every((r) => "partnershipId" in r)).toBe(true);
    expect(myPartnership(cohort.id, gpFree.id)!.members.map((m) => m.name).sort()).toEqual(["Bjørn Lege", "Dina Fysio", "Eli Fysio"]);
  });
});

describe("the organiser overview's to-dos", () => {
  it("lists the next evening, unmarked attendance at held evenings, unpaired participants and open evaluations", async () => {
    const { db, cohort, evenings, gp, physio } = await pairedCohort();
    const now = new Date("2027-03-20T12:00:00Z"); // evenings 1 and 2 held
    db.insert(attendance)
      .values([
        { eveningId: evenings[0]!.id, userId: gp.id, status: "present", minutes: 180, source: "rollcall" },
        { eveningId: evenings[0]!.id, userId: physio.id, status: "absent", minutes: 0, source: "rollcall" },
      ])
      .run();
    db.insert(surveys)
      .values({ cohortId: cohort.id, title: "Kveld 2", opensAt: new Date("2027-03-11T20:00:00Z"), closesAt: new Date("2027-03-25T20:00:00Z") })
      .run();
    const todo = organiserTodos([cohort.id], now).get(cohort.id)!;
    expect(todo.nextEvening).toMatchObject({ number: 3 });
    expect(todo.unmarkedEvenings).toEqual([
      { number: 1, missing: 3 },
      { number: 2, missing: 5 },
    ]);
    expect(todo.unpaired).toBe(3);
    expect(todo.openSurveys).toBe(1);
    expect(todo.certificatesToIssue).toBe(0);
  });
});
