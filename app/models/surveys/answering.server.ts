/**
 * Answering a survey once per participant or per partnership.
 *
 * Anonymity: survey_participation records WHO answered (day only), survey_responses/answers hold
 * WHAT was answered. For an anonymous survey the response row has no user, partnership, profession
 * or time, and both response and answer ids are random, so neither a column nor the row order joins
 * the two. The answer is first stored sealed with the participation row, then opened in a shuffled
 * batch, so not even the database files' history ties them (docs/decisions/015).
 */
import { count, eq, inArray, lte } from "drizzle-orm";
import crypto from "node:crypto";
import { getDb } from "../../../db/client";
import { surveyAnswers, surveyParticipation, surveyPendingAnswers, surveyResponses, surveys, type Profession } from "../../../db/schema";
import { randomRowId } from "../../utils/crypto.server";
import { env } from "../../utils/env.server";
import { instantToOslo } from "../../utils/time";
import { type AnswerValue } from "../../utils/survey-answers";
import { listQuestions } from "./editor.server";
import { answerState } from "./invitations.server";
import { sample, shuffle } from "./results.server";
import { ANONYMITY_THRESHOLD, SurveyError } from "./rules";

/**
 * Sealed anonymous answer sets are opened only in batches of at least this many. While a survey is open a
 * batch is opened when twice as many are waiting, leaving this many sealed, so the batch opened at the close
 * is never smaller either (decision 015).
 */
export const ANONYMOUS_BATCH = ANONYMITY_THRESHOLD;

let sealingKey: { secret: string; key: Buffer } | undefined;
function answersKey() {
  const secret = env().sessionSecret;
  if (sealingKey?.secret !== secret)
    sealingKey = { secret, key: Buffer.from(crypto.hkdfSync("sha256", secret, "knutepunkt", "anonymous survey answers v1", 32)) };
  return sealingKey.key;
}

