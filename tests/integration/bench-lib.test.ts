/** The benchmark's pure parts (scripts/bench-lib.ts), its open-loop driver, fixtures and key-page table. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { BENCH_FIXTURES, seedNational } from "../../db/seed-national";
import {
  arrivalOffsets, BUDGETS, check, formatTable, Latencies, LOADS, markdownTable, memoryVerdict, pageJsKb, parseStat, processTree, scaledLoads,
} from "../../scripts/bench-lib";
import { ENDPOINTS, type BenchContext } from "../../scripts/bench-endpoints";
import { openLoop } from "../../scripts/bench/load";
import { browsingUsers, checkinEvenings, feedPaths, registrationCohorts } from "../../scripts/bench/fixtures";
import { checkInWithCode } from "../../app/models/attendance.server";
import { hashToken } from "../../app/utils/crypto.server";
import { sessionCookie } from "../../app/utils/auth.server";
import { feedTokenFor } from "../../app/models/calendar.server";
import { capacityFor } from "../../app/models/registration.server";
import { registrationWindowState } from "../../app/models/registration-window";
import { getCohortBySlug } from "../../app/models/cohorts/pages.server";

const noJs = path.join(os.tmpdir(), "kp-no-build");

describe("bench budgets and table", () => {
  it("passes below the limit, fails at it, and fails a missing measurement", () => {
    expect(check("browsing", "200 users", "p95", 299, BUDGETS.browsingP95Ms, "ms").pass).toBe(true);
    expect(check("browsing", "200 users", "p95", 300, BUDGETS.browsingP95Ms, "ms").pass).toBe(false);
    expect(check("browsing", "200 users", "p95", null, BUDGETS.browsingP95Ms, "ms").pass).toBe(false);
    expect(check("browsing", "200 users", "p95", Number.NaN, BUDGETS.browsingP95Ms, "ms").pass).toBe(false);
    // Counts are "at most": zero errors pass, one fails.
    expect(check("registration opens", "x", "errors", 0, 0, "", true).pass).toBe(true);
    expect(check("registration opens", "x", "errors", 1, 0, "", true).pass).toBe(false);
  });

  it("prints scenario, load, measured, budget and the verdict on each line", () => {
    const rows = [
      check("registration opens", "2000 people", "p95", 812.4, 1000, "ms"),
      check("registration opens", "2000 people", "overbooked", 2, 0, "", true),
      check("phone, first visit", "11 pages", "most JS", 151.25, 150, "kB"),
    ];
    const lines = formatTable(rows);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^scenario\s+load\s+measured\s+budget\s+result$/);
    expect(lines[2]).toMatch(/registration opens\s+2000 people\s+p95 812 ms\s+< 1,000 ms\s+pass/);
    expect(lines[3]).toMatch(/overbooked 2\s+≤ 0\s+FAIL/);
    expect(lines[4]).toMatch(/most JS 151\.3 kB\s+< 150\.0 kB\s+FAIL/);
    const md = markdownTable(rows);
    expect(md[0]).toBe("| scenario | load | measured | budget | result |");
    expect(md[2]).toBe("| registration opens | 2000 people | p95 812 ms | < 1,000 ms | pass |");
    expect(md[3]).toContain("**FAIL**");
  });

  it("reads percentiles from recorded latencies", () => {
    const l = new Latencies();
    expect(l.p(95)).toBeNull();
    for (let ms = 1; ms <= 100; ms++) l.record(ms);
    expect(l.p(50)).toBeCloseTo(50, 0);
    expect(l.p(95)).toBeCloseTo(95, 0);
    expect(l.summary()).toMatchObject({ count: 100 });
    const more = new Latencies();
    for (let i = 0; i < 100; i++) more.record(1000);
    l.add(more);
    expect(l.count).toBe(200);
    expect(l.p(95)).toBeCloseTo(1000, -1);
  });
});

describe("open-loop schedule", () => {
  it("spreads arrivals evenly over the window", () => {
    const offsets = arrivalOffsets(2000, 120_000);
    expect(offsets).toHaveLength(2000);
    expect(offsets[0]).toBe(0);
    expect(offsets[1]).toBe(60);
    expect(offsets.at(-1)).toBe(119_940);
    expect(arrivalOffsets(0, 1000)).toEqual([]);
  });

  it("scales counts and durations for --quick, not shares, pauses or in-flight limits", () => {
    const q = scaledLoads(0.1);
    expect(q.registration).toEqual({ ...LOADS.registration, people: 200, seconds: 12 });
    expect(q.calendar).toEqual({ feeds: 2000, seconds: 60 });
    expect(q.browsing.pauseMs).toBe(1000);
    expect(scaledLoads(1)).toEqual(LOADS);
  });

  it("starts arrivals on schedule whatever the answers, and counts those over the in-flight cap as skipped", async () => {
    const release: (() => void)[] = [];
    const startedAt: number[] = [];
    const t0 = Date.now();
    const done = openLoop({
      count: 10,
      durationMs: 100,
      maxInFlight: 3,
      run: (i) => {
        startedAt.push(Date.now() - t0);
        return i === 1 ? Promise.reject(new Error("boom")) : new Promise<void>((r) => release.push(r));
      },
    });
    // Well after the last arrival (100 ms), even on a busy machine.
    await new Promise((r) => setTimeout(r, 1000));
    // Arrival 1 failed at once and freed its place; the others never answered.
    expect(startedAt).toHaveLength(4);
    expect(startedAt[3]).toBeGreaterThanOrEqual(25);
    release.forEach((r) => r());
    expect(await done).toEqual({ arrivals: 10, started: 4, skipped: 6, failed: 1 });
  });
});

describe("server memory", () => {
  it("finds the primary and its workers in the process table", () => {
    expect(parseStat("4242 (node) S 4000 4242 4000 0 -1")).toEqual({ pid: 4242, ppid: 4000 });
    expect(parseStat("77 (a (b) c) R 4242 77 1")).toEqual({ pid: 77, ppid: 4242 });
    const procs = [
      { pid: 1, ppid: 0 }, { pid: 10, ppid: 1 }, { pid: 11, ppid: 10 }, { pid: 12, ppid: 10 }, { pid: 13, ppid: 12 }, { pid: 20, ppid: 1 },
    ];
    expect(processTree(10, procs).sort()).toEqual([10, 11, 12, 13]);
  });

  it("reports start, peak and end per process and fails growth or a peak over budget", () => {
    const rounds = [
      [{ pid: 1, mb: 60 }, { pid: 2, mb: 90 }],
      [{ pid: 1, mb: 80 }, { pid: 2, mb: 100 }],
      [{ pid: 1, mb: 95 }, { pid: 2, mb: 180 }],
      [{ pid: 1, mb: 82 }, { pid: 2, mb: 120 }],
    ];
    const v = memoryVerdict(rounds, 1);
    expect(v.perProcess).toEqual([
      { pid: 1, start: 80, peak: 95, end: 82, flat: true },
      { pid: 2, start: 100, peak: 180, end: 120, flat: true },
    ]);
    expect(v).toMatchObject({ processes: 2, peakMb: 180, growthMb: 20, flat: true });
    const leaking = memoryVerdict([...rounds, [{ pid: 1, mb: 82 }, { pid: 2, mb: 100 + BUDGETS.rssGrowthMb + 1 }]], 1);
    expect(leaking.flat).toBe(false);
    expect(check("memory", "run", "peak RSS", memoryVerdict([[{ pid: 1, mb: 301 }]], 0).peakMb, BUDGETS.rssMb, "MB").pass).toBe(false);
  });
});

describe("JavaScript per page", () => {
  it("sums the gzip size of manifest, entry, root and route chunks once each", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kp-client-"));
    fs.mkdirSync(path.join(dir, "assets"));
    const write = (name: string, size: number) => {
      const content = Buffer.from(Array.from({ length: size }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join(""));
      fs.writeFileSync(path.join(dir, "assets", name), content);
      return zlib.gzipSync(content).length;
    };
    const manifest = {
      entry: { module: "/assets/entry.js", imports: ["/assets/react.js"] },
      routes: {
        root: { module: "/assets/root.js", imports: ["/assets/react.js"] },
        "routes/page": { module: "/assets/page.js", imports: ["/assets/react.js", "/assets/forms.js"] },
      },
    };
    fs.writeFileSync(path.join(dir, "assets", "manifest-abc.js"), `window.__reactRouterManifest=${JSON.stringify(manifest)};`);
    const expected =
      zlib.gzipSync(fs.readFileSync(path.join(dir, "assets", "manifest-abc.js"))).length +
      write("entry.js", 3000) + write("react.js", 20000) + write("root.js", 1000) + write("page.js", 2000) + write("forms.js", 5000);
    expect(pageJsKb("routes/page", dir)).toBeCloseTo(expected / 1024, 5);
    expect(pageJsKb("routes/unknown", dir)).toBeNull();
    expect(pageJsKb("routes/page", noJs)).toBeNull();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("bench endpoint table", () => {
  let ctx: BenchContext;
  beforeAll(async () => {
    await seedNational(getDb(), { scale: 0, seed: 1 });
    ctx = {
      db: getDb().$client,
      scale: "test",
      secret: "s".repeat(32),
      cookieFor: (email) => `cookie-of:${email}`,
    };
  }, 60_000);

  it("has one reference and unique names", () => {
    expect(ENDPOINTS.filter((e) => e.kind === "reference")).toHaveLength(1);
    expect(new Set(ENDPOINTS.map((e) => e.name)).size).toBe(ENDPOINTS.length);
  });

  it("builds every request from the fixtures with real ids, codes and tokens", () => {
    const db = getDb().$client;
    const built = Object.fromEntries(ENDPOINTS.map((e) => [e.name, e.build(ctx)]));
    for (const req of Object.values(built)) expect(req.path.startsWith("/")).toBe(true);
    const surveyId = Number(built["survey results"]!.path.match(/surveys\/(\d+)\/results/)![1]);
    const survey = db.prepare("select title, anonymous from surveys where id = ?").get(surveyId) as { title: string; anonymous: number };
    expect(survey.title).toBe(BENCH_FIXTURES.largeSurveyTitle);
    // Named, so its respondents page lists people.
    expect(survey.anonymous).toBe(0);
    expect(built["survey respondents"]!.path).toBe(`${built["survey results"]!.path}/respondents`);
    const code = built["certificate verify"]!.path.split("/").pop()!;
    expect(db.prepare("select count(*) as n from certificates where verification_code = ? and revoked_at is null").get(code)).toEqual({ n: 1 });
    const [, id, mac] = built["personal feed"]!.path.match(/^\/calendar\/([^.]+)\.(.+)\.ics$/)!;
    expect(`${id}.${mac}`).toBe(feedTokenFor(id!, ctx.secret));
    expect(db.prepare("select count(*) as n from calendar_feed_tokens where id = ?").get(id)).toEqual({ n: 1 });
    expect(built["dashboard"]!.headers!.cookie).toBe(`cookie-of:${BENCH_FIXTURES.participantEmail}`);
    expect(built["roll call"]!.headers!.cookie).toBe(`cookie-of:${BENCH_FIXTURES.organiserEmail}`);
  });

  it("makes distinct live feed tokens that the app resolves, more than one per person when people are few", () => {
    const db = getDb().$client;
    const people = (db.prepare("select count(*) as n from users").get() as { n: number }).n;
    const paths = feedPaths(db, people * 3, ctx.secret);
    expect(paths).toHaveLength(people * 3);
    expect(new Set(paths).size).toBe(paths.length);
    for (const p of [paths[0]!, paths.at(-1)!]) {
      const [, id, mac] = p.match(/^\/calendar\/([^.]+)\.(.+)\.ics$/)!;
      expect(`${id}.${mac}`).toBe(feedTokenFor(id!, ctx.secret));
      expect(db.prepare("select count(*) as n from calendar_feed_tokens where id = ? and revoked_at is null").get(id)).toEqual({ n: 1 });
    }
  });

  it("opens registration now in the cohorts it makes", () => {
    const made = registrationCohorts(getDb().$client, 3, "t1");
    expect(new Set(made.map((c) => c.slug)).size).toBe(3);
    for (const c of made) {
      const cohort = getCohortBySlug(c.slug)!;
      expect(registrationWindowState(cohort)).toBe("open");
      expect(capacityFor(cohort, "gp")).toBeGreaterThan(0);
    }
  });

  it("opens an evening for check-in in the cohorts with most confirmed people, with their sessions", async () => {
    const db = getDb().$client;
    const cohorts = await checkinEvenings(db, 2, 6, "t2");
    expect(cohorts).toHaveLength(2);
    expect(cohorts.reduce((n, c) => n + c.participantIds.length, 0)).toBe(6);
    for (const c of cohorts) {
      expect(c.participantCookies).toHaveLength(c.participantIds.length);
      expect(c.organiserCookie).toMatch(/^kp_session=/);
      expect(checkInWithCode(c.code, c.participantIds[0]!)).toMatchObject({ ok: true, eveningNumber: c.evening });
    }
  });

  it("gives every browsing user a different person and only pages that person may open", async () => {
    const db = getDb().$client;
    // The fixtures-only database has no partnership in a published cohort: pair two confirmed people there.
    const pair = db
      .prepare("select r.cohort_id, r.user_id from registrations r join cohorts c on c.id = r.cohort_id join users u on u.id = r.user_id where c.status = 'published' and r.status = 'confirmed' and u.municipality is not null limit 2")
      .all() as { cohort_id: number; user_id: number }[];
    expect(pair).toHaveLength(2);
    const partnership = Number(db.prepare("insert into partnerships (cohort_id) values (?)").run(pair[0]!.cohort_id).lastInsertRowid);
    for (const m of pair) db.prepare("insert into partnership_members (partnership_id, cohort_id, user_id) values (?, ?, ?)").run(partnership, m.cohort_id, m.user_id);
    const users = await browsingUsers(db, 30);
    const userOf = async (cookie: string) => {
      const token = (await sessionCookie.parse(cookie)) as string;
      return (db.prepare("select user_id from sessions where id = ?").get(hashToken(token)) as { user_id: number } | undefined)?.user_id;
    };
    const ids = await Promise.all(users.map((u) => userOf(u.cookie)));
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    expect(new Set(ids).size).toBe(users.length);
    expect(users.some((u) => u.role === "organiser")).toBe(true);
    expect(users.some((u) => u.role === "participant")).toBe(true);
    users.forEach((u, i) => {
      const slug = u.paths[1]!.split("/")[2]!;
      const cohort = db.prepare("select id from cohorts where slug = ?").get(slug) as { id: number };
      if (u.role === "organiser") {
        expect(db.prepare("select 1 as y from cohort_organisers where cohort_id = ? and user_id = ?").get(cohort.id, ids[i])).toEqual({ y: 1 });
      } else {
        expect(db.prepare("select status from registrations where cohort_id = ? and user_id = ?").get(cohort.id, ids[i])).toEqual({ status: "confirmed" });
        const agreement = u.paths.find((p) => p.includes("/agreement"));
        if (agreement) {
          const theirs = Number(agreement.split("/")[2]);
          expect(db.prepare("select 1 as y from partnership_members where partnership_id = ? and user_id = ? and left_at is null").get(theirs, ids[i])).toEqual({ y: 1 });
        }
      }
    });
    for (const u of users) expect(u.paths.length).toBeGreaterThanOrEqual(4);
    // Those in a partnership come first, with their agreement among their pages.
    const participants = users.filter((u) => u.role === "participant");
    const withAgreement = participants.map((u) => u.paths.some((p) => p.includes("/agreement")));
    expect(withAgreement.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    expect(withAgreement).toEqual([...withAgreement].sort((a, b) => Number(b) - Number(a)));
    expect(users.length).toBeGreaterThan(20);
  });
});
