/** The benchmark's budget logic, page-JavaScript measure and endpoint table (scripts/bench-*.ts). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { BENCH_FIXTURES, seedNational } from "../../db/seed-national";
import { BUDGETS, combineSlices, formatTable, isMissing, judge, pageJsKb, type Measurement } from "../../scripts/bench-lib";
import { ENDPOINTS, type BenchContext, type BenchEndpoint } from "../../scripts/bench-endpoints";
import { feedTokenFor } from "../../app/models/calendar.server";

const page: BenchEndpoint = { name: "p", description: "", kind: "page", build: () => ({ method: "GET", path: "/" }) };
const feed: BenchEndpoint = { ...page, name: "f", kind: "feed" };
const ok = (over: Partial<Measurement> = {}): Measurement => ({
  name: "p", kind: "page", method: "GET", path: "/", status: "ok", rps: 100, p50: 10, p99: 50, errors: 0, ...over,
});
const ref = ok({ name: "ref", kind: "reference", rps: 100 });
const noJs = path.join(os.tmpdir(), "kp-no-build");

describe("bench budgets", () => {
  it("passes a line inside every budget and fails each budget on its own", () => {
    expect(judge(ok({ rps: 61 }), ref, ok({ p50: 8 }), page, noJs).failures).toEqual([]);
    expect(judge(ok({ rps: 59 }), ref, undefined, page, noJs).failures).toEqual(["rps<60%"]);
    expect(judge(ok({ rps: 99 }), ref, undefined, feed, noJs).failures).toEqual(["rps<100%"]);
    expect(judge(ok({ p99: BUDGETS.p99Ms }), ref, undefined, page, noJs).failures).toEqual(["p99≥100ms"]);
    expect(judge(ok({ errors: 1 }), ref, undefined, page, noJs).failures).toEqual(["errors"]);
    const grown = judge(ok({ p50: 16 }), ref, ok({ p50: 10 }), page, noJs);
    expect(grown.scaleRatio).toBeCloseTo(1.6);
    expect(grown.failures).toEqual(["nat/demo>1.5"]);
    // Sub-millisecond medians are compared with a 1 ms floor, so 0 ms vs 1 ms is not "grown".
    expect(judge(ok({ p50: 1 }), ref, ok({ p50: 0 }), page, noJs).failures).toEqual([]);
  });

  it("compares with the log-in page measured around the line when the run has that (the machine drifts)", () => {
    // The run's first reference was fast (100 req/s); around this page the machine gave the log-in page 80.
    const line = judge(ok({ rps: 50, adjacentRefRps: 80 }), ref, undefined, page, noJs);
    expect(line.ratio).toBeCloseTo(0.625);
    expect(line.failures).toEqual([]);
    expect(judge(ok({ rps: 50 }), ref, undefined, page, noJs).failures).toEqual(["rps<60%"]);
  });

  it("combines a page measured in slices, each against the log-in page around it", () => {
    // The machine slowed down between the slices: each slice is still at 60 % of the log-in page around it.
    const line = combineSlices([
      { page: ok({ rps: 60, p50: 10, p99: 40, requests: 600, errors: 0, statusCodes: { "200": 600 } }), refBefore: 100, refAfter: 100 },
      { page: ok({ rps: 30, p50: 20, p99: 90, requests: 300, errors: 1, statusCodes: { "200": 299, "500": 1 } }), refBefore: 40, refAfter: 60 },
    ]);
    expect(judge(line, ref, undefined, page, noJs).ratio).toBeCloseTo(0.6);
    expect(line).toMatchObject({ rps: 45, p99: 90, errors: 1, requests: 900, statusCodes: { "200": 899, "500": 1 } });
    expect(line.p50).toBeCloseTo((10 * 600 + 20 * 300) / 900);
    // Against the first reference alone the slow slice would have read 0.45.
    expect(judge({ ...line, adjacentRefRps: undefined }, ref, undefined, page, noJs).ratio).toBeCloseTo(0.45);
    // One slice without references (--quick) is the slice; a failed slice is the line.
    expect(combineSlices([{ page: ok({ rps: 70 }) }])).toEqual(ok({ rps: 70 }));
    const failed = ok({ status: "failed", note: "x" });
    expect(combineSlices([{ page: ok(), refBefore: 1, refAfter: 1 }, { page: failed, refBefore: 1, refAfter: 1 }])).toBe(failed);
  });

  it("holds an extra line (outside the issue's list) to errors and scale growth only", () => {
    const extra: BenchEndpoint = { ...page, name: "x", kind: "extra" };
    const slow = judge(ok({ kind: "extra", rps: 10, p99: 400 }), ref, ok({ p50: 10 }), extra, noJs);
    expect(slow.failures).toEqual([]);
    expect(formatTable([slow]).at(-1)).toContain("pass (errors, nat/demo only)");
    expect(judge(ok({ kind: "extra", errors: 2, p50: 20 }), ref, ok({ p50: 10 }), extra, noJs).failures).toEqual(["errors", "nat/demo>1.5"]);
  });

  it("never judges the reference against itself, and skips missing lines", () => {
    expect(judge(ok({ kind: "reference", rps: 1 }), ref, undefined, { ...page, kind: "reference" }, noJs).failures).toEqual([]);
    expect(judge({ ...ok(), status: "missing", probeStatus: 404 }, ref, undefined, page, noJs).failures).toEqual([]);
  });

  it("treats 404, and 405 on a POST, as a missing route", () => {
    expect(isMissing("GET", 404)).toBe(true);
    expect(isMissing("POST", 405)).toBe(true);
    expect(isMissing("GET", 405)).toBe(false);
    expect(isMissing("POST", 302)).toBe(false);
    expect(isMissing("GET", 200)).toBe(false);
  });

  it("formats one row per line with the budget verdict", () => {
    const lines = [judge(ok({ rps: 10 }), ref, undefined, page, noJs), judge({ ...ok(), name: "gone", status: "missing", probeStatus: 404 }, ref, undefined, page, noJs)];
    const rows = formatTable(lines);
    expect(rows).toHaveLength(4);
    expect(rows[2]).toMatch(/FAIL rps<60%/);
    expect(rows[3]).toMatch(/gone\s+missing.*→ 404/);
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
    fs.writeFileSync(path.join(dir, "assets", "manifest-abc.js"), `window.__remixManifest=${JSON.stringify(manifest)};`);
    const expected =
      zlib.gzipSync(fs.readFileSync(path.join(dir, "assets", "manifest-abc.js"))).length +
      write("entry.js", 3000) + write("react.js", 20000) + write("root.js", 1000) + write("page.js", 2000) + write("forms.js", 5000);
    expect(pageJsKb("routes/page", dir)).toBeCloseTo(expected / 1024, 5);
    expect(pageJsKb("routes/unknown", dir)).toBeNull();
    expect(pageJsKb("routes/page", noJs)).toBeNull();
    const heavy = judge(ok(), ref, undefined, { ...page, routeId: "routes/page", participantPage: true }, dir);
    expect(heavy.jsKb).toBeGreaterThan(0);
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
      runId: "run",
      cookieFor: (email) => `cookie-of:${email}`,
      freshUserCookies: (n) => Array.from({ length: n }, (_, i) => `fresh-${i}`),
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
    expect(built["sign-up action"]!.cookiePool!.length).toBeGreaterThan(1000);
    const signup = built["account sign-up"]!;
    expect(signup.bodyFor!(1)).not.toBe(signup.bodyFor!(2));
  });
});
