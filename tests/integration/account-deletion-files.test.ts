/**
 * After an account is deleted, its name and e-mail are nowhere in the database files: not in the main file,
 * the WAL or the -shm, not in the network's full-text index, the outbox, the audit log or a kept card.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { databasePath, getDb } from "../../db/client";
import * as schema from "../../db/schema";
import { deleteAccount } from "../../app/models/privacy.server";
import { sendPartnerRequest } from "../../app/models/pairing/requests.server";
import { createCohort, createPartnership, createUser, register } from "../helpers/factories";

const NAME = "Quintessa Zyxwvuberg";
const EMAIL = "quintessa.zyxwvuberg@slett.example.test";

/** Every form a file could keep the text in: as written, lower-cased (full-text terms), UTF-8 and UTF-16. */
function needles(text: string) {
  const forms = new Set([text, text.toLowerCase(), ...text.toLowerCase().split(/[\s@.]+/).filter((w) => w.length >= 6)]);
  return [...forms].flatMap((f) => [Buffer.from(f, "utf8"), Buffer.from(f, "utf16le")]);
}

function filesContaining(text: string) {
  const base = databasePath();
  return ["", "-wal", "-shm"].filter((suffix) => {
    if (!fs.existsSync(base + suffix)) return false;
    const bytes = fs.readFileSync(base + suffix);
    return needles(text).some((n) => bytes.includes(n));
  });
}

const ftsFind = (term: string) =>
  (getDb().$client.prepare(`SELECT rowid FROM users_fts WHERE users_fts MATCH ?`).all(term) as { rowid: number }[]).map((r) => r.rowid);

describe("deleting an account leaves nothing in the files", () => {
  it("name and e-mail are gone from the db, WAL and -shm, full-text index, outbox and audit log included", async () => {
    const db = getDb();
    const me = await createUser(db, { name: NAME, email: EMAIL, profession: "gp", municipality: "Trondheim", directoryListed: true, specialCompetence: "Smerte" });
    const other = await createUser(db, { name: "Annen Fysioterapeut", profession: "physio", directoryListed: true });
    const third = await createUser(db, { name: "Tredje Fysioterapeut", profession: "physio" });
    const { cohort } = createCohort(db, { capacityGp: 10, capacityPhysio: 10 });
    for (const u of [me, other, third]) register(db, cohort.id, u);
    // Partner requests both ways: mails to them, and a mail to someone else carrying their name.
    await sendPartnerRequest({ cohortId: cohort.id, fromUserId: me.id, toUserId: third.id, message: `Hilsen ${NAME}`, baseUrl: "https://k.test" });
    await sendPartnerRequest({ cohortId: cohort.id, fromUserId: other.id, toUserId: me.id, message: "Hei", baseUrl: "https://k.test" });
    const partnership = createPartnership(db, cohort.id, [me.id, other.id]);
    db.insert(schema.auditLog).values({ actorUserId: other.id, cohortId: cohort.id, action: "test", entityType: "user", entityId: me.id, details: { name: NAME, email: EMAIL } }).run();
    expect(ftsFind("zyxwvuberg")).toContain(me.id);
    expect(filesContaining(NAME).length + filesContaining(EMAIL).length).toBeGreaterThan(0);

    expect(await deleteAccount(me.id)).toBe(true);

    expect(filesContaining(NAME)).toEqual([]);
    expect(filesContaining(EMAIL)).toEqual([]);
    // What others need stays: their partnership (dissolved), their own rows, the index still finds them.
    expect(db.select().from(schema.partnerships).all().some((p) => p.id === partnership.id)).toBe(true);
    expect(ftsFind("fysioterapeut")).toContain(other.id);
    expect(db.$client.pragma("integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(db.$client.prepare(`INSERT INTO users_fts(users_fts) VALUES ('integrity-check')`).run().changes).toBeGreaterThanOrEqual(0);
  });
});
