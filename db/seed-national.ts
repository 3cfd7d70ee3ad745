/**
 * National-scale data for the benchmark: the whole of Norway taking the course over ten
 * years (2018–2027). Deterministic from a seed number: every random choice comes from one seeded
 * PRNG (mulberry32), never from Math.random or crypto, so two runs with the same seed write the
 * same rows – including the random-looking ids of survey responses and answers, which have the same
 * shape as randomRowId() (53-bit) but are drawn from the seeded stream.
 *
 * Layout of a generated database, in insertion order (so ids of the first parts are identical at
 * every scale):
 *   1. the demo seed (db/seed.ts): trondheim-2027, the demo logins;
 *   2. the bench fixtures (always, also at scale 0): known objects the benchmark measures on both the
 *      demo-size and the national database, so the p50 ratio compares the same page:
 *        - `bench-60-2026`: the 60 demo participants, finished, 5 evenings with attendance,
 *          partnerships with agreements, certificates, an evening survey;
 *        - `bench-stor-2026`: 200 participants, 5 evenings with attendance and a final survey with
 *          12 questions and 196 responses (over 2,100 answers);
 *      organised by kursansvarlig@knutepunkt.test;
 *   3. the bulk (scale > 0): sites, municipalities, users, cohorts, ... (see NATIONAL below).
 *
 * Written with prepared statements inside large transactions; the caller sets synchronous=OFF.
 */
import type { Db } from "./client";
import { DEMO_ORGANISER_EMAIL, EVENING_THEMES, demoParticipants, seedDemo } from "./seed";
import { osloDateTimeToInstant } from "../app/utils/time";

// ───────────────────────────── PRNG ─────────────────────────────

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for test data, deterministic everywhere. */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
  /** A positive 53-bit integer, the shape of randomRowId(), from the seeded stream. */
  rowId() {
    const hi = Math.floor(this.next() * 2 ** 21);
    const lo = Math.floor(this.next() * 2 ** 32);
    return hi * 2 ** 32 + lo || 1;
  }
  code(length: number, alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789") {
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
  hex(length: number) {
    return this.code(length, "0123456789abcdef");
  }
}

