/**
 * Evening check-in: participants check themselves in with the evening's code (open loop: they arrive
 * over the window whatever the answers), while each cohort's organiser runs the roll call: loads the
 * roll call page and marks people present, one a second, reloading the page after every ten.
 */
import { performance } from "node:perf_hooks";
import type { CheckinCohort } from "./fixtures";
import { FORM, openLoop, Recorder, sleep } from "./load";

export async function eveningCheckin(opts: { base: string; cohorts: CheckinCohort[]; seconds: number }) {
  const { base, cohorts } = opts;
  const rec = new Recorder();
  const origin = { origin: base };
  // Round robin over the cohorts: people of every cohort arrive at the same time.
  const most = Math.max(0, ...cohorts.map((c) => c.participantCookies.length));
  const order = Array.from({ length: most }, (_, k) => cohorts.flatMap((c) => (k < c.participantCookies.length ? [{ cookie: c.participantCookies[k]!, code: c.code }] : []))).flat();
  const end = performance.now() + opts.seconds * 1000;
  const rollCall = async (c: CheckinCohort) => {
    const page = `/cohorts/${c.slug}/evenings/${c.evening}/attendance`;
    let next = 0;
    while (performance.now() < end) {
      await rec.request("GET roll call", base + page, { headers: { cookie: c.organiserCookie }, expect: [200] });
      for (let k = 0; k < 10 && performance.now() < end; k++) {
        const userId = c.participantIds[next++ % c.participantIds.length]!;
        await rec.request("POST roll call mark", `${base}${page}.data`, {
          method: "POST",
          headers: { ...FORM, ...origin, cookie: c.organiserCookie },
          body: new URLSearchParams({ userId: String(userId), status: "present" }).toString(),
          expect: [200],
        });
        await sleep(1000);
      }
    }
  };
  const [loop] = await Promise.all([
    openLoop({
      count: order.length,
      durationMs: opts.seconds * 1000,
      maxInFlight: 100,
      run: async (i) => {
        const p = order[i]!;
        if (!(await rec.request("GET /checkin", `${base}/checkin?code=${p.code}`, { headers: { cookie: p.cookie }, expect: [200] }))) return;
        await rec.request("POST /checkin", `${base}/checkin.data`, {
          method: "POST",
          headers: { ...FORM, ...origin, cookie: p.cookie },
          body: new URLSearchParams({ code: p.code }).toString(),
          expect: [200],
        });
      },
    }),
    ...cohorts.map(rollCall),
  ]);
  return { loop, people: order.length, requests: rec.summary(), errors: rec.errorCount + loop.skipped + loop.failed, p95: rec.all().p(95) };
}
