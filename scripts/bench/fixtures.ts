/**
 * What the scenarios need in the working copy of the database, made directly in SQL before the server
 * starts: session rows for people (as the e2e tests do), cohorts whose registration opens, evenings
 * open for check-in, personal feed tokens.
 */
import type Database from "better-sqlite3";
import { feedTokenFor } from "../../app/models/calendar.server";
import { sessionCookie, SESSION_LIFETIME_MS } from "../../app/utils/auth.server";
import { generateToken, hashToken } from "../../app/utils/crypto.server";
import { BENCH_FIXTURES } from "../../db/seed-national";

type Db = Database.Database;
const HOUR = 3_600_000;

/** A session row per person; returns their Cookie headers in the same order. */
export async function sessionsFor(db: Db, userIds: number[]): Promise<string[]> {
  const insert = db.prepare("insert into sessions (id, user_id, expires_at, created_at) values (?, ?, ?, ?)");
  const tokens = userIds.map(() => generateToken());
  db.transaction(() => userIds.forEach((id, i) => insert.run(hashToken(tokens[i]!), id, Date.now() + SESSION_LIFETIME_MS, Date.now())))();
  return Promise.all(tokens.map(async (t) => (await sessionCookie.serialize(t)).split(";")[0]!));
}

/** `count` published cohorts with registration open now (copies of the first cohort's template and site). */
export function registrationCohorts(db: Db, count: number, runId: string) {
  const insert = db.prepare(
    `insert into cohorts (template_id, site_id, slug, title, description, venue, capacity_gp, capacity_physio, capacity_other, status, created_at, updated_at)
     select template_id, site_id, ?, ?, description, venue, 20, 40, 0, 'published', ?, ? from cohorts order by id limit 1`,
  );
  const cohorts: { id: number; slug: string }[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const slug = `bench-opening-${runId}-${i + 1}`;
      const id = Number(insert.run(slug, `Påmeldingen åpner ${i + 1}`, Date.now(), Date.now()).lastInsertRowid);
      cohorts.push({ id, slug });
    }
  })();
  return cohorts;
}

export type CheckinCohort = { slug: string; evening: number; code: string; organiserCookie: string; participantIds: number[]; participantCookies: string[] };

/**
 * The `organisers` cohorts with most confirmed participants each get an evening starting in ten
 * minutes (check-in open), and `people` of their confirmed participants (spread evenly) a session.
 */
export async function checkinEvenings(db: Db, organisers: number, people: number, runId: string): Promise<CheckinCohort[]> {
  const per = Math.ceil(people / organisers);
  const cohorts = db
    .prepare(
      `select c.id, c.slug, (select min(user_id) from cohort_organisers o where o.cohort_id = c.id) as organiser
       from cohorts c join registrations r on r.cohort_id = c.id and r.status = 'confirmed'
       group by c.id order by count(*) desc, c.id limit ?`,
    )
    .all(organisers) as { id: number; slug: string; organiser: number | null }[];
  const fallbackOrganiser = (db.prepare("select id from users where email = ?").get(BENCH_FIXTURES.organiserEmail) as { id: number }).id;
  const out: CheckinCohort[] = [];
  let left = people;
  for (const [k, c] of cohorts.entries()) {
    const organiser = c.organiser ?? fallbackOrganiser;
    db.prepare("insert or ignore into cohort_organisers (cohort_id, user_id, created_at) values (?, ?, ?)").run(c.id, organiser, Date.now());
    const number = ((db.prepare("select max(number) as n from evenings where cohort_id = ?").get(c.id) as { n: number | null }).n ?? 0) + 1;
    const code = `BENCH${runId.slice(-4).toUpperCase()}${k}`.replace(/[^A-Z0-9]/g, "").slice(0, 20);
    db.prepare("insert into evenings (cohort_id, number, starts_at, ends_at, venue, theme, checkin_code, created_at, updated_at) values (?, ?, ?, ?, '', 'Kveld', ?, ?, ?)").run(
      c.id,
      number,
      Date.now() + HOUR / 6,
      Date.now() + 3 * HOUR,
      code,
      Date.now(),
      Date.now(),
    );
    const take = Math.min(per, left);
    const ids = (db.prepare("select user_id from registrations where cohort_id = ? and status = 'confirmed' order by user_id limit ?").all(c.id, take) as { user_id: number }[]).map((r) => r.user_id);
    left -= ids.length;
    const [organiserCookie, ...participantCookies] = await sessionsFor(db, [organiser, ...ids]);
    out.push({ slug: c.slug, evening: number, code, organiserCookie: organiserCookie!, participantIds: ids, participantCookies });
  }
  return out;
}

