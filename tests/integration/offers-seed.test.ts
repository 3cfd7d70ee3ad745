import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { listTreatmentForms, searchOffers } from "../../app/models/offers/offers.server";

describe("demo data", () => {
  it("has published offers from a few physiotherapists, one of them possibly out of date", async () => {
    await seedDemo(getDb());
    const all = searchOffers({});
    expect(all.total).toBe(5);
    expect(new Set(all.rows.map((r) => r.userId)).size).toBe(5);
    expect(all.rows.every((r) => r.ownerProfession === "physio")).toBe(true);
    expect(all.rows.filter((r) => r.stale)).toHaveLength(1);
    // A GP in Malvik finds offers next door (Trondheim, Stjørdal) by treatment form.
    const group = listTreatmentForms().find((f) => f.slug === "pain-group")!;
    expect(searchOffers({ municipality: "Malvik", neighbours: true, formId: group.id }).total).toBeGreaterThan(0);
  }, 60_000);
});
