/** Over HTTP against the built app: a stored impossible date does not break the pages that show it. */
import { describe, expect, it } from "vitest";
import { cookieFetch, e2eDb } from "../helpers/e2e";
import { createCohort, createPartnership, createSessionCookie, createUser, register } from "../helpers/factories";
import { agreementVersions } from "../../db/schema";

describe("a stored impossible agreement review date", () => {
  it("the agreement page, its print view and its PDF answer 200 for both members, the date shown as unknown", async () => {
    const db = e2eDb();
    const tag = Math.random().toString(36).slice(2, 7);
    const a = await createUser(db, { profession: "gp", name: `Geir Fastlege ${tag}` });
    const b = await createUser(db, { profession: "physio", name: `Siri Fysio ${tag}` });
    const { cohort } = createCohort(db, { slug: `dates-${tag}`, capacityGp: 5, capacityPhysio: 5 });
    register(db, cohort.id, a);
    register(db, cohort.id, b);
    const partnership = createPartnership(db, cohort.id, [a.id, b.id]);
    // What the probe left behind before dates were checked.
    const data = { meetingFormat: "video", meetingFrequency: "Hver tredje måned", channels: ["dialogmelding"], responseTime: "To dager", contactPersons: "Geir og Siri", reviewDate: "2027-13-45" };
    db.insert(agreementVersions).values({ partnershipId: partnership.id, version: 1, data, reviewDate: "2027-13-45", createdByUserId: a.id }).run();

    for (const member of [a, b]) {
      const get = cookieFetch((await createSessionCookie(db, member.id)).header);
      const base = `/partnerships/${partnership.id}/agreement`;
      for (const path of [base, `${base}/print`]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        expect(html).toContain("Dato for gjennomgang av avtalen");
        expect(html).toContain("Ukjent (datoen som er lagret finnes ikke)");
      }
      const pdf = await get(`${base}.pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    }
  });
});
