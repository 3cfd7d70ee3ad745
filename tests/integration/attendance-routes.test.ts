/** Route modules called directly with real Requests: permissions, forms and responses. */
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { getCreditRules } from "../../app/models/credits.server";
import { issueCertificates, listCertificates } from "../../app/models/certificates.server";
import { recordRollCall } from "../../app/models/attendance.server";
import * as creditsRoute from "../../app/routes/cohorts.$slug.credits";
import * as pdfRoute from "../../app/routes/certificates.$id[.]pdf";
import * as verifyRoute from "../../app/routes/verify.$code";
import * as rollcallRoute from "../../app/routes/cohorts.$slug.evenings.$n.attendance";
import { createCohort, createSessionCookie, createUser, register } from "../helpers/factories";
import { routeArgs } from "../helpers/route-args";

const PAST = ["2025-01-09", "2025-02-06", "2025-03-06", "2025-04-03", "2025-05-08"];

async function req(path: string, userId: number | null, form?: Record<string, string>) {
  const headers = new Headers();
  if (userId) headers.set("Cookie", (await createSessionCookie(getDb(), userId)).header);
  const init: RequestInit = { headers };
  if (form) {
    init.method = "POST";
    init.body = new URLSearchParams(form);
  }
  return new Request(`http://localhost${path}`, init);
}

async function status(p: Promise<unknown>) {
  try {
    const r = await p;
    return r instanceof Response ? r.status : (r as { init?: { status?: number } })?.init?.status ?? 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

describe("attendance routes", () => {
  it("credit rules are edited per cohort and profession; bad input is refused with field errors", async () => {
    const db = getDb();
    const org = await createUser(db);
    const outsider = await createUser(db);
    const { cohort } = createCohort(db, { organiserIds: [org.id] });
    const path = `/cohorts/${cohort.slug}/credits`;
    const params = { slug: cohort.slug };
    const form = { intent: "rule", profession: "physio", label: "Fysioterapeutforbundet", reference: "Godkjent 2027-12", courseHourMinutes: "60", minAttendancePercent: "75", selfStudyHours: "2", maxHours: "" };
    expect(await status(creditsRoute.action(routeArgs({ request: await req(path, outsider.id, form), params, context: {} })))).toBe(403);
    const ok = await creditsRoute.action(routeArgs({ request: await req(path, org.id, form), params, context: {} }));
    expect((ok as Response).status).toBe(302);
    expect(getCreditRules(cohort.id).physio).toEqual({ label: "Fysioterapeutforbundet", reference: "Godkjent 2027-12", courseHourMinutes: 60, minAttendancePercent: 75, selfStudyHours: 2, maxHours: null });
    expect(getCreditRules(cohort.id).gp.courseHourMinutes).toBe(45);
    const bad = (await creditsRoute.action(routeArgs({ request: await req(path, org.id, { ...form, minAttendancePercent: "180" }), params, context: {} }))) as any;
    expect(bad.init.status).toBe(400);
    expect(bad.data.result.error.minAttendancePercent).toEqual(["validation.invalid"]);
    expect(getCreditRules(cohort.id).physio.minAttendancePercent).toBe(75);
  });

  it("roll call is for organisers only and refuses people outside the cohort", async () => {
    const db = getDb();
    const org = await createUser(db);
    const p = await createUser(db);
    // Held evenings: roll call is only for evenings that have begun.
    const { cohort } = createCohort(db, { organiserIds: [org.id], eveningDates: PAST });
    register(db, cohort.id, p);
    const params = { slug: cohort.slug, n: "1" };
    const path = `/cohorts/${cohort.slug}/evenings/1/attendance`;
    expect(await status(rollcallRoute.loader(routeArgs({ request: await req(path, p.id), params, context: {} })))).toBe(403);
    expect(await status(rollcallRoute.loader(routeArgs({ request: await req(path, org.id), params: { ...params, n: "9" }, context: {} })))).toBe(404);
    const stranger = await createUser(db);
    const r = (await rollcallRoute.action(routeArgs({ request: await req(path, org.id, { userId: String(stranger.id), status: "present" }), params, context: {} }))) as any;
    expect(r.init.status).toBe(400);
    const good = (await rollcallRoute.action(routeArgs({ request: await req(path, org.id, { userId: String(p.id), status: "present" }), params, context: {} }))) as any;
    expect(good).toMatchObject({ ok: true, status: "present", minutes: 180 });
  });

  it("the PDF is for the owner, organisers and admins; /verify says nothing about unknown codes", async () => {
    const db = getDb();
    const org = await createUser(db);
    const admin = await createUser(db, { isAdmin: true });
    const owner = await createUser(db, { name: "Åge Ødegård" });
    const other = await createUser(db);
    const { cohort, evenings } = createCohort(db, { organiserIds: [org.id], eveningDates: PAST });
    register(db, cohort.id, owner);
    register(db, cohort.id, other);
    for (const e of evenings) recordRollCall({ evening: e, userId: owner.id, status: "present", recordedByUserId: org.id });
    issueCertificates(cohort.id, org.id);
    const cert = listCertificates(cohort.id)[0]!;
    const path = `/certificates/${cert.id}.pdf`;
    const params = { id: String(cert.id) };
    for (const u of [owner, org, admin]) {
      const res = (await pdfRoute.loader(routeArgs({ request: await req(path, u.id), params, context: {} }))) as Response;
      expect(res.headers.get("Content-Type")).toBe("application/pdf");
    }
    expect(await status(pdfRoute.loader(routeArgs({ request: await req(path, other.id), params, context: {} })))).toBe(404);
    expect(await status(pdfRoute.loader(routeArgs({ request: await req(path, null), params, context: {} })))).toBe(302);

    const found = (await verifyRoute.loader(routeArgs({ request: await req(`/verify/${cert.verificationCode}`, null), params: { code: cert.verificationCode }, context: {} }))) as any;
    expect(found.data.found).toMatchObject({ name: "Åge Ødegård", hours: 20, revoked: false });
    const missing = (await verifyRoute.loader(routeArgs({ request: await req("/verify/x", null), params: { code: "a".repeat(32) }, context: {} }))) as any;
    expect(missing.init.status).toBe(404);
    expect(missing.data).toEqual({ found: null });
  });
});