/** Every sealed item is padded to a power of two (at least 4 KiB), so its size does not tell answers apart. */
function padded(json: string) {
  const body = Buffer.from(json, "utf8");
  let size = 4096;
  while (size < body.length + 4) size *= 2;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

type SealedAnswers = [questionId: number, answer: AnswerValue][];

function seal(surveyId: number, answers: Map<number, AnswerValue>): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", answersKey(), iv);
  cipher.setAAD(Buffer.from(`survey:${surveyId}`));
  const body = Buffer.concat([cipher.update(padded(JSON.stringify([...answers]))), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function unseal(surveyId: number, sealed: Buffer): SealedAnswers {
  const decipher = crypto.createDecipheriv("aes-256-gcm", answersKey(), sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`survey:${surveyId}`));
  decipher.setAuthTag(sealed.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString("utf8")) as SealedAnswers;
}

/**
 * Stores one answer set. The participation row and the answers are written in one immediate transaction;
 * the unique indexes on survey_participation make a second (or concurrent) answer fail. A named answer is
 * stored as it is; an anonymous one only sealed (survey_pending_answers), opened later in a shuffled batch.
 */
export function submitResponse(
  surveyId: number,
  user: { id: number; profession: Profession },
  answers: Map<number, AnswerValue>,
  now = new Date()
) {
  const db = getDb();
  let anonymous = false;
  try {
    db.transaction(
      (tx) => {
        const survey = tx.select().from(surveys).where(eq(surveys.id, surveyId)).get();
        if (!survey) throw new SurveyError("surveys.errors.notFound");
        const state = answerState(survey, user.id, now);
        if (state.state !== "open") throw new SurveyError(`surveys.errors.${state.state}`);
        const questions = listQuestions(surveyId);
        const known = new Set(questions.map((q) => q.id));
        for (const id of answers.keys()) if (!known.has(id)) throw new SurveyError("surveys.errors.unknownQuestion");
        for (const q of questions) if (q.required && !answers.has(q.id)) throw new SurveyError("surveys.errors.required");

        tx.insert(surveyParticipation)
          .values({
            surveyId,
            userId: survey.answeredBy === "participant" ? user.id : null,
            partnershipId: state.partnershipId,
            answeredOn: instantToOslo(now).date,
          })
          .run();
        if (survey.anonymous) {
          anonymous = true;
          tx.insert(surveyPendingAnswers)
            .values({ id: randomRowId(), surveyId, sealed: seal(surveyId, answers) })
            .run();
          return;
        }
        const responseId = randomRowId();
        tx.insert(surveyResponses)
          .values({
            id: responseId,
            surveyId,
            respondentUserId: user.id,
            partnershipId: state.partnershipId,
            respondentProfession: user.profession,
            submittedAt: now,
          })
          .run();
        for (const q of questions) {
          const a = answers.get(q.id);
          if (!a) continue;
          tx.insert(surveyAnswers)
            .values({
              id: randomRowId(),
              responseId,
              questionId: q.id,
              scaleValue: a.scaleValue ?? null,
              choices: a.choices ?? null,
              text: a.text ?? null,
            })
            .run();
        }
      },
      { behavior: "immediate" }
    );
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: survey_participation/.test(error.message))
      throw new SurveyError("surveys.errors.answered");
    throw error;
  }
  // Its own transaction: a failure here leaves the answer sealed, to be opened with the next batch.
  if (anonymous) openSealedAnswers(surveyId);
  return { ok: true as const };
}

/**
 * Opens a survey's sealed answer sets into survey_responses/answers when enough are waiting: while open,
 * all but ANONYMOUS_BATCH of them (drawn at random) once twice that many wait; at the close, all of them
 * once at least ANONYMOUS_BATCH wait (fewer stay sealed: their results would stay hidden anyway). Responses
 * and answers are inserted each in their own random order with random ids, so neither the order in the
 * pages nor an id says which sealed item became which response. Returns how many were opened.
 */
export function openSealedAnswers(surveyId: number, now = new Date()) {
  const db = getDb();
  const opened = db.transaction(
    (tx) => {
      const survey = tx.select({ closesAt: surveys.closesAt }).from(surveys).where(eq(surveys.id, surveyId)).get();
      if (!survey) return 0;
      const waiting = tx.select().from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, surveyId)).all();
      const closed = now >= survey.closesAt;
      if (waiting.length < (closed ? ANONYMOUS_BATCH : 2 * ANONYMOUS_BATCH)) return 0;
      const batch = sample(waiting, closed ? waiting.length : waiting.length - ANONYMOUS_BATCH);
      const rows = batch.map((item) => ({ id: randomRowId(), answers: unseal(surveyId, item.sealed) }));
      for (const r of shuffle(rows)) tx.insert(surveyResponses).values({ id: r.id, surveyId }).run();
      const answerRows = rows.flatMap((r) =>
        r.answers.map(([questionId, a]) => ({
          id: randomRowId(),
          responseId: r.id,
          questionId,
          scaleValue: a.scaleValue ?? null,
          choices: a.choices ?? null,
          text: a.text ?? null,
        }))
      );
      for (const a of shuffle(answerRows)) tx.insert(surveyAnswers).values(a).run();
      tx.delete(surveyPendingAnswers)
        .where(
          inArray(
            surveyPendingAnswers.id,
            batch.map((b) => b.id)
          )
        )
        .run();
      return batch.length;
    },
    { behavior: "immediate" }
  );
  // secure_delete has zeroed the sealed items in the pages; this drops the WAL's older copies too.
  if (opened > 0) db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return opened;
}

/**
 * For the results pages: a closed survey's last batch is opened when it is read (the scheduler would
 * otherwise open it within minutes), and the number of answer sets still sealed is returned.
 */
export function openAndCountSealedAnswers(survey: { id: number; anonymous: boolean; closesAt: Date }, now = new Date()) {
  if (!survey.anonymous) return 0;
  if (now >= survey.closesAt) openSealedAnswers(survey.id, now);
  const row = getDb().select({ n: count() }).from(surveyPendingAnswers).where(eq(surveyPendingAnswers.surveyId, survey.id)).get();
  return row?.n ?? 0;
}

/** For the scheduler: opens what is left sealed of surveys that have closed. */
export function openSealedAnswersOfClosedSurveys(now = new Date()) {
  const closed = getDb()
    .selectDistinct({ surveyId: surveyPendingAnswers.surveyId })
    .from(surveyPendingAnswers)
    .innerJoin(surveys, eq(surveys.id, surveyPendingAnswers.surveyId))
    .where(lte(surveys.closesAt, now))
    .limit(500)
    .all();
  let opened = 0;
  for (const { surveyId } of closed) opened += openSealedAnswers(surveyId, now);
  return opened;
}
