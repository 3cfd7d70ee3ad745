import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildNeighbourMap, proximityTier, rankSuggestions, suggestAll, TRONDELAG_NEIGHBOURS, type GpSlot } from "../../app/models/pairing/suggestions";

const c = (id: number, municipality: string | null, partnerCount = 0, extra: { practice?: string; name?: string } = {}) => ({ id, municipality, partnerCount, ...extra });

describe("suggestion ranking (pure)", () => {
  it("neighbour map is symmetric and case-insensitive; unknown municipalities have no neighbours", () => {
    expect(proximityTier("Malvik", "malvik")).toBe(0);
    expect(proximityTier("Trondheim", "Malvik")).toBe(1);
    expect(proximityTier("Malvik", "Trondheim")).toBe(1);
    expect(proximityTier("Stjørdal", "Levanger")).toBe(1);
    expect(proximityTier("Trondheim", "Levanger")).toBe(2);
    expect(proximityTier("Bergen", "Trondheim")).toBe(2);
    expect(proximityTier(null, "Trondheim")).toBe(2);
    expect(proximityTier("", "")).toBe(2);
    for (const [k, set] of TRONDELAG_NEIGHBOURS) for (const n of set) expect(TRONDELAG_NEIGHBOURS.get(n)!.has(k)).toBe(true);
  });

  it("same municipality first, then a neighbour, then the rest", () => {
    const ranked = rankSuggestions({ municipality: "Malvik" }, [c(1, "Levanger"), c(2, "Trondheim"), c(3, "Malvik"), c(4, null), c(5, "Stjørdal")]);
    expect(ranked.map((r) => r.id)).toEqual([3, 2, 5, 1, 4]);
    expect(ranked.map((r) => r.tier)).toEqual([0, 1, 1, 2, 2]);
  });

  it("within a municipality tie, fewest partners first (physiotherapists spread across GPs)", () => {
    const ranked = rankSuggestions({ municipality: "Trondheim" }, [c(1, "Trondheim", 2), c(2, "Trondheim", 0), c(3, "Trondheim", 1), c(4, "Malvik", 0)]);
    expect(ranked.map((r) => r.id)).toEqual([2, 3, 1, 4]);
  });

  it("the municipality beats load: a busy GP next door ranks above an idle GP far away", () => {
    const ranked = rankSuggestions({ municipality: "Levanger" }, [c(1, "Trondheim", 0), c(2, "Levanger", 3)]);
    expect(ranked.map((r) => r.id)).toEqual([2, 1]);
  });

  it("same practice wins within a tier; the order is stable by name then id", () => {
    const ranked = rankSuggestions({ municipality: "Trondheim", practice: "Lade helsehus" }, [
      c(1, "Trondheim", 0, { name: "Berit" }),
      c(2, "Trondheim", 1, { practice: "Lade Helsehus", name: "Cecilie" }),
      c(3, "Trondheim", 0, { name: "Anne" }),
    ]);
    expect(ranked.map((r) => r.id)).toEqual([2, 3, 1]);
  });

  it("a custom neighbour map can be given (and none means municipality + load only)", () => {
    const none = buildNeighbourMap([]);
    expect(rankSuggestions({ municipality: "Malvik" }, [c(1, "Trondheim", 1), c(2, "Levanger", 0)], none).map((r) => r.id)).toEqual([2, 1]);
  });
});

