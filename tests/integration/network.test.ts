import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { emailOutbox } from "../../db/schema";
import { NETWORK_PAGE_SIZE, NetworkError, searchDirectory, sendContactRequest } from "../../app/models/network.server";
import { acceptPartnerRequest, sendPartnerRequest } from "../../app/models/pairing.server";
import { createCohort, createUser, register } from "../helpers/factories";

describe("the network directory", () => {
  it("shows only opted-in people who are or were confirmed participants, with filters and partnerships", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { title: "Trondheim 2027" });
    const { cohort: other } = createCohort(db, { title: "Levanger 2028" });
    const listed = await createUser(db, { name: "Åse Ødegård", profession: "physio", municipality: "Levanger", specialCompetence: "Manuellterapi", directoryOptIn: true });
    const partner = await createUser(db, { name: "Bjørn Lege", profession: "gp", municipality: "Levanger", directoryOptIn: true });
    const hidden = await createUser(db, { name: "Skjult Person", profession: "gp", municipality: "Levanger", directoryOptIn: false });
    const neverRegistered = await createUser(db, { name: "Aldri Påmeldt", profession: "gp", municipality: "Levanger", directoryOptIn: true });
    const onlyWaitlisted = await createUser(db, { name: "Venter Lenge", profession: "gp", municipality: "Levanger", directoryOptIn: true });
    register(db, cohort.id, listed);
    register(db, cohort.id, partner);
    register(db, other.id, hidden);
    register(db, other.id, onlyWaitlisted, "waitlisted");
    void neverRegistered;
    const r = await sendPartnerRequest({ cohortId: cohort.id, fromUserId: listed.id, toUserId: partner.id, message: "" });
    await acceptPartnerRequest({ requestId: r.id, userId: partner.id });

    const all = searchDirectory({});
    expect(all.rows.map((x) => x.name)).toEqual(["Bjørn Lege", "Åse Ødegård"]); // Å is the last letter in Norwegian
    expect(searchDirectory({ municipality: "levanger" }).total).toBe(2);
    expect(searchDirectory({ q: "øde" }).rows.map((x) => x.id)).toEqual([listed.id]);
    expect(searchDirectory({ profession: "gp" }).rows.map((x) => x.id)).toEqual([partner.id]);
    expect(searchDirectory({ competence: "manuell" }).rows.map((x) => x.id)).toEqual([listed.id]);
    expect(searchDirectory({ q: "100%" }).total).toBe(0); // LIKE wildcards are escaped
    const ase = searchDirectory({ q: "Åse" }).rows[0]!;
    expect(ase.partnerships).toEqual([{ partnershipId: expect.any(Number), cohortTitle: "Trondheim 2027", partners: [{ name: "Bjørn Lege", profession: "gp" }] }]);
  });

  it("is paginated with LIMIT/OFFSET", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    for (let i = 0; i < NETWORK_PAGE_SIZE + 5; i++) {
      const u = await createUser(db, { name: `Person ${String(i).padStart(2, "0")}`, profession: "physio", directoryOptIn: true, municipality: "Paginering" });
      register(db, cohort.id, u);
    }
    const p1 = searchDirectory({ municipality: "Paginering" });
    const p2 = searchDirectory({ municipality: "Paginering", page: 2 });
    expect(p1.total).toBe(NETWORK_PAGE_SIZE + 5);
    expect(p1.pages).toBe(2);
    expect(p1.rows).toHaveLength(NETWORK_PAGE_SIZE);
    expect(p2.rows).toHaveLength(5);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(NETWORK_PAGE_SIZE + 5);
    expect(searchDirectory({ municipality: "Paginering", page: 99 }).page).toBe(2);
  });

  it("the directory query uses the opt-in index", () => {
    const plan = getDb()
      .$client.prepare("explain query plan select id from users where directory_opt_in = 1 and lower(municipality) like '%a%' order by name limit 20 offset 0")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/users_directory_idx/);
  });

  it("a participant sends a contact request; the receiver is e-mailed; non-participants and unlisted people are refused", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const from = await createUser(db, { name: "Kari Fysio", profession: "physio", municipality: "Malvik" });
    const to = await createUser(db, { name: "Ola Lege", profession: "gp", directoryOptIn: true });
    const unlisted = await createUser(db, { profession: "gp", directoryOptIn: false });
    const stranger = await createUser(db, { profession: "gp" });
    for (const u of [from, to, unlisted]) register(db, cohort.id, u);
    await sendContactRequest({ fromUserId: from.id, toUserId: to.id, message: "Kan vi ta en prat om henvisninger?" });
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to.email)).get()!;
    expect(mail.subject).toBe("Kari Fysio vil komme i kontakt med deg");
    expect(mail.textBody).toContain("Kan vi ta en prat om henvisninger?");
    expect(mail.textBody).toContain(from.email);
    await expect(sendContactRequest({ fromUserId: from.id, toUserId: to.id, message: "igjen" })).rejects.toBeInstanceOf(NetworkError);
    await expect(sendContactRequest({ fromUserId: from.id, toUserId: unlisted.id, message: "hei" })).rejects.toMatchObject({ code: "notListed" });
    await expect(sendContactRequest({ fromUserId: stranger.id, toUserId: to.id, message: "hei" })).rejects.toMatchObject({ code: "notParticipant" });
  });
});
