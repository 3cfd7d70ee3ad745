import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { contactRequests, emailOutbox, networkOffers } from "../../db/schema";
import {
  confirmOffer,
  createOffer,
  deleteOffer,
  listTreatmentForms,
  myOffers,
  OfferError,
  OFFERS_PAGE_SIZE,
  remindStaleOffers,
  searchOffers,
  updateOffer,
} from "../../app/models/offers/offers.server";
import { OfferSchema, type OfferInput } from "../../app/models/offers/rules";
import { municipalityKey, municipalityName, searchKeys } from "../../app/models/offers/municipalities";
import { NetworkError, sendContactRequest } from "../../app/models/network.server";
import { runDueNotifications } from "../../app/models/reminders.server";
import { deleteAccount, exportPersonalData } from "../../app/models/privacy.server";
import "../../app/models/scheduler.server";
import { createCohort, createUser, register } from "../helpers/factories";

const DAY = 24 * 60 * 60 * 1000;

function form(slug: string) {
  const f = listTreatmentForms().find((x) => x.slug === slug);
  if (!f) throw new Error(`no form ${slug}`);
  return f;
}

function offer(overrides: Partial<OfferInput> = {}): OfferInput {
  return {
    formIds: [form("psychomotor").id],
    description: "Psykomotorisk fysioterapi for voksne",
    municipality: "Malvik",
    address: "Storgata 1",
    takesNewPatients: "yes",
    waitingWeeks: 4,
    contactChannel: "phone",
    contactDetail: "73 00 00 00",
    published: true,
    ...overrides,
  };
}

async function member(overrides: Parameters<typeof createUser>[1] = {}) {
  const db = getDb();
  const { cohort } = createCohort(db);
  const u = await createUser(db, overrides);
  register(db, cohort.id, u);
  return u;
}

