/**
 * The national data generator at 1/50 scale: deterministic from its seed, and consistent (foreign keys,
 * integrity, registration rules, anonymity, the known objects the benchmark looks up).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../../scripts/seed";
import { BENCH_FIXTURES, Rng, mulberry32 } from "../../db/seed-national";
import { AgreementSchema } from "../../app/models/agreement-schema";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-seed-national-"));
const fileA = path.join(dir, "a.db");
const fileB = path.join(dir, "b.db");
const fileC = path.join(dir, "c.db");
let a: Database.Database;
let b: Database.Database;
let countsA: Record<string, number>;
let countsB: Record<string, number>;
let countsC: Record<string, number>;

const quiet = () => {};

beforeAll(async () => {
  countsA = (await seedDatabase(fileA, "small", 42, quiet)).counts;
  countsB = (await seedDatabase(fileB, "small", 42, quiet)).counts;
  countsC = (await seedDatabase(fileC, "small", 43, quiet)).counts;
  a = new Database(fileA, { readonly: true });
  b = new Database(fileB, { readonly: true });
}, 120_000);

afterAll(() => {
  a?.close();
  b?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const SAMPLES = [
  "select id, email, name, profession, municipality, directory_opt_in, created_at from users order by id limit 50 offset 300",
  "select * from registrations order by id limit 50 offset 500",
  "select id, cohort_id, number, starts_at, ends_at, checkin_code from evenings order by id",
  "select * from attendance order by id limit 50 offset 4000",
  "select * from survey_answers order by id limit 50",
  "select * from survey_responses order by id limit 50",
  "select * from partnership_members order by id limit 50 offset 200",
  "select * from agreement_versions order by id limit 20 offset 100",
  "select verification_code, user_id, hours from certificates order by id limit 50",
  "select to_address, kind, status, dedupe_key from email_outbox order by id limit 30 offset 100",
];

describe("seed-national (small scale)", () => {
  it("mulberry32 is deterministic and spread over [0, 1)", () => {
    const x = mulberry32(7);
    const y = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => x());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => y()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(new Set(xs).size).toBe(1000);
    const id = new Rng(1).rowId();
    expect(Number.isSafeInteger(id) && id > 0).toBe(true);
  });

  it("gives identical row counts and rows for the same seed, and different data for another seed", () => {
    expect(countsB).toEqual(countsA);
    for (const q of SAMPLES) expect(b.prepare(q).all(), q).toEqual(a.prepare(q).all());
    const c = new Database(fileC, { readonly: true });
    try {
      expect(c.prepare(SAMPLES[0]!).all()).not.toEqual(a.prepare(SAMPLES[0]!).all());
    } finally {
      c.close();
    }
    expect(countsC.users).toBe(countsA.users);
  });

  it("fills every table the brief lists at about 1/50 of national scale", () => {
    expect(countsA.users).toBeGreaterThan(600);
    expect(countsA.cohorts).toBeGreaterThanOrEqual(8);
    expect(countsA.sites).toBe(20);
    for (const table of [
      "registrations", "partnerships", "partnership_members", "agreement_versions", "agreement_confirmations",
      "attendance", "partner_requests", "surveys", "survey_questions", "survey_responses", "survey_answers",
      "survey_participation", "certificates", "email_outbox", "credit_rules", "cohort_organisers", "calendar_feed_tokens",
    ]) {
      expect(countsA[table], table).toBeGreaterThan(0);
    }
    const statuses = a.prepare("select status, count(*) as n from registrations group by status").all() as { status: string; n: number }[];
    expect(statuses.map((s) => s.status).sort()).toEqual(["cancelled", "confirmed", "waitlisted", "withdrawn"]);
    expect(a.prepare("select count(*) as n from registrations where status = 'withdrawn' and (withdrawn_at is null)").get()).toEqual({ n: 0 });
    expect((a.prepare("select count(*) as n from users where directory_opt_in = 1").get() as { n: number }).n).toBeGreaterThan(100);
  });

  it("passes foreign_key_check and integrity_check", () => {
    expect(a.pragma("foreign_key_check")).toEqual([]);
    expect(a.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("keeps the registration and pairing rules", () => {
    // Capacity per profession is never exceeded by confirmed registrations.
    const over = a
      .prepare(
        `select c.slug from cohorts c
         where (select count(*) from registrations r where r.cohort_id = c.id and r.status = 'confirmed' and r.profession = 'gp') > c.capacity_gp
            or (select count(*) from registrations r where r.cohort_id = c.id and r.status = 'confirmed' and r.profession = 'physio') > c.capacity_physio`,
      )
      .all();
    expect(over).toEqual([]);
    // Nobody is both confirmed and waitlisted in a cohort.
    const both = a
      .prepare(
        `select cohort_id, user_id from registrations group by cohort_id, user_id
         having sum(status = 'confirmed') > 0 and sum(status = 'waitlisted') > 0`,
      )
      .all();
    expect(both).toEqual([]);
    // Partnership members are confirmed participants of that cohort, active in one partnership at most.
    const strangers = a
      .prepare(
        `select m.id from partnership_members m
         left join registrations r on r.cohort_id = m.cohort_id and r.user_id = m.user_id and r.status in ('confirmed', 'withdrawn')
         where r.id is null`,
      )
      .all();
    expect(strangers).toEqual([]);
    const twice = a
      .prepare("select cohort_id, user_id from partnership_members where left_at is null group by cohort_id, user_id having count(*) > 1")
      .all();
    expect(twice).toEqual([]);
    // Attendance only for people registered in the evening's cohort.
    const orphanAttendance = a
      .prepare(
        `select count(*) as n from attendance at join evenings e on e.id = at.evening_id
         left join registrations r on r.cohort_id = e.cohort_id and r.user_id = at.user_id
         where r.id is null or r.status not in ('confirmed', 'withdrawn')`,
      )
      .get();
    expect(orphanAttendance).toEqual({ n: 0 });
    // Evenings are 17:00–20:00 in Oslo.
    const evening = a.prepare("select starts_at, ends_at from evenings order by id desc limit 1").get() as { starts_at: number; ends_at: number };
    expect(evening.ends_at - evening.starts_at).toBe(3 * 3600_000);
    const hour = new Intl.DateTimeFormat("nb-NO", { timeZone: "Europe/Oslo", hour: "2-digit", hour12: false }).format(evening.starts_at);
    expect(hour).toBe("17");
  });

  it("stores agreements the agreement page can read", () => {
    const rows = a.prepare("select data from agreement_versions").all() as { data: string }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(AgreementSchema.safeParse(JSON.parse(r.data)).success).toBe(true);
  });

  it("keeps anonymous survey responses unlinked", () => {
    const linked = a
      .prepare(
        `select count(*) as n from survey_responses r join surveys s on s.id = r.survey_id
         where s.anonymous = 1 and (r.respondent_user_id is not null or r.partnership_id is not null or r.submitted_at is not null)`,
      )
      .get();
    expect(linked).toEqual({ n: 0 });
    const anonymous = a
      .prepare("select count(*) as n from survey_responses r join surveys s on s.id = r.survey_id where s.anonymous = 1")
      .get() as { n: number };
    expect(anonymous.n).toBeGreaterThan(0);
    // Participation matches responses one to one, per survey.
    const mismatch = a
      .prepare(
        `select s.id from surveys s where (select count(*) from survey_responses r where r.survey_id = s.id)
           != (select count(*) from survey_participation p where p.survey_id = s.id)`,
      )
      .all();
    expect(mismatch).toEqual([]);
  });

  it("contains the known objects the benchmark looks up", () => {
    const cohort = (slug: string) => a.prepare("select id, status from cohorts where slug = ?").get(slug) as { id: number; status: string };
    const small = cohort(BENCH_FIXTURES.smallCohortSlug);
    expect(small.status).toBe("archived");
    expect(a.prepare("select count(*) as n from registrations where cohort_id = ? and status = 'confirmed'").get(small.id)).toEqual({ n: 60 });
    expect(
      a.prepare("select count(*) as n from attendance at join evenings e on e.id = at.evening_id where e.cohort_id = ?").get(small.id),
    ).toEqual({ n: 300 });
    const large = cohort(BENCH_FIXTURES.largeCohortSlug);
    const answers = a
      .prepare(
        `select count(*) as n from survey_answers an join survey_questions q on q.id = an.question_id
         join surveys s on s.id = q.survey_id where s.cohort_id = ? and s.title = ?`,
      )
      .get(large.id, BENCH_FIXTURES.largeSurveyTitle) as { n: number };
    expect(answers.n).toBeGreaterThanOrEqual(2000);
    const participant = a.prepare("select id from users where email = ?").get(BENCH_FIXTURES.participantEmail) as { id: number };
    expect(
      a.prepare("select count(*) as n from registrations r join cohorts c on c.id = r.cohort_id where r.user_id = ? and r.status = 'confirmed' and c.slug = ?")
        .get(participant.id, BENCH_FIXTURES.demoCohortSlug),
    ).toEqual({ n: 1 });
    expect(
      (a.prepare("select count(*) as n from certificates where user_id = ? and revoked_at is null").get(participant.id) as { n: number }).n,
    ).toBe(1);
    expect(a.prepare("select count(*) as n from users where email = ?").get(BENCH_FIXTURES.organiserEmail)).toEqual({ n: 1 });
  });
});

// At 1/5 scale the generated courses reach into the years ahead, so the rows that could land in the future exist.
describe("seed-national (quick scale)", () => {
  let db: Database.Database;
  const file = path.join(dir, "quick.db");
  beforeAll(async () => {
    await seedDatabase(file, "quick", 42, quiet);
    db = new Database(file, { readonly: true });
  }, 120_000);
  afterAll(() => db?.close());

  // Real data has no row changed after "now": a calendar feed made from such a row would never answer 304.
  it("records nothing in the future", () => {
    const columns = [
      ["cohorts", "created_at"],
      ["evenings", "created_at"],
      ["evenings", "updated_at"],
      ["cohort_organisers", "created_at"],
      ["registrations", "created_at"],
      ["registrations", "queued_at"],
      ["registrations", "confirmed_at"],
      ["registrations", "cancelled_at"],
      ["registrations", "withdrawn_at"],
      ["surveys", "created_at"],
      ["survey_responses", "submitted_at"],
      ["agreement_versions", "created_at"],
      ["partnerships", "created_at"],
    ];
    const late = columns
      .map(([table, column]) => ({ column: `${table}.${column}`, n: (db.prepare(`select count(*) as n from ${table} where ${column} > ?`).get(Date.now()) as { n: number }).n }))
      .filter((c) => c.n > 0);
    expect(late).toEqual([]);
  });
});
