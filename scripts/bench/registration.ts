/**
 * Registration opens: new people arrive at an even rate (open loop), each opens the sign-up page,
 * creates an account (argon2id) and signs up to one of the opening cohorts. Afterwards the database
 * is checked: no (cohort, profession) over capacity, everybody confirmed or waitlisted exactly once.
 */
import Database from "better-sqlite3";
import { FORM, openLoop, Recorder, sessionFrom } from "./load";

export type RegistrationLoad = { people: number; cohorts: number; seconds: number; maxInFlight: number; gpShare: number };

export async function registrationOpens(opts: { base: string; dbFile: string; cohorts: { id: number; slug: string }[]; load: RegistrationLoad; runId: string }) {
  const { base, load, cohorts, runId } = opts;
  const rec = new Recorder();
  const origin = { origin: base };
  const email = (i: number) => `reg.${runId}.${i}@bench.knutepunkt.test`;
  // Professions in blocks of ten so that the cohort (i mod 10) and the profession are independent.
  const profession = (i: number) => (Math.floor(i / 10) % 10 < load.gpShare * 10 ? "gp" : "physio");
  const loop = await openLoop({
    count: load.people,
    durationMs: load.seconds * 1000,
    maxInFlight: load.maxInFlight,
    run: async (i) => {
      const cohort = cohorts[i % cohorts.length]!;
      if (!(await rec.request("GET /signup", `${base}/signup`, { expect: [200] }))) return;
      const signup = await rec.request("POST /signup", `${base}/signup`, {
        method: "POST",
        headers: { ...FORM, ...origin },
        body: new URLSearchParams({
          name: `Påmeldt ${i}`,
          email: email(i),
          profession: profession(i),
          municipality: "Trondheim",
          password: "benchmark-passord-123",
          confirmPassword: "benchmark-passord-123",
          redirectTo: `/cohorts/${cohort.slug}/register`,
        }).toString(),
        expect: [302],
      });
      const cookie = signup && sessionFrom(signup);
      if (!signup) return;
      if (!cookie) return rec.error("POST /signup", "no session cookie");
      await rec.request("POST register", `${base}/cohorts/${cohort.slug}/register`, {
        method: "POST",
        headers: { ...FORM, ...origin, cookie },
        body: "intent=register",
        expect: [302],
      });
    },
  });
  const db = new Database(opts.dbFile, { readonly: true });
  db.pragma("busy_timeout = 10000");
  const ids = cohorts.map((c) => c.id);
  const inList = ids.map(() => "?").join(",");
  const over = db
    .prepare(
      `select c.slug, r.profession, count(*) as confirmed,
              case r.profession when 'gp' then c.capacity_gp when 'physio' then c.capacity_physio else c.capacity_other end as capacity
       from registrations r join cohorts c on c.id = r.cohort_id
       where r.cohort_id in (${inList}) and r.status = 'confirmed' group by c.id, r.profession having confirmed > capacity`,
    )
    .all(...ids) as { slug: string; profession: string; confirmed: number; capacity: number }[];
  const accounts = db
    .prepare(
      `select u.id, (select count(*) from registrations r where r.user_id = u.id and r.cohort_id in (${inList}) and r.status in ('confirmed', 'waitlisted')) as active,
              (select count(*) from registrations r where r.user_id = u.id) as total
       from users u where u.email like ?`,
    )
    .all(...ids, `reg.${runId}.%`) as { id: number; active: number; total: number }[];
  const counts = db
    .prepare(`select status, count(*) as n from registrations where cohort_id in (${inList}) group by status`)
    .all(...ids) as { status: string; n: number }[];
  db.close();
  const overbooked = over.reduce((n, r) => n + r.confirmed - r.capacity, 0);
  const notOnce = accounts.filter((a) => a.active !== 1 || a.total !== 1).length;
  return {
    loop,
    requests: rec.summary(),
    errors: rec.errorCount + loop.skipped + loop.failed,
    overbooked,
    overbookedDetail: over,
    accounts: accounts.length,
    notExactlyOnce: notOnce,
    registrations: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    p95: rec.all().p(95),
  };
}