/** `count` distinct live personal feed URLs: one token per person, more per person if there are too few people. */
export function feedPaths(db: Db, count: number, secret: string): string[] {
  const users = (db.prepare("select id from users order by id").all() as { id: number }[]).map((r) => r.id);
  const existing = (db.prepare("select id from calendar_feed_tokens where revoked_at is null order by id limit ?").all(count) as { id: string }[]).map((r) => r.id);
  const insert = db.prepare("insert into calendar_feed_tokens (id, user_id, created_at) values (?, ?, ?)");
  const ids = [...existing];
  db.transaction(() => {
    for (let i = 0; ids.length < count; i++) {
      const id = `benchfeed${String(i).padStart(8, "0")}`; // ids are 16–64 of [a-z0-9]
      insert.run(id, users[i % users.length]!, Date.now());
      ids.push(id);
    }
  })();
  return ids.map((id) => `/calendar/${feedTokenFor(id, secret)}.ics`);
}

export type VirtualUser = { cookie: string; role: "participant" | "organiser"; paths: string[] };

/**
 * `count` different people for the browsing mix, each with the key pages they may open: about one in
 * ten an organiser (participant list, roll call, survey results of a cohort they organise), the rest
 * participants (dashboard, their cohort's public page and partner finder, their agreement if they have
 * one, network search).
 */
export async function browsingUsers(db: Db, count: number): Promise<VirtualUser[]> {
  const organisers = db
    .prepare(
      `select o.user_id as id, c.slug, (select min(number) from evenings e where e.cohort_id = c.id) as evening,
              (select min(s.id) from surveys s where s.cohort_id = c.id) as survey
       from cohort_organisers o join cohorts c on c.id = o.cohort_id
       where o.cohort_id = (select max(cohort_id) from cohort_organisers o2 where o2.user_id = o.user_id
                            and exists (select 1 from surveys s where s.cohort_id = o2.cohort_id))
       group by o.user_id order by o.user_id limit ?`,
    )
    .all(Math.max(1, Math.round(count / 10))) as { id: number; slug: string; evening: number | null; survey: number | null }[];
  // People in a partnership first (their agreement is one of their pages), then other confirmed people.
  const participants = db
    .prepare(
      `select r.user_id as id, c.slug, min(m.partnership_id) as partnership, u.municipality
       from registrations r join cohorts c on c.id = r.cohort_id join users u on u.id = r.user_id
       left join partnership_members m on m.cohort_id = r.cohort_id and m.user_id = r.user_id and m.left_at is null
       where r.status = 'confirmed' and c.status = 'published' and u.municipality is not null
       group by r.user_id order by partnership is null, r.user_id limit ?`,
    )
    .all(count - organisers.length) as { id: number; slug: string; partnership: number | null; municipality: string }[];
  const cookies = await sessionsFor(db, [...organisers.map((o) => o.id), ...participants.map((p) => p.id)]);
  const users: VirtualUser[] = organisers.map((o, i) => ({
    cookie: cookies[i]!,
    role: "organiser",
    paths: [
      "/",
      `/cohorts/${o.slug}/participants`,
      ...(o.evening ? [`/cohorts/${o.slug}/evenings/${o.evening}/attendance`] : []),
      ...(o.survey ? [`/cohorts/${o.slug}/surveys/${o.survey}/results`] : []),
    ],
  }));
  participants.forEach((p, i) =>
    users.push({
      cookie: cookies[organisers.length + i]!,
      role: "participant",
      paths: [
        "/",
        `/cohorts/${p.slug}`,
        `/cohorts/${p.slug}/partners?profession=gp`,
        ...(p.partnership ? [`/partnerships/${p.partnership}/agreement`] : []),
        `/network?municipality=${encodeURIComponent(p.municipality)}`,
      ],
    }),
  );
  return users;
}