/** Index into a cumulative weight table (binary search). */
function weightedIndex(cumulative: number[], r: number) {
  const target = r * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// ───────────────────────────── Norway ─────────────────────────────

/** The 50 largest municipalities with rounded populations; the other 307 are synthetic. */
const BIG_MUNICIPALITIES: [string, number][] = [
  ["Oslo", 717_000], ["Bergen", 292_000], ["Trondheim", 215_000], ["Stavanger", 149_000], ["Bærum", 131_000],
  ["Kristiansand", 116_000], ["Drammen", 104_000], ["Asker", 97_000], ["Lillestrøm", 91_000], ["Fredrikstad", 84_000],
  ["Sandnes", 83_000], ["Tromsø", 79_000], ["Ålesund", 67_000], ["Sandefjord", 65_000], ["Nordre Follo", 62_000],
  ["Sarpsborg", 58_000], ["Tønsberg", 58_000], ["Skien", 56_000], ["Bodø", 54_000], ["Moss", 51_000],
  ["Larvik", 48_000], ["Lørenskog", 48_000], ["Indre Østfold", 46_000], ["Arendal", 46_000], ["Karmøy", 43_000],
  ["Ullensaker", 42_000], ["Øygarden", 40_000], ["Haugesund", 38_000], ["Porsgrunn", 37_000], ["Ringsaker", 35_000],
  ["Hamar", 33_000], ["Molde", 32_000], ["Halden", 32_000], ["Ringerike", 31_000], ["Gjøvik", 30_000],
  ["Askøy", 30_000], ["Lillehammer", 29_000], ["Kongsberg", 28_000], ["Horten", 28_000], ["Bjørnafjorden", 26_000],
  ["Nittedal", 25_000], ["Harstad", 25_000], ["Stjørdal", 25_000], ["Kristiansund", 24_000], ["Steinkjer", 24_000],
  ["Elverum", 21_500], ["Narvik", 21_500], ["Alta", 21_000], ["Levanger", 20_500], ["Malvik", 14_500],
];

export type Municipality = { name: string; population: number; siteIndex: number };

/** Twenty course sites; Trondheim is the demo seed's site. */
export const SITE_NAMES = [
  "Trondheim", "Oslo", "Bergen", "Stavanger", "Kristiansand", "Tromsø", "Bodø", "Ålesund", "Drammen", "Fredrikstad",
  "Hamar", "Lillehammer", "Skien", "Molde", "Haugesund", "Arendal", "Tønsberg", "Harstad", "Alta", "Steinkjer",
];
const SITE_REGIONS = [
  "Trøndelag", "Oslo", "Vestland", "Rogaland", "Agder", "Troms", "Nordland", "Møre og Romsdal", "Buskerud", "Østfold",
  "Innlandet", "Innlandet", "Telemark", "Møre og Romsdal", "Rogaland", "Agder", "Vestfold", "Troms", "Finnmark", "Trøndelag",
];

/** 357 municipalities, deterministic, each attached to a course site. */
export function municipalities(): Municipality[] {
  const list: Municipality[] = BIG_MUNICIPALITIES.map(([name, population], i) => {
    const site = SITE_NAMES.indexOf(name);
    return { name, population, siteIndex: site >= 0 ? site : i % SITE_NAMES.length };
  });
  // Trøndelag neighbours of the demo go to Trondheim.
  for (const m of list) if (["Malvik", "Stjørdal", "Levanger"].includes(m.name)) m.siteIndex = 0;
  for (let k = 0; list.length < 357; k++) {
    const n = list.length + 1;
    list.push({
      name: `Kommune ${String(n).padStart(3, "0")}`,
      population: Math.round(1_500 + 18_000 * Math.exp(-k / 60)),
      siteIndex: (k * 7) % SITE_NAMES.length,
    });
  }
  return list;
}

const FIRST_NAMES = [
  "Ingrid", "Ola", "Kari", "Lars", "Sigrid", "Håkon", "Astrid", "Magnus", "Solveig", "Eirik", "Marte", "Bjørn",
  "Ragnhild", "Sindre", "Åse", "Torstein", "Hanne", "Øyvind", "Live", "Jørgen", "Nora", "Anders", "Tone", "Even",
  "Maren", "Sverre", "Gunhild", "Vegard", "Tuva", "Kjetil", "Emma", "Jonas", "Sofie", "Henrik", "Ida", "Mathias",
  "Thea", "Sander", "Amalie", "Fredrik", "Hedda", "Aksel", "Julie", "Ali", "Fatima", "Piotr", "Aisha", "Mohammed",
];
const LAST_NAMES = [
  "Haugen", "Johansen", "Berg", "Lie", "Strand", "Dahl", "Bakken", "Moen", "Solberg", "Aas", "Rønning", "Sæther",
  "Følstad", "Brå", "Hågensen", "Løvås", "Nygård", "Ødegård", "Kvam", "Stene", "Hansen", "Olsen", "Larsen",
  "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Pettersen", "Eriksen", "Halvorsen",
  "Jakobsen", "Myhre", "Sandvik", "Hauge", "Nowak", "Khan", "Ahmed", "Lund",
];
const WITHDRAWAL_REASONS = [
  "Fikk ikke fri fra praksis", "Sykdom", "Flytter", "Passer ikke likevel", "Foreldrepermisjon", null,
];
const COMPETENCES = [null, "Psykomotorisk fysioterapi", "Manuellterapi", null, "Idrettsfysioterapi", null, null];

// ───────────────────────────── scales ─────────────────────────────

export const NATIONAL = {
  gps: 6_000,
  physios: 14_000,
  cohorts: 300,
  organisers: 40,
  surveysPerCohort: 1_000 / 300,
} as const;

/** Named scales for `npm run db:seed -- --scale NAME`. 0 = demo + bench fixtures only. */
export const SCALES: Record<string, number> = { fixtures: 0, small: 1 / 50, quick: 1 / 5, national: 1 };

/** The generator's notion of "now": statuses and attendance are relative to it, so runs are stable. */
export const REFERENCE_NOW = Date.UTC(2026, 10, 1, 12, 0, 0);

const DAY = 86_400_000;

export type SeedOptions = { scale?: number; seed?: number; log?: (line: string) => void };

/** Everything the benchmark looks up by a stable query, gathered here so the tests can check it. */
export const BENCH_FIXTURES = {
  smallCohortSlug: "bench-60-2026",
  largeCohortSlug: "bench-stor-2026",
  demoCohortSlug: "trondheim-2027",
  organiserEmail: DEMO_ORGANISER_EMAIL,
  /** A GP confirmed in trondheim-2027 and bench-60-2026, with a certificate from bench-60-2026. */
  participantEmail: demoParticipants()[0]!.email,
  largeSurveyTitle: "Sluttevaluering (stor)",
} as const;

// ───────────────────────────── writer ─────────────────────────────

type Stmt = ReturnType<Db["$client"]["prepare"]>;

class Writer {
  private stmts = new Map<string, Stmt>();
  counts: Record<string, number> = {};
  constructor(private db: Db) {}
  /** INSERT one row; returns the new rowid. Columns are given as an object so call sites read well. */
  insert(table: string, row: Record<string, unknown>): number {
    const cols = Object.keys(row);
    const key = `${table}(${cols.join(",")})`;
    let stmt = this.stmts.get(key);
    if (!stmt) {
      stmt = this.db.$client.prepare(
        `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(",")}) VALUES (${cols.map(() => "?").join(",")})`,
      );
      this.stmts.set(key, stmt);
    }
    const values = cols.map((c) => {
      const v = row[c];
      if (typeof v === "boolean") return v ? 1 : 0;
      if (v instanceof Date) return v.getTime();
      if (v !== null && typeof v === "object") return JSON.stringify(v);
      return v ?? null;
    });
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    return Number(stmt.run(values).lastInsertRowid);
  }
}

type Person = { id: number; profession: "gp" | "physio"; email: string; name: string };

type CohortPlan = {
  id: number;
  slug: string;
  firstEvening: string;
  evenings: { id: number; number: number; startsAt: number; endsAt: number }[];
  organiserIds: number[];
  capacityGp: number;
  capacityPhysio: number;
};

function addDays(date: string, days: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function dayString(ms: number) {
  return new Date(ms).toISOString().slice(0, 10);
}

// ───────────────────────────── shared building blocks ─────────────────────────────

/** Cohort row, five evenings (17:00–20:00 Oslo), organisers and credit rules. */
function createCohort(
  w: Writer,
  rng: Rng,
  p: {
    templateId: number;
    siteId: number;
    slug: string;
    title: string;
    venue: string;
    firstEvening: string;
    gapDays: number;
    organiserIds: number[];
    capacityGp: number;
    capacityPhysio: number;
  },
): CohortPlan {
  const dates = Array.from({ length: 5 }, (_, i) => addDays(p.firstEvening, i * p.gapDays + (i > 2 ? 7 : 0)));
  const starts = dates.map((d) => osloDateTimeToInstant(d, "17:00").getTime());
  const ends = dates.map((d) => osloDateTimeToInstant(d, "20:00").getTime());
  const lastEnd = ends[4]!;
  const status = lastEnd < REFERENCE_NOW ? "archived" : rng.chance(0.1) && starts[0]! > REFERENCE_NOW + 60 * DAY ? "draft" : "published";
  const opens = starts[0]! - 120 * DAY;
  // Planned a month before registration opens, and in any case before "now".
  const plannedAt = Math.min(opens, REFERENCE_NOW) - 30 * DAY;
  const id = w.insert("cohorts", {
    template_id: p.templateId,
    site_id: p.siteId,
    slug: p.slug,
    title: p.title,
    description: `Knutepunkt-kurs for fastleger og fysioterapeuter. ${p.title}.`,
    venue: p.venue,
    registration_opens_at: opens,
    registration_closes_at: starts[0]! - 7 * DAY,
    capacity_gp: p.capacityGp,
    capacity_physio: p.capacityPhysio,
    status,
    created_at: plannedAt,
  });
  const evenings = dates.map((_, i) => {
    const eveningId = w.insert("evenings", {
      cohort_id: id,
      number: i + 1,
      starts_at: starts[i],
      ends_at: ends[i],
      venue: p.venue,
      theme: EVENING_THEMES[i]!,
      content: `## Program\n\n- 17.00 Velkommen\n- 17.15 ${EVENING_THEMES[i]}\n- 18.15 Pause\n- 18.45 Gruppearbeid\n- 19.45 Oppsummering`,
      self_study_task: "Avtal et møte med samarbeidspartneren din.",
      revision: rng.chance(0.1) ? 1 : 0,
      checkin_code: rng.code(6),
      created_at: plannedAt,
      updated_at: plannedAt,
    });
    return { id: eveningId, number: i + 1, startsAt: starts[i]!, endsAt: ends[i]! };
  });
  for (const userId of p.organiserIds) {
    w.insert("cohort_organisers", { cohort_id: id, user_id: userId, created_at: plannedAt });
  }
  for (const profession of ["gp", "physio"] as const) {
    w.insert("credit_rules", {
      cohort_id: id,
      profession,
      label: profession === "gp" ? "Legeforeningen (emnekurs, allmennmedisin)" : "Fysioterapeutforbundet",
      course_hour_minutes: 45,
      min_attendance_percent: 80,
      self_study_hours: profession === "physio" ? 2 : 0,
    });
  }
  return { id, slug: p.slug, firstEvening: p.firstEvening, evenings, organiserIds: p.organiserIds, capacityGp: p.capacityGp, capacityPhysio: p.capacityPhysio };
}

type Registered = { person: Person; status: "confirmed" | "waitlisted" | "cancelled" | "withdrawn"; registrationId: number; withdrawnAt: number | null };

/**
 * Registrations in queue order: the first `capacity` of each profession are confirmed, the rest
 * wait; a few confirmed withdraw later (their place goes to the next in the queue) and some of the
 * waiting cancel. A person appears at most once per cohort (unique index), so nobody is both
 * confirmed and waitlisted.
 */
function registerQueue(w: Writer, rng: Rng, cohort: CohortPlan, queue: Person[], withdrawRate: number, outbox: boolean): Registered[] {
  const opens = cohort.evenings[0]!.startsAt - 120 * DAY;
  const taken = { gp: 0, physio: 0 };
  const cap = { gp: cohort.capacityGp, physio: cohort.capacityPhysio };
  const out: Registered[] = [];
  const waiting = { gp: [] as number[], physio: [] as number[] };
  queue.forEach((person, i) => {
    // Nothing is recorded after "now": the last of a queue that would reach past it signed up in the hours before.
    const queuedAt = Math.min(opens + Math.floor((i / queue.length) * 100 * DAY) + rng.int(0, 3_600_000), REFERENCE_NOW - (queue.length - i) * 60_000);
    let status: Registered["status"];
    if (taken[person.profession] < cap[person.profession]) {
      taken[person.profession]++;
      status = "confirmed";
    } else {
      status = "waitlisted";
    }
    out.push({ person, status, registrationId: 0, withdrawnAt: null });
    const r = out[out.length - 1]!;
    if (status === "waitlisted") waiting[person.profession].push(out.length - 1);
    (r as Registered & { queuedAt: number }).queuedAt = queuedAt;
  });
  // Withdrawals: the place passes to the first waiting person of the same profession.
  const promotions = new Map<number, number>();
  for (const r of out) {
    if (r.status !== "confirmed" || !rng.chance(withdrawRate)) continue;
    const eveningIdx = rng.int(0, 4);
    const withdrawnAt = cohort.evenings[eveningIdx]!.startsAt - rng.int(1, 20) * DAY;
    if (withdrawnAt + DAY > REFERENCE_NOW) continue; // a withdrawal (and the promotion after it) yet to come
    r.status = "withdrawn";
    r.withdrawnAt = withdrawnAt;
    const next = waiting[r.person.profession].shift();
    if (next !== undefined) {
      out[next]!.status = "confirmed";
      promotions.set(next, r.withdrawnAt + DAY);
    }
  }
  out.forEach((r, i) => {
    const queuedAt = (r as Registered & { queuedAt: number }).queuedAt;
    if (r.status === "waitlisted" && rng.chance(0.3)) r.status = "cancelled";
    const confirmedAt =
      r.status === "confirmed" || r.status === "withdrawn" ? (promotions.get(i) ?? queuedAt) : null;
    r.registrationId = w.insert("registrations", {
      cohort_id: cohort.id,
      user_id: r.person.id,
      profession: r.person.profession,
      status: r.status,
      queued_at: queuedAt,
      confirmed_at: confirmedAt,
      cancelled_at: r.status === "cancelled" ? Math.min(queuedAt + rng.int(1, 30) * DAY, REFERENCE_NOW) : null,
      withdrawn_at: r.withdrawnAt,
      withdrawal_reason: r.status === "withdrawn" ? rng.pick(WITHDRAWAL_REASONS) : null,
      created_at: queuedAt,
    });
    if (outbox) {
      const kind = r.status === "waitlisted" || r.status === "cancelled" ? "registration-waitlisted" : "registration-confirmed";
      const sent = queuedAt < REFERENCE_NOW - DAY;
      const failed = !sent || rng.chance(0.002);
      w.insert("email_outbox", {
        to_address: r.person.email,
        user_id: r.person.id,
        subject: kind === "registration-confirmed" ? `Du har plass på ${cohort.slug}` : `Du står på venteliste til ${cohort.slug}`,
        text_body: `Hei ${r.person.name}!\n\nVi har registrert påmeldingen din til ${cohort.slug}.\n\nHilsen Knutepunkt`,
        html_body: `<p>Hei ${r.person.name}!</p><p>Vi har registrert påmeldingen din til ${cohort.slug}.</p><p>Hilsen Knutepunkt</p>`,
        kind,
        dedupe_key: `${kind}:${r.registrationId}`,
        status: sent ? (failed ? "failed" : "sent") : "pending",
        attempts: sent ? (failed ? 5 : 1) : 0,
        next_attempt_at: sent ? null : queuedAt,
        last_error: sent && failed ? "550 mailbox unavailable" : null,
        created_at: queuedAt,
        sent_at: sent && !failed ? queuedAt + 60_000 : null,
      });
    }
  });
  return out;
}

/** Active partnerships (one GP with up to two physiotherapists), some dissolved ones, requests, agreements. */
function createPartnerships(w: Writer, rng: Rng, cohort: CohortPlan, regs: Registered[], dissolvedCount: number) {
  const confirmed = regs.filter((r) => r.status === "confirmed").map((r) => r.person);
  const gps = rng.shuffle(confirmed.filter((p) => p.profession === "gp"));
  const physios = rng.shuffle(confirmed.filter((p) => p.profession === "physio"));
  const formedAt = cohort.evenings[0]!.startsAt + 2 * 3_600_000;
  const perGp = gps.length > 0 ? Math.max(1, Math.min(2, Math.floor(physios.length / gps.length))) : 0;
  const groups: Person[][] = [];
  gps.forEach((gp, i) => {
    const group = [gp, ...physios.slice(i * perGp, i * perGp + perGp)];
    if (group.length > 1) groups.push(group);
  });
  // The shape the agreement form saves (app/models/agreement-schema.ts), so the page renders it.
  const agreementData = (version: number, at: number) => ({
    meetingFormat: rng.pick(["in_person", "video", "phone", "mixed"]),
    meetingFrequency: rng.pick(["Hver måned", "Hvert kvartal", "Ved behov"]),
    channels: rng.pick([["dialogmelding"], ["dialogmelding", "phone"], ["referral", "epikrise"]]),
    responseTime: rng.pick(["Innen to virkedager", "Innen en uke"]),
    firstAppointmentDays: rng.int(3, 21),
    contactPersons: "Legen og fysioterapeuten selv.",
    targetPatients: rng.pick(["Rygg og nakke", "Sammensatte plager", "Arbeidsrettet"]),
    reviewDate: dayString(at + 180 * DAY),
    ...(version > 1 ? { notes: `Revidert utgave ${version}.` } : {}),
  });
  const makePartnership = (members: Person[], dissolved: boolean) => {
    const created = formedAt + rng.int(0, 20) * DAY;
    const partnershipId = w.insert("partnerships", {
      cohort_id: cohort.id,
      created_by_user_id: members[0]!.id,
      created_at: created,
      dissolved_at: dissolved ? created + rng.int(10, 40) * DAY : null,
    });
    for (const m of members) {
      w.insert("partnership_members", {
        partnership_id: partnershipId,
        cohort_id: cohort.id,
        user_id: m.id,
        created_at: created,
        left_at: dissolved ? created + rng.int(5, 40) * DAY : null,
        left_reason: dissolved ? "Fant en annen samarbeidspartner" : null,
      });
    }
    const req = members[1] ?? members[0]!;
    w.insert("partner_requests", {
      cohort_id: cohort.id,
      from_user_id: members[0]!.id,
      to_user_id: req.id,
      message: "Vil du samarbeide?",
      status: "accepted",
      created_at: created - DAY,
      responded_at: created,
    });
    const versions = dissolved ? 1 : rng.int(1, 4);
    for (let v = 1; v <= versions; v++) {
      const at = created + (v - 1) * 30 * DAY;
      const creator = rng.pick(members);
      const versionId = w.insert("agreement_versions", {
        partnership_id: partnershipId,
        version: v,
        data: agreementData(v, at),
        review_date: dayString(at + 180 * DAY),
        created_by_user_id: creator.id,
        created_at: at,
      });
      const everyone = v < versions || rng.chance(0.8);
      for (const m of members) {
        if (everyone || m.id === creator.id) {
          w.insert("agreement_confirmations", { agreement_version_id: versionId, user_id: m.id, created_at: at + rng.int(0, 5) * DAY });
        }
      }
    }
  };
  for (let i = 0; i < dissolvedCount && gps.length > 0 && physios.length > 0; i++) {
    makePartnership([rng.pick(gps), rng.pick(physios)], true);
  }
  for (const g of groups) makePartnership(g, false);
  // Requests that did not lead anywhere.
  const others = Math.floor(confirmed.length / 6);
  for (let i = 0; i < others && confirmed.length > 1; i++) {
    const from = rng.pick(confirmed);
    let to = rng.pick(confirmed);
    if (to.id === from.id) to = confirmed[(confirmed.indexOf(from) + 1) % confirmed.length]!;
    const status = rng.pick(["declined", "withdrawn", "stale", "pending", "declined"] as const);
    const at = formedAt + rng.int(0, 30) * DAY;
    w.insert("partner_requests", {
      cohort_id: cohort.id,
      from_user_id: from.id,
      to_user_id: to.id,
      message: "Hei! Skal vi samarbeide?",
      status,
      created_at: at,
      responded_at: status === "pending" ? null : at + DAY,
    });
  }
}

/** Attendance for evenings before REFERENCE_NOW; certificates for qualifying people of finished cohorts. */
function recordAttendance(w: Writer, rng: Rng, cohort: CohortPlan, regs: Registered[], alwaysPresent = new Set<number>()) {
  const attendees = regs.filter((r) => r.status === "confirmed" || r.status === "withdrawn");
  const minutesBy = new Map<number, number>();
  for (const ev of cohort.evenings) {
    if (ev.startsAt > REFERENCE_NOW) continue;
    for (const r of attendees) {
      if (r.withdrawnAt !== null && r.withdrawnAt < ev.startsAt) continue;
      const x = rng.float();
      const status = alwaysPresent.has(r.person.id) || x < 0.86 ? "present" : x < 0.91 ? "partial" : x < 0.97 ? "absent" : "excused";
      const minutes = status === "present" ? 180 : status === "partial" ? rng.pick([60, 90, 120]) : 0;
      const rollcall = rng.chance(0.7);
      w.insert("attendance", {
        evening_id: ev.id,
        user_id: r.person.id,
        status,
        minutes,
        source: rollcall ? "rollcall" : "checkin",
        recorded_by_user_id: rollcall ? rng.pick(cohort.organiserIds) : null,
        created_at: ev.startsAt + rng.int(0, 3 * 3_600_000),
      });
      minutesBy.set(r.person.id, (minutesBy.get(r.person.id) ?? 0) + minutes);
    }
  }
  const last = cohort.evenings[4]!;
  if (last.endsAt >= REFERENCE_NOW) return;
  for (const r of attendees) {
    if (r.status !== "confirmed") continue;
    const minutes = minutesBy.get(r.person.id) ?? 0;
    if (minutes < 0.8 * 5 * 180) continue;
    const issuedAt = last.endsAt + 7 * DAY;
    const revoked = rng.chance(0.005);
    w.insert("certificates", {
      cohort_id: cohort.id,
      user_id: r.person.id,
      verification_code: rng.code(32, "abcdefghijklmnopqrstuvwxyz234567"), // the format of generateToken()
      hours: Math.round((minutes / 45) * 10) / 10 + (r.person.profession === "physio" ? 2 : 0),
      created_at: issuedAt,
      issued_by_user_id: rng.pick(cohort.organiserIds),
      revoked_at: revoked ? issuedAt + 30 * DAY : null,
      revoke_reason: revoked ? "Utstedt ved en feil" : null,
    });
  }
}

const SURVEY_QUESTIONS = [
  { kind: "scale", prompt: "Hvor nyttig var kvelden?", sharedKey: "usefulness" },
  { kind: "scale", prompt: "Hvor godt fungerte gruppearbeidet?", sharedKey: "groupwork" },
  { kind: "single", prompt: "Vil du anbefale kurset til en kollega?", options: ["Ja", "Kanskje", "Nei"] },
  { kind: "multi", prompt: "Hva var mest nyttig?", options: ["Innledningen", "Gruppearbeidet", "Pausen", "Egenarbeidet"] },
  { kind: "text", prompt: "Hva kan bli bedre?" },
  { kind: "scale", prompt: "Hvor godt kjenner du nå samarbeidspartnerens praksis?", sharedKey: "knowsPartner" },
  { kind: "scale", prompt: "Hvor trygg er du på mestringsorienterte samtaler?", sharedKey: "coping" },
  { kind: "single", prompt: "Har dere laget en samarbeidsavtale?", options: ["Ja", "Nei", "Under arbeid"] },
  { kind: "scale", prompt: "Hvor godt fungerer kommunikasjonen med NAV?", sharedKey: "nav" },
  { kind: "multi", prompt: "Hvilke kanaler bruker dere?", options: ["Dialogmelding", "Telefon", "Møter", "E-post"] },
  { kind: "text", prompt: "Hva tar du med deg?" },
  { kind: "scale", prompt: "Samlet vurdering av kurset", sharedKey: "overall" },
] as const;

/** A survey, its questions, `respondents` responses with answers, and survey_participation. */
function createSurvey(
  w: Writer,
  rng: Rng,
  cohort: CohortPlan,
  p: { title: string; kind: "evening" | "final"; eveningIdx: number | null; questionCount: number; anonymous: boolean; respondents: Person[]; opensAt: number },
) {
  const closesAt = p.opensAt + 14 * DAY;
  const surveyId = w.insert("surveys", {
    cohort_id: cohort.id,
    evening_id: p.eveningIdx === null ? null : cohort.evenings[p.eveningIdx]!.id,
    title: p.title,
    intro: "Takk for at du svarer. Det tar to minutter.",
    kind: p.kind,
    answered_by: "participant",
    anonymous: p.anonymous,
    opens_at: p.opensAt,
    closes_at: closesAt,
    created_by_user_id: cohort.organiserIds[0] ?? null,
    created_at: Math.min(p.opensAt, REFERENCE_NOW) - 7 * DAY,
  });
  const questions = SURVEY_QUESTIONS.slice(0, p.questionCount).map((q, i) => ({
    ...q,
    id: w.insert("survey_questions", {
      survey_id: surveyId,
      position: i + 1,
      kind: q.kind,
      prompt: q.prompt,
      required: q.kind !== "text",
      options: "options" in q ? [...q.options] : null,
      scale_min_label: q.kind === "scale" ? "Lite" : null,
      scale_max_label: q.kind === "scale" ? "Mye" : null,
      shared_key: "sharedKey" in q ? q.sharedKey : null,
    }),
  }));
  if (p.opensAt > REFERENCE_NOW) return surveyId;
  for (const person of p.respondents) {
    const submittedAt = Math.min(p.opensAt + rng.int(0, 13 * 24) * 3_600_000, REFERENCE_NOW);
    const responseId = w.insert("survey_responses", {
      id: rng.rowId(),
      survey_id: surveyId,
      respondent_user_id: p.anonymous ? null : person.id,
      partnership_id: null,
      respondent_profession: person.profession,
      submitted_at: p.anonymous ? null : submittedAt,
    });
    for (const q of questions) {
      if (q.kind === "text" && rng.chance(0.5)) continue;
      const options = "options" in q ? q.options : [];
      w.insert("survey_answers", {
        id: rng.rowId(),
        response_id: responseId,
        question_id: q.id,
        scale_value: q.kind === "scale" ? rng.int(1, 5) : null,
        choices: q.kind === "single" ? [rng.pick(options)] : q.kind === "multi" ? options.filter(() => rng.chance(0.4)) : null,
        text: q.kind === "text" ? rng.pick(["Mer tid til gruppearbeid.", "Flott kveld!", "Kortere innledning.", "Bedre mat."]) : null,
      });
    }
    w.insert("survey_participation", { survey_id: surveyId, user_id: person.id, partnership_id: null, answered_on: dayString(submittedAt) });
  }
  return surveyId;
}

// ───────────────────────────── the generator ─────────────────────────────

function makePerson(
  w: Writer,
  rng: Rng,
  p: { email: string; profession: "gp" | "physio"; municipality: string; passwordHash: string | null; createdAt: number; directory: boolean },
): Person {
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const id = w.insert("users", {
    email: p.email,
    name,
    profession: p.profession,
    hpr_number: String(rng.int(1_000_000, 9_999_999)),
    practice: `${p.municipality} ${p.profession === "gp" ? rng.pick(["legesenter", "legekontor"]) : rng.pick(["fysioterapi", "fysikalske institutt"])}`,
    municipality: p.municipality,
    phone: `9${rng.int(1_000_000, 9_999_999)}`,
    special_competence: p.profession === "physio" ? rng.pick(COMPETENCES) : null,
    about: p.profession === "gp" ? "Fastlege." : "Fysioterapeut.",
    partner_profile_opt_in: rng.chance(0.95),
    directory_opt_in: p.directory,
    locale: rng.chance(0.05) ? "en" : "nb",
    email_verified_at: p.createdAt + 3_600_000,
    created_at: p.createdAt,
  });
  if (p.passwordHash) w.insert("passwords", { user_id: id, hash: p.passwordHash, created_at: p.createdAt });
  return { id, profession: p.profession, email: p.email, name };
}

/** Demo seed + bench fixtures + (scale > 0) the national bulk. Returns row counts per table. */
export async function seedNational(db: Db, { scale = 1, seed = 1, log = () => {} }: SeedOptions = {}) {
  const t0 = Date.now();
  await seedDemo(db);
  log(`demo seed: ${Date.now() - t0} ms`);
  const client = db.$client;
  const w = new Writer(db);
  const one = <T>(sql: string, ...args: unknown[]) => client.prepare(sql).get(...args) as T;
  const templateId = one<{ id: number }>("select id from course_templates order by id limit 1").id;
  const trondheimSiteId = one<{ id: number }>("select id from sites where slug = 'trondheim'").id;
  const organiserId = one<{ id: number }>("select id from users where email = ?", DEMO_ORGANISER_EMAIL).id;
  const passwordHash = one<{ hash: string }>("select hash from passwords where user_id = ?", organiserId).hash;

  // ── 2. bench fixtures: their own PRNG stream, identical at every scale ──
  const t1 = Date.now();
  client.transaction(() => {
    const rng = new Rng(seed * 7919 + 17);
    const demoPeople = client
      .prepare("select id, profession, email, name from users where email like '%@demo.knutepunkt.test' order by id")
      .all() as Person[];
    const small = createCohort(w, rng, {
      templateId,
      siteId: trondheimSiteId,
      slug: BENCH_FIXTURES.smallCohortSlug,
      title: "Knutepunkt Trondheim 2026 (60 deltakere)",
      venue: "Trondheim folkebibliotek",
      firstEvening: "2026-01-29",
      gapDays: 42,
      organiserIds: [organiserId],
      capacityGp: 20,
      capacityPhysio: 40,
    });
    const smallRegs = registerQueue(w, rng, small, demoPeople, 0, false);
    createPartnerships(w, rng, small, smallRegs, 2);
    // The benchmark's participant always qualifies, so /verify/:code has a known certificate.
    recordAttendance(w, rng, small, smallRegs, new Set([demoPeople.find((p) => p.email === BENCH_FIXTURES.participantEmail)!.id]));
    createSurvey(w, rng, small, {
      title: "Evaluering av kveld 1",
      kind: "evening",
      eveningIdx: 0,
      questionCount: 5,
      anonymous: true,
      respondents: demoPeople.slice(0, 40),
      opensAt: small.evenings[0]!.endsAt,
    });

    const benchPeople: Person[] = [];
    for (let i = 0; i < 200; i++) {
      const profession = i < 70 ? "gp" : "physio";
      benchPeople.push(
        makePerson(w, rng, {
          email: `bench.${profession}.${String(i + 1).padStart(3, "0")}@bench.knutepunkt.test`,
          profession,
          municipality: ["Trondheim", "Malvik", "Stjørdal", "Levanger"][i % 4]!,
          passwordHash,
          createdAt: Date.UTC(2025, 8, 1) + i * 3_600_000,
          directory: i % 2 === 0,
        }),
      );
    }
    const large = createCohort(w, rng, {
      templateId,
      siteId: trondheimSiteId,
      slug: BENCH_FIXTURES.largeCohortSlug,
      title: "Knutepunkt Trondheim 2026 (200 deltakere)",
      venue: "Scandic Lerkendal",
      firstEvening: "2026-02-05",
      gapDays: 42,
      organiserIds: [organiserId],
      capacityGp: 70,
      capacityPhysio: 130,
    });
    const largeRegs = registerQueue(w, rng, large, benchPeople, 0, false);
    createPartnerships(w, rng, large, largeRegs, 5);
    recordAttendance(w, rng, large, largeRegs);
    createSurvey(w, rng, large, {
      title: BENCH_FIXTURES.largeSurveyTitle,
      kind: "final",
      eveningIdx: 4,
      questionCount: 12,
      anonymous: false,
      respondents: benchPeople.slice(0, 196),
      opensAt: large.evenings[4]!.endsAt,
    });
  })();
  log(`bench fixtures: ${Date.now() - t1} ms`);

  // ── 3. the national bulk ──
  if (scale > 0) {
    const t2 = Date.now();
    const rng = new Rng(seed);
    const munis = municipalities();
    const cumulative: number[] = [];
    munis.reduce((sum, m) => (cumulative.push(sum + m.population), sum + m.population), 0);
    const gpCount = Math.round(NATIONAL.gps * scale);
    const physioCount = Math.round(NATIONAL.physios * scale);
    const cohortCount = Math.max(4, Math.round(NATIONAL.cohorts * scale));

    client.transaction(() => {
      // Sites: Trondheim exists; 19 more.
      const siteIds = [trondheimSiteId];
      for (let s = 1; s < SITE_NAMES.length; s++) {
        const name = SITE_NAMES[s]!;
        const slug = name.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a");
        siteIds.push(w.insert("sites", { name, slug, region: SITE_REGIONS[s]! }));
      }
      // Organisers (profession "other" or GP) with passwords.
      const organisers: Person[] = [];
      for (let i = 0; i < NATIONAL.organisers; i++) {
        organisers.push(
          makePerson(w, rng, {
            email: `kursansvarlig${String(i + 1).padStart(3, "0")}@nasjonal.knutepunkt.test`,
            profession: "gp",
            municipality: SITE_NAMES[i % SITE_NAMES.length]!,
            passwordHash,
            createdAt: Date.UTC(2017, 5, 1),
            directory: false,
          }),
        );
      }
      // Participants, weighted by municipality population; pooled by the site they belong to.
      const bySite: Person[][] = SITE_NAMES.map(() => []);
      const everyone: Person[] = [];
      const total = gpCount + physioCount;
      for (let i = 0; i < total; i++) {
        // Exactly gpCount GPs, spread evenly through the list.
        const profession = Math.floor(((i + 1) * gpCount) / total) > Math.floor((i * gpCount) / total) ? "gp" : "physio";
        const m = munis[weightedIndex(cumulative, rng.float())]!;
        const person = makePerson(w, rng, {
          email: `${profession === "gp" ? "lege" : "fysio"}${String(i + 1).padStart(5, "0")}@nasjonal.knutepunkt.test`,
          profession,
          municipality: m.name,
          passwordHash: rng.chance(0.9) ? passwordHash : null,
          createdAt: Date.UTC(2017, 8, 1) + Math.floor(rng.float() * 9 * 365) * DAY,
          directory: rng.chance(0.4),
        });
        bySite[m.siteIndex]!.push(person);
        everyone.push(person);
        if (rng.chance(0.1)) w.insert("calendar_feed_tokens", { id: rng.hex(32), user_id: person.id, created_at: Date.UTC(2024, 0, 1) });
      }
      const confirmedOnce = new Set<number>();

      for (let c = 0; c < cohortCount; c++) {
        const year = 2018 + Math.floor((c * 10) / cohortCount);
        const siteIndex = c % SITE_NAMES.length;
        const siteName = SITE_NAMES[siteIndex]!;
        const firstEvening = addDays(`${year}-01-08`, rng.int(0, 150));
        const slug = `${siteName.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o").replace(/å/g, "a")}-${year}-${c + 1}`;
        const organiserIds = [organisers[siteIndex % organisers.length]!.id, organisers[(siteIndex + 20) % organisers.length]!.id];
        const cohort = createCohort(w, rng, {
          templateId,
          siteId: siteIds[siteIndex]!,
          slug,
          title: `Knutepunkt ${siteName} ${year} (${c + 1})`,
          venue: `${siteName} kulturhus`,
          firstEvening,
          gapDays: rng.int(40, 46),
          organiserIds: [...new Set(organiserIds)],
          capacityGp: rng.int(50, 60),
          capacityPhysio: rng.int(115, 135),
        });
        // About 200 people in the queue: mostly from the site's region, people not yet on a course first.
        const want = Math.min(everyone.length, rng.int(180, 220));
        const chosen = new Set<number>();
        const queue: Person[] = [];
        const local = bySite[siteIndex]!;
        for (let tries = 0; queue.length < want && tries < want * 6; tries++) {
          const pool = rng.chance(0.8) && local.length > 0 ? local : everyone;
          const p = rng.pick(pool);
          if (chosen.has(p.id)) continue;
          chosen.add(p.id);
          queue.push(p);
        }
        queue.sort((a, b) => Number(confirmedOnce.has(a.id)) - Number(confirmedOnce.has(b.id)));
        const regs = registerQueue(w, rng, cohort, queue, 0.04, true);
        for (const r of regs) if (r.status === "confirmed") confirmedOnce.add(r.person.id);
        if (cohort.evenings[0]!.startsAt < REFERENCE_NOW + 30 * DAY) {
          createPartnerships(w, rng, cohort, regs, rng.int(14, 22));
        }
        recordAttendance(w, rng, cohort, regs);
        // Surveys: evenings 1, 3 and 5, and a final survey for every third cohort (≈ 1,000 in all).
        const confirmed = regs.filter((r) => r.status === "confirmed").map((r) => r.person);
        const surveyEvenings = c % 3 === 0 ? [0, 2, 4, -1] : [0, 2, 4];
        for (const e of surveyEvenings) {
          const respondents = rng.shuffle([...confirmed]).slice(0, rng.int(9, 29));
          createSurvey(w, rng, cohort, {
            title: e < 0 ? "Sluttevaluering" : `Evaluering av kveld ${e + 1}`,
            kind: e < 0 ? "final" : "evening",
            eveningIdx: e < 0 ? 4 : e,
            questionCount: e < 0 ? 8 : 5,
            anonymous: rng.chance(0.5),
            respondents,
            opensAt: cohort.evenings[e < 0 ? 4 : e]!.endsAt + (e < 0 ? 7 * DAY : 0),
          });
        }
      }
    })();
    log(`national bulk (scale ${scale}): ${Date.now() - t2} ms`);
  }

  const counts: Record<string, number> = {};
  const tables = client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name")
    .all() as { name: string }[];
  for (const { name } of tables) counts[name] = (client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
  return counts;
}