describe("offers in the network", () => {
  it("has the seeded list of treatment forms, named per language", () => {
    expect(listTreatmentForms().map((f) => f.name)).toEqual([
      "Psykomotorisk fysioterapi",
      "Veiledet trening ved kne- eller hofteartrose",
      "Gruppetrening ved langvarige smerter",
      "Arbeidsrettet rehabilitering med NAV",
      "Hjemmebesøk",
    ]);
    expect(listTreatmentForms("en")[0]!.name).toBe("Psychomotor physiotherapy");
  });

  it("searches by treatment form, municipality with or without its neighbours, and takes-new-patients", async () => {
    const physio = await member({ profession: "physio", name: "Siri Fysio" });
    const other = await member({ profession: "physio", name: "Tor Fysio" });
    const psych = createOffer(physio.id, offer({ municipality: "Malvik" }));
    const knee = createOffer(physio.id, offer({ formIds: [form("arthrosis-exercise").id, form("pain-group").id], municipality: "Stjørdal", takesNewPatients: "no" }));
    const far = createOffer(other.id, offer({ formIds: [form("arthrosis-exercise").id], municipality: "Røros" }));
    const hidden = createOffer(other.id, offer({ municipality: "Malvik", published: false }));

    const ids = (q: Parameters<typeof searchOffers>[0]) => searchOffers(q).rows.map((r) => r.id).sort((a, b) => a - b);
    expect(ids({})).toEqual([psych.id, knee.id, far.id]);
    expect(ids({ formId: form("arthrosis-exercise").id })).toEqual([knee.id, far.id]);
    expect(ids({ municipality: "malvik" })).toEqual([psych.id]);
    // Stjørdal and Trondheim border Malvik; Røros does not.
    expect(ids({ municipality: "Malvik", neighbours: true })).toEqual([psych.id, knee.id]);
    expect(ids({ municipality: "Trondheim", neighbours: true })).toEqual([psych.id]);
    expect(ids({ municipality: "STJØRDAL" })).toEqual([knee.id]);
    expect(ids({ municipality: "Malvik", neighbours: true, takesNew: true })).toEqual([psych.id]);
    expect(ids({ municipality: "Malvik", neighbours: true, formId: form("pain-group").id })).toEqual([knee.id]);
    expect(ids({ municipalityPrefix: "stj" })).toEqual([knee.id]);
    expect(ids({})).not.toContain(hidden.id);

    const card = searchOffers({ municipality: "Malvik" }).rows[0]!;
    expect(card).toMatchObject({ ownerName: "Siri Fysio", ownerProfession: "physio", contactChannel: "phone", contactDetail: "73 00 00 00", waitingWeeks: 4, stale: false });
    expect(card.forms.map((f) => f.slug)).toEqual(["psychomotor"]);
    expect(searchOffers({ formId: form("pain-group").id }).rows[0]!.forms.map((f) => f.slug)).toEqual(["arthrosis-exercise", "pain-group"]);
  });

  it("is paginated", async () => {
    const physio = await member({ profession: "physio" });
    for (let i = 0; i < OFFERS_PAGE_SIZE + 3; i++) createOffer(physio.id, offer({ municipality: "Sidebyen" }));
    const p1 = searchOffers({ municipality: "Sidebyen" });
    const p2 = searchOffers({ municipality: "Sidebyen", page: 2 });
    expect(p1).toMatchObject({ total: OFFERS_PAGE_SIZE + 3, page: 1, pages: 2 });
    expect(p1.rows).toHaveLength(OFFERS_PAGE_SIZE);
    expect(p2.rows).toHaveLength(3);
    expect(new Set([...p1.rows, ...p2.rows].map((r) => r.id)).size).toBe(OFFERS_PAGE_SIZE + 3);
  });

  it("is listed only when its owner chooses (opt-in), and only its owner changes, confirms or deletes it", async () => {
    const physio = await member({ profession: "physio" });
    const stranger = await member({ profession: "gp" });
    const o = createOffer(physio.id, offer({ municipality: "Opt-in-by", published: undefined }));
    expect(searchOffers({ municipality: "Opt-in-by" }).total).toBe(0);
    expect(() => updateOffer(stranger.id, o.id, offer({ municipality: "Opt-in-by" }))).toThrow(OfferError);
    expect(() => confirmOffer(stranger.id, o.id)).toThrow(OfferError);
    expect(() => deleteOffer(stranger.id, o.id)).toThrow(OfferError);
    updateOffer(physio.id, o.id, offer({ municipality: "Opt-in-by", published: true }));
    expect(searchOffers({ municipality: "Opt-in-by" }).total).toBe(1);
    expect(myOffers(physio.id).map((x) => x.id)).toEqual([o.id]);
    deleteOffer(physio.id, o.id);
    expect(searchOffers({ municipality: "Opt-in-by" }).total).toBe(0);
  });

  it("rejects an unknown treatment form and a form without one; the schema holds no patient fields", async () => {
    const physio = await member({ profession: "physio" });
    expect(() => createOffer(physio.id, offer({ formIds: [999_999] }))).toThrow(OfferError);
    const parsed = OfferSchema.safeParse({ ...offer(), formIds: [] });
    expect(parsed.success).toBe(false);
    expect(OfferSchema.safeParse({ ...offer(), waitingWeeks: -1 }).success).toBe(false);
    expect(Object.keys(networkOffers)).not.toContain("patient");
  });

  it("marks an offer not confirmed for 90 days as possibly out of date and reminds its owner once", async () => {
    const db = getDb();
    // Only this test's offer, so the job's counts are about it (the other tests' offers are confirmed today).
    db.delete(networkOffers).run();
    const physio = await member({ profession: "physio", name: "Gammel Fysio" });
    const t0 = new Date("2027-01-10T10:00:00Z");
    const o = createOffer(physio.id, offer({ municipality: "Utdatertby" }), t0);
    const day89 = new Date(t0.getTime() + 89 * DAY);
    const day90 = new Date(t0.getTime() + 90 * DAY);
    expect(searchOffers({ municipality: "Utdatertby" }, "nb", day89).rows[0]!.stale).toBe(false);
    expect(searchOffers({ municipality: "Utdatertby" }, "nb", day90).rows[0]!.stale).toBe(true);

    const mails = () => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, physio.email)).all();
    expect(await remindStaleOffers(day89)).toBe(0);
    // Through the scheduler's notification run (the job is registered by the scheduler module).
    const queued = await runDueNotifications(day90);
    expect(queued["offer-reminders"]).toBe(1);
    expect(mails()).toHaveLength(1);
    expect(mails()[0]!.subject).toBe("Stemmer tilbudet ditt i Knutepunkt-nettverket fortsatt?");
    expect(mails()[0]!.textBody).toContain("/network/offers/mine");
    // Once: later runs do not remind again.
    expect(await remindStaleOffers(new Date(day90.getTime() + 5 * DAY))).toBe(0);
    expect(mails()).toHaveLength(1);

    // Confirming clears the mark; 90 days later the owner is reminded again.
    const confirmedAt = new Date(day90.getTime() + 6 * DAY);
    confirmOffer(physio.id, o.id, confirmedAt);
    expect(searchOffers({ municipality: "Utdatertby" }, "nb", new Date(confirmedAt.getTime() + DAY)).rows[0]!.stale).toBe(false);
    expect(await remindStaleOffers(new Date(confirmedAt.getTime() + 90 * DAY))).toBe(1);
    expect(mails()).toHaveLength(2);
  });

  it("lets a member contact an offer's owner (who need not be in the directory); not about an unlisted offer", async () => {
    const db = getDb();
    const physio = await member({ profession: "physio", name: "Eier Fysio", directoryOptIn: false });
    const gp = await member({ profession: "gp", name: "Geir Lege", municipality: "Trondheim" });
    const outsider = await createUser(db, { profession: "gp" });
    const listed = createOffer(physio.id, offer({ municipality: "Malvik" }));
    const unlisted = createOffer(physio.id, offer({ municipality: "Malvik", published: false }));

    await expect(sendContactRequest({ fromUserId: gp.id, toUserId: physio.id, message: "Hei" })).rejects.toThrow(NetworkError);
    await expect(sendContactRequest({ fromUserId: gp.id, toUserId: physio.id, offerId: unlisted.id, message: "Hei" })).rejects.toMatchObject({ code: "offerNotFound" });
    await expect(sendContactRequest({ fromUserId: outsider.id, toUserId: physio.id, offerId: listed.id, message: "Hei" })).rejects.toMatchObject({ code: "notParticipant" });
    await expect(sendContactRequest({ fromUserId: gp.id, toUserId: gp.id, offerId: listed.id, message: "Hei" })).rejects.toMatchObject({ code: "offerNotFound" });

    const row = await sendContactRequest({ fromUserId: gp.id, toUserId: physio.id, offerId: listed.id, message: "Har dere plass til en pasient med kneartrose?" });
    expect(db.select().from(contactRequests).where(eq(contactRequests.id, row.id)).get()).toMatchObject({ fromUserId: gp.id, toUserId: physio.id, status: "pending" });
    const mail = db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, physio.email)).get()!;
    expect(mail.subject).toBe("Geir Lege vil komme i kontakt med deg om tilbudet ditt");
    expect(mail.textBody).toContain("tilbudet ditt i Malvik");
    expect(mail.textBody).toContain(gp.email);
  });
});