describe("suggest all (pure)", () => {
  it("gives every GP a physiotherapist before any GP gets a second, and prefers the same municipality", () => {
    const gps: GpSlot[] = [
      { id: 1, municipality: "Trondheim", load: 0 },
      { id: 2, municipality: "Levanger", load: 0 },
      { id: 3, municipality: "Malvik", load: 0 },
    ];
    const physios = [
      { id: 11, municipality: "Trondheim" },
      { id: 12, municipality: "Trondheim" },
      { id: 13, municipality: "Trondheim" },
      { id: 14, municipality: "Levanger" },
    ];
    const proposal = suggestAll(gps, physios);
    expect(proposal).toHaveLength(4);
    const byGp = new Map<number, number[]>();
    for (const p of proposal) byGp.set(p.gpId, [...(byGp.get(p.gpId) ?? []), p.physioId]);
    expect(byGp.get(2)).toEqual([14]); // Levanger GP gets the Levanger physio
    expect(byGp.get(3)).toHaveLength(1); // Malvik GP gets a neighbouring Trondheim physio
    expect(proposal.find((p) => p.gpId === 3)!.tier).toBe(1);
    expect(byGp.get(1)).toHaveLength(2);
  });

  it("counts existing load: a GP who already has two physiotherapists gets none while others have fewer", () => {
    const proposal = suggestAll(
      [
        { id: 1, municipality: "Trondheim", load: 2 },
        { id: 2, municipality: "Levanger", load: 0 },
      ],
      [
        { id: 11, municipality: "Trondheim" },
        { id: 12, municipality: "Trondheim" },
      ],
    );
    expect(proposal.map((p) => p.gpId)).toEqual([2, 2]);
  });

  it("200 GPs and 400 physiotherapists: complete, balanced (max load − min load ≤ 1) and well under a second", () => {
    const municipalities = ["Trondheim", "Malvik", "Stjørdal", "Levanger", "Verdal", "Steinkjer", "Melhus", "Orkland", "Bergen"];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const gps = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, name: `Lege ${i}`, municipality: municipalities[Math.floor(rand() * municipalities.length)]!, load: 0 }));
    const physios = Array.from({ length: 400 }, (_, i) => ({ id: 1000 + i, name: `Fysio ${i}`, municipality: municipalities[Math.floor(rand() * municipalities.length)]! }));
    const started = performance.now();
    const proposal = suggestAll(gps, physios);
    const ms = performance.now() - started;
    console.info(`suggestAll 200 GPs × 400 physios: ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(500);
    expect(proposal).toHaveLength(400);
    expect(new Set(proposal.map((p) => p.physioId)).size).toBe(400);
    const loads = new Map(gps.map((g) => [g.id, 0]));
    for (const p of proposal) loads.set(p.gpId, loads.get(p.gpId)! + 1);
    expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
    // Locality: most matches are in the same municipality or a neighbour.
    expect(proposal.filter((p) => p.tier < 2).length / proposal.length).toBeGreaterThan(0.7);
  });

  it("empty inputs give an empty proposal", () => {
    expect(suggestAll([], [{ id: 1, municipality: "Malvik" }])).toEqual([]);
    expect(suggestAll([{ id: 1, municipality: "Malvik", load: 0 }], [])).toEqual([]);
  });

  it("property: every physiotherapist is assigned once, and a GP only receives a partner while it has the lowest load (+1)", () => {
    const municipality = fc.constantFrom("Trondheim", "Malvik", "Stjørdal", "Levanger", "Bergen", "");
    fc.assert(
      fc.property(
        fc.array(fc.record({ municipality, load: fc.nat(3) }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.record({ municipality }), { maxLength: 60 }),
        (gpSpecs, physioSpecs) => {
          const gps = gpSpecs.map((g, i) => ({ id: i + 1, ...g }));
          const physios = physioSpecs.map((p, i) => ({ id: 1000 + i, ...p }));
          const proposal = suggestAll(gps, physios);
          expect(proposal).toHaveLength(physios.length);
          expect(new Set(proposal.map((p) => p.physioId)).size).toBe(physios.length);
          const final = new Map(gps.map((g) => [g.id, g.load]));
          for (const p of proposal) final.set(p.gpId, final.get(p.gpId)! + 1);
          const minFinal = Math.min(...final.values());
          for (const g of gps) {
            // A GP that got someone new never ends more than one above the least-loaded GP.
            if (final.get(g.id)! > g.load) expect(final.get(g.id)!).toBeLessThanOrEqual(minFinal + 1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
