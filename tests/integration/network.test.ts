import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { cohorts, emailOutbox, partnershipMembers, partnerships, registrations, users } from "../../db/schema";
import { directoryMatch, isParticipant, mayContact, NETWORK_PAGE_SIZE, NetworkError, searchDirectory, sendContactRequest } from "../../app/models/network.server";
import { acceptPartnerRequest, leavePartnership, sendPartnerRequest } from "../../app/models/pairing/requests.server";
import { updateProfile } from "../../app/models/accounts.server";
import { deleteAccount } from "../../app/models/privacy.server";
import { cancelRegistration, moveRegistration, signUp } from "../../app/models/registration.server";
import type { Db } from "../../db/client";
import { createCohort, createUser, register } from "../helpers/factories";
import { recordSql } from "../helpers/record-sql";

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

  it("lists a person's partnerships in partnership order, co-members by name", async () => {
    const db = getDb();
    const { cohort: first } = createCohort(db, { title: "Bodø 2027" });
    const { cohort: second } = createCohort(db, { title: "Tromsø 2028" });
    const person = await createUser(db, { name: "Kari Fysio", profession: "physio", municipality: "Sortering", directoryOptIn: true });
    const [øystein, anne, berit] = await Promise.all(
      ["Øystein Lege", "Anne Lege", "Berit Lege"].map((name) => createUser(db, { name, profession: "gp", municipality: "Annet" })),
    );
    register(db, first.id, person);
    const [older, newer] = [first, second].map((c) => db.insert(partnerships).values({ cohortId: c.id }).returning().get());
    // The person joins the newer partnership first, and its co-members come in reverse name order.
    db.insert(partnershipMembers)
      .values([
        { partnershipId: newer!.id, cohortId: second.id, userId: person.id },
        { partnershipId: newer!.id, cohortId: second.id, userId: øystein!.id },
        { partnershipId: newer!.id, cohortId: second.id, userId: anne!.id },
        { partnershipId: older!.id, cohortId: first.id, userId: person.id },
        { partnershipId: older!.id, cohortId: first.id, userId: berit!.id },
      ])
      .run();

    const [card] = searchDirectory({ municipality: "Sortering" }).rows;
    expect(card!.partnerships).toEqual([
      { partnershipId: older!.id, cohortTitle: "Bodø 2027", partners: [{ name: "Berit Lege", profession: "gp" }] },
      { partnershipId: newer!.id, cohortTitle: "Tromsø 2028", partners: [{ name: "Anne Lege", profession: "gp" }, { name: "Øystein Lege", profession: "gp" }] },
    ]);
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

  it("reads and counts listed people from the listed index, without reading registrations", () => {
    const plans = [
      "select id from users where directory_listed = 1 order by name limit 20 offset 0",
      "select count(*) from users where directory_listed = 1",
      "select id from users where directory_listed = 1 and municipality = 'Levanger' order by name limit 20",
    ].map((sql) => (getDb().$client.prepare(`explain query plan ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(" | "));
    expect(plans[0]).toMatch(/^SCAN users USING (COVERING )?INDEX users_directory_listed_name_idx \(directory_listed=\?\)$|^SEARCH users USING (COVERING )?INDEX users_directory_listed_name_idx \(directory_listed=\?\)$/);
    expect(plans[1]).toMatch(/^SEARCH users USING COVERING INDEX users_directory_listed_(name|municipality)_idx \(directory_listed=\?\)$/);
    expect(plans[2]).toMatch(/^SEARCH users USING (COVERING )?INDEX users_directory_listed_municipality_idx \(directory_listed=\? AND municipality=\?\)$/);
  });

  it("keeps who is listed in step with sign-ups, the waiting list, cancellations, organiser moves, the opt-in and deletion", async () => {
    const db = getDb();
    const now = { now: new Date("2026-12-01T10:00:00Z") };
    const organiser = await createUser(db);
    const { cohort } = createCohort(db, { capacityGp: 1, organiserIds: [organiser.id] });
    const first = await createUser(db, { name: "Først Listesen", profession: "gp", municipality: "Listeby", directoryOptIn: true });
    const second = await createUser(db, { name: "Andre Listesen", profession: "gp", municipality: "Listeby", directoryOptIn: true });
    const listedIds = () => searchDirectory({ municipality: "Listeby" }).rows.map((r) => r.id);
    const flag = (id: number) => db.select({ listed: users.directoryListed }).from(users).where(eq(users.id, id)).get()?.listed;

    await signUp(cohort.id, first.id, now); // confirmed
    await signUp(cohort.id, second.id, now); // waiting list: not a participant (yet)
    expect(listedIds()).toEqual([first.id]);
    await cancelRegistration(cohort.id, first.id, now); // the place goes to the second
    expect(listedIds()).toEqual([second.id]);
    expect(flag(first.id)).toBe(false);

    updateProfile(second.id, { directoryOptIn: false });
    expect(listedIds()).toEqual([]);
    updateProfile(second.id, { directoryOptIn: true });
    expect(listedIds()).toEqual([second.id]);
    const registration = db.select().from(registrations).where(eq(registrations.userId, second.id)).get()!;
    await moveRegistration(registration.id, "waitlisted", organiser.id, now);
    expect(listedIds()).toEqual([]);
    await moveRegistration(registration.id, "confirmed", organiser.id, now);
    expect(listedIds()).toEqual([second.id]);
    expect(searchDirectory({}).total).toBe(db.$client.prepare("select count(*) as n from users u where directory_opt_in and exists (select 1 from registrations r where r.user_id = u.id and r.status = 'confirmed')").pluck().get());

    await deleteAccount(second.id);
    expect(listedIds()).toEqual([]);
  });

  it("a municipality search reads the kept municipality counts and one municipality's page in name order; the counts follow every change", async () => {
    const db = getDb();
    const { cohort } = createCohort(db, { capacityGp: 50, capacityPhysio: 50 });
    const person = async (name: string, profession: "gp" | "physio", municipality: string) => {
      const u = await createUser(db, { name, profession, municipality, directoryOptIn: true });
      register(db, cohort.id, u);
      return u;
    };
    const nord = await person("Nora Nordfron", "gp", "Nord-Fron");
    const sor = await person("Sara Sørfron", "physio", "Sør-Fron");
    const sor2 = await person("Siri Sørfron", "gp", "Sør-Fron");
    await person("Frode Fronting", "physio", "Frontby"); // "fron" starts this word too
    const kept = () => db.$client.prepare("select municipality, gp, physio from directory_municipalities where municipality like '%fron%' order by municipality").all();
    const counted = () =>
      db.$client
        .prepare("select municipality, sum(profession = 'gp') as gp, sum(profession = 'physio') as physio from users where directory_listed and municipality like '%fron%' group by municipality order by municipality")
        .all();
    const ids = (q: Parameters<typeof searchDirectory>[0]) => searchDirectory(q).rows.map((r) => r.id);

    expect(kept()).toEqual(counted());
    expect(searchDirectory({ municipality: "fron" }).total).toBe(4); // Nord-Fron, Sør-Fron, Frontby: sorted together
    expect(searchDirectory({ municipality: "sør-fron" }).rows.map((r) => r.name)).toEqual(["Sara Sørfron", "Siri Sørfron"]);
    expect(searchDirectory({ municipality: "SØR FRON", profession: "gp" })).toMatchObject({ total: 1, rows: [{ id: sor2.id }] });
    expect(ids({ municipality: "nord fron" })).toEqual([nord.id]);
    expect(searchDirectory({ municipality: "fronx" }).total).toBe(0);

    // Moving, changing profession, opting out and deleting the account all show in the counts at once.
    updateProfile(nord.id, { municipality: "Sør-Fron" });
    updateProfile(sor.id, { profession: "gp" });
    updateProfile(sor2.id, { directoryOptIn: false });
    expect(kept()).toEqual(counted());
    expect(searchDirectory({ municipality: "nord-fron" }).total).toBe(0);
    expect(searchDirectory({ municipality: "sør-fron", profession: "gp" }).rows.map((r) => r.name)).toEqual(["Nora Nordfron", "Sara Sørfron"]);
    await deleteAccount(nord.id);
    expect(kept()).toEqual(counted());
    expect(ids({ municipality: "sør-fron" })).toEqual([sor.id]);
    expect(searchDirectory({ municipality: "nord" }).total).toBe(0); // Nord-Fron has nobody listed left
    // The names' full-text index matches its content table (external content, kept by triggers).
    expect(db.$client.prepare("insert into directory_municipalities_fts(directory_municipalities_fts, rank) values ('integrity-check', 1)").run().changes).toBeGreaterThanOrEqual(0);
  });

  it("searches by word prefix through the full-text index: case, Æ/Ø/Å, several words, combined with filters", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const people = {
      oyvind: await createUser(db, { name: "Øyvind Ås", profession: "gp", municipality: "Ørland", specialCompetence: "Idrettsmedisin", directoryOptIn: true }),
      aase: await createUser(db, { name: "Aase Berg", profession: "physio", municipality: "Åfjord", specialCompetence: "Barn og unge", directoryOptIn: true }),
      aeshild: await createUser(db, { name: "Æshild Nord-Li", profession: "physio", municipality: "Trondheim", specialCompetence: "Manuellterapi, idrett", directoryOptIn: true }),
      trond: await createUser(db, { name: "Trond Heim", profession: "gp", municipality: "Trondheim", specialCompetence: null, directoryOptIn: true }),
    };
    for (const u of Object.values(people)) register(db, cohort.id, u);
    const ids = (q: Parameters<typeof searchDirectory>[0]) => searchDirectory(q).rows.map((r) => r.id);

    // Prefix of any word of the name, whatever the case, Norwegian letters folded too.
    expect(ids({ q: "øy" })).toEqual([people.oyvind.id]);
    expect(ids({ q: "ØYVIND" })).toEqual([people.oyvind.id]);
    expect(ids({ q: "ås", municipality: "ørland" })).toEqual([people.oyvind.id]); // a later word of the name
    expect(ids({ q: "ås" })).toHaveLength(2); // and "Åse Ødegård" of the first test
    expect(ids({ q: "æs" })).toEqual([people.aeshild.id]);
    expect(ids({ q: "li" })).toEqual([people.aeshild.id]); // "Nord-Li": the hyphen splits words
    expect(ids({ q: "nord-li" })).toEqual([people.aeshild.id]);
    // å is its own letter: "a" does not find "Ås", "aa" is not "å".
    expect(ids({ q: "as" })).toEqual([]);
    expect(ids({ municipality: "åfj" })).toEqual([people.aase.id]);
    expect(ids({ municipality: "afj" })).toEqual([]);
    expect(ids({ municipality: "ØRLAND" })).toEqual([people.oyvind.id]);
    // Words, not substrings: "heim" starts the surname "Heim", not the inside of "Trondheim".
    expect(ids({ municipality: "heim" })).toEqual([]);
    expect(ids({ q: "heim" })).toEqual([people.trond.id]);
    // Several words must all match; combined with the municipality, competence and profession filters.
    expect(ids({ q: "trond heim" })).toEqual([people.trond.id]);
    expect(ids({ q: "trond berg" })).toEqual([]);
    expect(ids({ municipality: "trondheim" })).toEqual([people.trond.id, people.aeshild.id]); // by name: Æ sorts after T
    expect(ids({ municipality: "trondheim", profession: "physio" })).toEqual([people.aeshild.id]);
    expect(ids({ competence: "idrett" })).toEqual(expect.arrayContaining([people.oyvind.id, people.aeshild.id]));
    expect(ids({ competence: "idrett", municipality: "trond" })).toEqual([people.aeshild.id]);
    expect(ids({ competence: "idrett", municipality: "trond", profession: "gp" })).toEqual([]);
    // FTS syntax in the input is only text.
    expect(ids({ q: '"ø* OR name:' })).toEqual([]);
    expect(ids({ q: "NEAR(øyvind)" })).toEqual([]);
    expect(directoryMatch({ q: "  ", municipality: "-", competence: "" })).toBeNull();
    expect(directoryMatch({ q: 'Ø"y' })).toBe('name : "ø"* AND name : "y"*');
  });

  it("keeps the index in step when a name, municipality or competence changes, and when a person is deleted", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const u = await createUser(db, { name: "Gammel Navnesen", profession: "gp", municipality: "Steinkjer", directoryOptIn: true });
    register(db, cohort.id, u);
    expect(searchDirectory({ q: "gammel" }).total).toBe(1);
    db.update(users).set({ name: "Ny Ærlighetsen", municipality: "Snåsa", specialCompetence: "Geriatri" }).where(eq(users.id, u.id)).run();
    expect(searchDirectory({ q: "gammel" }).total).toBe(0);
    expect(searchDirectory({ municipality: "steinkjer" }).total).toBe(0);
    expect(searchDirectory({ q: "ærlig", municipality: "snå", competence: "geri" }).rows.map((r) => r.id)).toEqual([u.id]);
    db.update(users).set({ directoryOptIn: false }).where(eq(users.id, u.id)).run();
    expect(searchDirectory({ q: "ærlig" }).total).toBe(0); // opt-out is not an index change, but still applies
    const v = await createUser(db, { name: "Slettes Snart", profession: "physio", directoryOptIn: true });
    register(db, cohort.id, v);
    expect(searchDirectory({ q: "slettes" }).total).toBe(1);
    db.$client.prepare("delete from registrations where user_id = ?").run(v.id);
    db.delete(users).where(eq(users.id, v.id)).run();
    expect(db.$client.prepare("select count(*) as n from users_fts where users_fts match 'slettes*'").get()).toEqual({ n: 0 });
    expect(db.$client.prepare("insert into users_fts(users_fts, rank) values ('integrity-check', 1)").run().changes).toBeGreaterThanOrEqual(0);
  });

  it("paginates a text search, and the search is driven by the full-text index", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    for (let i = 0; i < NETWORK_PAGE_SIZE * 2 + 3; i++) {
      const u = await createUser(db, { name: `Sidesen ${String(i).padStart(2, "0")}`, profession: i % 2 ? "gp" : "physio", directoryOptIn: true, municipality: "Sideby" });
      register(db, cohort.id, u);
    }
    const p1 = searchDirectory({ q: "sidesen" });
    const p3 = searchDirectory({ q: "sidesen", page: 3 });
    expect([p1.total, p1.pages, p1.rows.length, p3.rows.length]).toEqual([NETWORK_PAGE_SIZE * 2 + 3, 3, NETWORK_PAGE_SIZE, 3]);
    const all = [1, 2, 3].flatMap((page) => searchDirectory({ q: "sidesen", page }).rows.map((r) => r.name));
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(NETWORK_PAGE_SIZE * 2 + 3);
    const gps = searchDirectory({ q: "side", municipality: "sideby", profession: "gp", page: 2 });
    expect([gps.total, gps.pages, gps.page, gps.rows.length]).toEqual([NETWORK_PAGE_SIZE + 1, 2, 2, 1]);
    expect(searchDirectory({ q: "sidesen", page: 999 }).page).toBe(3);

    // The statements searchDirectory runs: the index is the outer loop, users are read by primary key.
    const client = db.$client;
    const recorded = recordSql(db, () => searchDirectory({ q: "sidesen", municipality: "sideby" }));
    const searches = recorded.filter((s) => /users_fts/.test(s));
    expect(searches).toHaveLength(1); // the page and its total (a window count) in one query
    for (const sql of searches) {
      const plan = (client.prepare(`explain query plan ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => '"x"*')) as { detail: string }[]).map((p) => p.detail);
      // The first loop (after the window function's co-routine) is the full-text index.
      expect(plan.find((d) => /^(SCAN|SEARCH) /.test(d)), plan.join("\n")).toMatch(/^SCAN users_fts VIRTUAL TABLE/);
      expect(plan.join("\n")).toMatch(/SEARCH users USING INTEGER PRIMARY KEY/);
    }
  });

  it("may contact: a listed person without a look-up, anyone else only with a confirmed registration", async () => {
    const db = getDb();
    const { cohort } = createCohort(db);
    const listed = await createUser(db, { name: "Listet Lege", profession: "gp", directoryOptIn: true });
    const optedOut = await createUser(db, { name: "Ikke Listet", profession: "gp", directoryOptIn: false });
    const waiting = await createUser(db, { name: "På Venteliste", profession: "gp", directoryOptIn: true });
    register(db, cohort.id, listed);
    register(db, cohort.id, optedOut);
    register(db, cohort.id, waiting, "waitlisted");
    const row = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;

    let allowed: boolean[] = [];
    const listedSql = recordSql(db, () => (allowed = [mayContact(row(listed.id))]));
    expect(allowed).toEqual([true]);
    expect(listedSql.filter((sql) => sql.includes('"registrations"'))).toEqual([]);
    expect([row(optedOut.id), row(waiting.id)].map(mayContact)).toEqual([true, false]);
    expect([optedOut.id, waiting.id].map(isParticipant)).toEqual([true, false]);
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

/**
 * Every person's current partnerships worked out from the tables themselves, as the cards show them:
 * the oracle for the directory's cards.
 */
function cardsFromTables(db: Db) {
  const people = new Map(db.select({ id: users.id, name: users.name, profession: users.profession }).from(users).all().map((u) => [u.id, u]));
  const titles = new Map(db.select({ id: cohorts.id, title: cohorts.title }).from(cohorts).all().map((c) => [c.id, c.title]));
  const current = db
    .select()
    .from(partnershipMembers)
    .all()
    .filter((m) => m.leftAt === null)
    .sort((a, b) => a.partnershipId - b.partnershipId || a.id - b.id);
  const cards = new Map<number, unknown[]>();
  for (const m of current) {
    const partners = current
      .filter((o) => o.partnershipId === m.partnershipId && o.userId !== m.userId)
      .map((o) => ({ id: o.id, name: people.get(o.userId)!.name, profession: people.get(o.userId)!.profession }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id))
      .map(({ name, profession }) => ({ name, profession }));
    cards.set(m.userId, [...(cards.get(m.userId) ?? []), { partnershipId: m.partnershipId, cohortTitle: titles.get(m.cohortId), partners }]);
  }
  return cards;
}

/** The partnerships the directory shows on the cards of its listed people (everyone fits on one page here). */
function shownCards() {
  const shown = new Map<number, unknown[]>();
  for (const row of searchDirectory({}).rows) if (row.partnerships.length > 0) shown.set(row.id, row.partnerships);
  return shown;
}

/** The oracle's cards of the people the directory lists. */
function expectedCards(db: Db) {
  const listed = new Set(searchDirectory({}).rows.map((r) => r.id));
  return new Map([...cardsFromTables(db)].filter(([id]) => listed.has(id)));
}

describe("the network cards' partnerships", () => {
  it("follows pairing, joining, renames, a new profession, a retitled cohort, leaving, account deletion and cohort deletion", async () => {
    const db = getDb();
    const { cohort: bodø } = createCohort(db, { title: "Bodø 2027" });
    const { cohort: tromsø } = createCohort(db, { title: "Tromsø 2028" });
    const kari = await createUser(db, { name: "Kari Fysio", profession: "physio", municipality: "Kortby", directoryOptIn: true });
    const anne = await createUser(db, { name: "Anne Lege", profession: "gp", directoryOptIn: true });
    const berit = await createUser(db, { name: "Berit Lege", profession: "gp", directoryOptIn: true });
    const ola = await createUser(db, { name: "Ola Fysio", profession: "physio", directoryOptIn: true });
    for (const u of [kari, anne, berit]) register(db, bodø.id, u);
    for (const u of [kari, ola]) register(db, tromsø.id, u);
    const steps: [string, () => unknown][] = [
      [
        "Kari and Anne pair up",
        async () => {
          const r = await sendPartnerRequest({ cohortId: bodø.id, fromUserId: kari.id, toUserId: anne.id, message: "" });
          await acceptPartnerRequest({ requestId: r.id, userId: anne.id });
        },
      ],
      [
        "Berit joins them, Kari and Ola pair in another cohort",
        () => {
          const ours = db.select().from(partnershipMembers).where(eq(partnershipMembers.userId, kari.id)).get()!;
          db.insert(partnershipMembers).values({ partnershipId: ours.partnershipId, cohortId: bodø.id, userId: berit.id }).run();
          const other = db.insert(partnerships).values({ cohortId: tromsø.id }).returning().get();
          db.insert(partnershipMembers)
            .values([
              { partnershipId: other.id, cohortId: tromsø.id, userId: ola.id },
              { partnershipId: other.id, cohortId: tromsø.id, userId: kari.id },
            ])
            .run();
        },
      ],
      ["Anne changes her name in the profile", () => updateProfile(anne.id, { name: "Åse Lege" })],
      ["Ola changes profession", () => db.update(users).set({ profession: "gp" }).where(eq(users.id, ola.id)).run()],
      ["the organiser retitles a cohort", () => db.update(cohorts).set({ title: "Knutepunkt Bodø 2027" }).where(eq(cohorts.id, bodø.id)).run()],
      ["Anne leaves", () => leavePartnership({ cohortId: bodø.id, userId: anne.id, reason: "Flytter" })],
      ["Berit deletes her account", () => deleteAccount(berit.id)],
      ["the Tromsø cohort is deleted", () => db.delete(cohorts).where(eq(cohorts.id, tromsø.id)).run()],
    ];
    const seen: unknown[] = [];
    for (const [step, change] of steps) {
      await change();
      expect(shownCards(), step).toEqual(expectedCards(db));
      seen.push(shownCards().get(kari.id));
    }
    // The steps did change what Kari's card shows, so the comparisons above compared something.
    expect(seen[1]).toEqual([
      { partnershipId: expect.any(Number), cohortTitle: "Bodø 2027", partners: [{ name: "Anne Lege", profession: "gp" }, { name: "Berit Lege", profession: "gp" }] },
      { partnershipId: expect.any(Number), cohortTitle: "Tromsø 2028", partners: [{ name: "Ola Fysio", profession: "physio" }] },
    ]);
    expect(seen[5]).toEqual([
      { partnershipId: expect.any(Number), cohortTitle: "Knutepunkt Bodø 2027", partners: [{ name: "Berit Lege", profession: "gp" }] },
      { partnershipId: expect.any(Number), cohortTitle: "Tromsø 2028", partners: [{ name: "Ola Fysio", profession: "gp" }] },
    ]);
    // Berit's deletion leaves Kari alone in Bodø (the partnership is dissolved), and Tromsø is gone.
    expect(seen.at(-1)).toBeUndefined();
    expect(searchDirectory({ municipality: "Kortby" }).rows.map((r) => [r.id, r.partnerships])).toEqual([[kari.id, []]]);
  });
});
