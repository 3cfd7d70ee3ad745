/** Suggestion ranking and the board's "suggest all" assignment: pure functions, no database. */

/**
 * Neighbouring municipalities in Trøndelag (symmetric; lower-case keys). A municipality not in the map
 * has no neighbours, so its people rank on same municipality and load only.
 */
const NEIGHBOUR_PAIRS: [string, string][] = [
  ["trondheim", "malvik"],
  ["trondheim", "melhus"],
  ["trondheim", "klæbu"],
  ["trondheim", "skaun"],
  ["trondheim", "orkland"],
  ["trondheim", "indre fosen"],
  ["malvik", "stjørdal"],
  ["malvik", "selbu"],
  ["stjørdal", "levanger"],
  ["stjørdal", "meråker"],
  ["stjørdal", "frosta"],
  ["stjørdal", "selbu"],
  ["levanger", "verdal"],
  ["levanger", "frosta"],
  ["levanger", "inderøy"],
  ["verdal", "steinkjer"],
  ["verdal", "inderøy"],
  ["steinkjer", "inderøy"],
  ["steinkjer", "snåsa"],
  ["melhus", "skaun"],
  ["melhus", "midtre gauldal"],
  ["melhus", "orkland"],
  ["midtre gauldal", "holtålen"],
  ["midtre gauldal", "rennebu"],
  ["midtre gauldal", "selbu"],
  ["holtålen", "røros"],
  ["røros", "os"],
  ["orkland", "skaun"],
  ["orkland", "hitra"],
  ["orkland", "heim"],
  ["orkland", "rindal"],
  ["orkland", "meldal"],
  ["hitra", "frøya"],
  ["indre fosen", "ørland"],
  ["ørland", "åfjord"],
  ["namsos", "overhalla"],
  ["namsos", "steinkjer"],
];

export type NeighbourMap = ReadonlyMap<string, ReadonlySet<string>>;

export function buildNeighbourMap(pairs: [string, string][] = NEIGHBOUR_PAIRS): NeighbourMap {
  const map = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    if (!map.has(x)) map.set(x, new Set());
    if (!map.has(y)) map.set(y, new Set());
    map.get(x)!.add(y);
    map.get(y)!.add(x);
  }
  return map;
}

export const TRONDELAG_NEIGHBOURS = buildNeighbourMap();

const norm = (m: string | null | undefined) => (m ?? "").trim().toLowerCase();

/** 0 = same municipality, 1 = neighbouring municipality, 2 = neither (or unknown). */
export function proximityTier(
  a: string | null | undefined,
  b: string | null | undefined,
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): 0 | 1 | 2 {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return 2;
  if (x === y) return 0;
  return neighbours.get(x)?.has(y) ? 1 : 2;
}

export type Candidate = { id: number; name?: string; municipality: string | null; practice?: string | null; partnerCount: number };
export type RankedCandidate<C extends Candidate> = C & { tier: 0 | 1 | 2; samePractice: boolean };

/**
 * Ranks candidates for one person: same municipality first, then a neighbouring one, then the rest;
 * within a tier someone at the same practice first, then the fewest partners (so physiotherapists
 * spread across GPs), then name/id for a stable order.
 */
export function rankSuggestions<C extends Candidate>(
  person: { municipality: string | null; practice?: string | null },
  candidates: readonly C[],
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): RankedCandidate<C>[] {
  const practice = norm(person.practice);
  return candidates
    .map((c) => ({
      ...c,
      tier: proximityTier(person.municipality, c.municipality, neighbours),
      samePractice: !!practice && norm(c.practice) === practice,
    }))
    .sort(
      (a, b) =>
        a.tier - b.tier ||
        Number(b.samePractice) - Number(a.samePractice) ||
        a.partnerCount - b.partnerCount ||
        (a.name ?? "").localeCompare(b.name ?? "", "nb") ||
        a.id - b.id
    );
}

export type GpSlot = { id: number; municipality: string | null; load: number; name?: string };
export type FreePhysio = { id: number; municipality: string | null; name?: string };
export type Proposal = { gpId: number; physioId: number; tier: 0 | 1 | 2 };

/**
 * "Suggest all": assigns every unpaired physiotherapist to a GP, balancing load. It works in rounds
 * by load: only GPs with the lowest current load receive a physiotherapist, so no GP gets a k+1-th
 * partner while another GP has fewer than k (every GP gets one before any gets a third). Within a
 * round, same-municipality matches are made first, then neighbouring, then any (taking from the
 * largest remaining pool). Buckets by municipality keep it near-linear: 200 GPs × 400 physios is
 * a few milliseconds.
 */
export function suggestAll(
  gps: readonly GpSlot[],
  physios: readonly FreePhysio[],
  neighbours: NeighbourMap = TRONDELAG_NEIGHBOURS
): Proposal[] {
  if (gps.length === 0 || physios.length === 0) return [];
  const buckets = new Map<string, FreePhysio[]>();
  for (const p of [...physios].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "nb") || a.id - b.id)) {
    const key = norm(p.municipality);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key)!.push(p);
  }
  let remaining = physios.length;
  const load = new Map(gps.map((g) => [g.id, g.load]));
  const order = [...gps].sort((a, b) => a.load - b.load || (a.name ?? "").localeCompare(b.name ?? "", "nb") || a.id - b.id);
  const out: Proposal[] = [];
  const take = (key: string) => {
    const b = buckets.get(key);
    if (!b || b.length === 0) return undefined;
    const p = b.shift()!;
    remaining--;
    return p;
  };
  while (remaining > 0) {
    const minLoad = Math.min(...order.map((g) => load.get(g.id)!));
    const round = order.filter((g) => load.get(g.id) === minLoad);
    const waiting = new Set(round.map((g) => g.id));
    for (const tier of [0, 1, 2] as const) {
      for (const gp of round) {
        if (!waiting.has(gp.id) || remaining === 0) continue;
        const home = norm(gp.municipality);
        let p: FreePhysio | undefined;
        if (tier === 0) p = home ? take(home) : undefined;
        else if (tier === 1) {
          for (const n of neighbours.get(home) ?? []) if ((p = take(n))) break;
        } else {
          let best: string | undefined;
          let size = 0;
          for (const [k, b] of buckets) if (b.length > size) (best = k), (size = b.length);
          if (best !== undefined) p = take(best);
        }
        if (p) {
          out.push({ gpId: gp.id, physioId: p.id, tier });
          load.set(gp.id, minLoad + 1);
          waiting.delete(gp.id);
        }
      }
    }
  }
  return out;
}