describe("offers and the person's own data", () => {
  it("are in the personal data export and go with the account", async () => {
    const physio = await member({ profession: "physio" });
    const o = createOffer(physio.id, offer({ municipality: "Eksportby" }));
    expect(exportPersonalData(physio.id)!.networkOffers.map((x) => x.id)).toEqual([o.id]);
    await deleteAccount(physio.id);
    expect(searchOffers({ municipality: "Eksportby" }).total).toBe(0);
    expect(getDb().select().from(networkOffers).where(eq(networkOffers.id, o.id)).get()).toBeUndefined();
  });
});

describe("municipality keys", () => {
  it("match whatever case and spacing was typed, and name the neighbours of the demo region", () => {
    expect(municipalityKey("  Indre   FOSEN ")).toBe("indre fosen");
    expect(municipalityKey("STJØRDAL")).toBe("stjørdal");
    expect(municipalityName("midtre gauldal")).toBe("Midtre Gauldal");
    expect(municipalityName("ørland")).toBe("Ørland");
    expect(searchKeys("Malvik", true)).toEqual(["malvik", "selbu", "stjørdal", "trondheim"]);
    expect(searchKeys("Malvik", false)).toEqual(["malvik"]);
    expect(searchKeys("Ukjent", true)).toEqual(["ukjent"]);
  });
});
