/**
 * Demo data: Trondheim, the Knutepunkt course template, the cohort trondheim-2027 with five
 * evenings, a demo admin and organiser, and 20 GPs and 40 physiotherapists. Deterministic.
 * The logins are listed in the README.
 */
import { hash } from "@node-rs/argon2";
import type { Db } from "./client";
import {
  cohortOrganisers,
  cohorts,
  courseTemplates,
  creditRules,
  eveningLearningGoals,
  evenings,
  learningGoals,
  passwords,
  registrations,
  sites,
  templateEvenings,
  users,
  absenceNotices,
} from "./schema";
import { osloDateTimeToInstant } from "../app/utils/time";

export const DEMO_PASSWORD = "knutepunkt-demo";
export const DEMO_ADMIN_EMAIL = "admin@knutepunkt.test";
export const DEMO_ORGANISER_EMAIL = "kursansvarlig@knutepunkt.test";

export const LEARNING_GOALS = [
  "En felles forståelse på tvers av profesjoner av langvarige og sammensatte smerte- og symptomtilstander, som grunnlag for godt samarbeid.",
  "Bruke en mestringsorientert tilnærming til disse pasientene, og bli enige om egen og hverandres praksis og rolle (fysioterapeut/lege) i dette arbeidet.",
  "Bli enige om god kommunikasjon mellom samarbeidende parter (lege/fysioterapeut/NAV) og overfor pasientene.",
];

export const EVENING_THEMES = [
  "Samarbeid og forståelse av hverandres praksis",
  "Kommunikasjon; felles forståelse av smerte- og symptomtilstander",
  "Mestringsorientert fokus i en travel klinisk hverdag",
  "Funksjonsvurderinger; samarbeid med NAV",
  "Erfaringer fra samarbeidende team; utfordringer og løsninger; oppsummering",
];

const EVENING_DATES = ["2027-01-28", "2027-03-11", "2027-04-29", "2027-06-10", "2027-09-16"];
const EVENING_GOALS = [[0], [0, 2], [1], [1, 2], [0, 1, 2]];
const SELF_STUDY = [
  "Les kapittelet om langvarige smertetilstander og noter ett spørsmål til samarbeidspartneren din.",
  "Avtal et første møte med samarbeidspartneren din og prøv ut en dialogmelding.",
  "Prøv mestringsorienterte spørsmål i tre konsultasjoner og skriv ned erfaringene (uten pasientopplysninger).",
  "Gå gjennom en funksjonsvurdering sammen og les NAVs veileder om samarbeid.",
  "Forbered en kort presentasjon av hvordan samarbeidet deres har fungert.",
];

const MUNICIPALITIES = ["Trondheim", "Malvik", "Stjørdal", "Levanger"];
const FIRST_NAMES = [
  "Ingrid", "Ola", "Kari", "Lars", "Sigrid", "Håkon", "Astrid", "Magnus", "Solveig", "Eirik",
  "Marte", "Bjørn", "Ragnhild", "Sindre", "Åse", "Torstein", "Hanne", "Øyvind", "Live", "Jørgen",
  "Nora", "Anders", "Tone", "Even", "Maren", "Sverre", "Gunhild", "Vegard", "Tuva", "Kjetil",
];
const LAST_NAMES = [
  "Haugen", "Johansen", "Berg", "Lie", "Strand", "Dahl", "Bakken", "Moen", "Solberg", "Aas",
  "Rønning", "Sæther", "Følstad", "Brå", "Hågensen", "Løvås", "Nygård", "Ødegård", "Kvam", "Stene",
];
const GP_PRACTICES = ["Legesenter", "Legekontor", "Fastlegepraksis"];
const PHYSIO_PRACTICES = ["Fysioterapi", "Fysikalske institutt", "Helse og bevegelse"];
const COMPETENCES = [null, "Psykomotorisk fysioterapi", "Manuellterapi", null, "Idrettsfysioterapi", null];

/** Plain ASCII for e-mail addresses: ø → o, å → a, æ → ae. */
function emailLocalPart(name: string) {
  return name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFD")
    .replace(/[^a-z\s]/g, "")
    .trim()
    .replace(/\s+/g, ".");
}

export type DemoPerson = { name: string; email: string; profession: "gp" | "physio"; municipality: string };

export function demoParticipants(): DemoPerson[] {
  const people: DemoPerson[] = [];
  for (let i = 0; i < 60; i++) {
    const profession = i < 20 ? "gp" : "physio";
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
    people.push({
      name,
      email: `${emailLocalPart(name)}${i + 1}@demo.knutepunkt.test`,
      profession,
      municipality: MUNICIPALITIES[i % MUNICIPALITIES.length]!,
    });
  }
  return people;
}

export async function seedDemo(db: Db) {
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });

  db.transaction((tx) => {
    const site = tx.insert(sites).values({ name: "Trondheim", slug: "trondheim", region: "Trøndelag" }).returning().get();
    const template = tx
      .insert(courseTemplates)
      .values({
        title: "Knutepunkt – samarbeid mellom fastleger og fysioterapeuter",
        description:
          "Et tverrfaglig kurs på 20 timer, gratis, over fem kvelder à tre timer i løpet av omtrent åtte måneder, med egenarbeid mellom kveldene. Fastleger og fysioterapeuter deltar sammen og finner sine foretrukne samarbeidspartnere.",
        eveningCount: 5,
        eveningMinutes: 180,
        totalHours: 20,
      })
      .returning()
      .get();
    const goals = LEARNING_GOALS.map((text, i) =>
      tx.insert(learningGoals).values({ templateId: template.id, position: i + 1, text }).returning().get(),
    );
    EVENING_THEMES.forEach((theme, i) =>
      tx.insert(templateEvenings).values({ templateId: template.id, number: i + 1, theme }).run(),
    );

    const cohort = tx
      .insert(cohorts)
      .values({
        templateId: template.id,
        siteId: site.id,
        slug: "trondheim-2027",
        title: "Knutepunkt Trondheim 2027",
        description:
          "For fastleger og fysioterapeuter i Trondheim, Malvik, Stjørdal og Levanger. Kurset er gratis og gir 20 timer etterutdanning.",
        venue: "Trondheim folkebibliotek, Peter Egges plass 1",
        registrationOpensAt: new Date("2026-10-01T08:00:00Z"),
        registrationClosesAt: osloDateTimeToInstant("2027-01-21", "23:59"),
        capacityGp: 20,
        capacityPhysio: 40,
        status: "published",
      })
      .returning()
      .get();

    EVENING_DATES.forEach((date, i) => {
      const evening = tx
        .insert(evenings)
        .values({
          cohortId: cohort.id,
          number: i + 1,
          startsAt: osloDateTimeToInstant(date, "17:00"),
          endsAt: osloDateTimeToInstant(date, "20:00"),
          venue: cohort.venue,
          theme: EVENING_THEMES[i]!,
          content: `## Program\n\n- 17.00 Velkommen og kort oppsummering\n- 17.15 Innledning: ${EVENING_THEMES[i]}\n- 18.15 Pause med mat\n- 18.45 Gruppearbeid i samarbeidsgruppene\n- 19.45 Oppsummering og egenarbeid til neste gang`,
          selfStudyTask: SELF_STUDY[i]!,
        })
        .returning()
        .get();
      for (const g of EVENING_GOALS[i]!) {
        tx.insert(eveningLearningGoals).values({ eveningId: evening.id, learningGoalId: goals[g]!.id }).run();
      }
    });

    for (const profession of ["gp", "physio"] as const) {
      tx.insert(creditRules)
        .values({
          cohortId: cohort.id,
          profession,
          label: profession === "gp" ? "Legeforeningen (emnekurs, allmennmedisin)" : "Fysioterapeutforbundet",
          courseHourMinutes: 45,
          minAttendancePercent: 80,
        })
        .run();
    }

    const admin = tx
      .insert(users)
      .values({ email: DEMO_ADMIN_EMAIL, name: "Astrid Administrator", profession: "other", isAdmin: true, municipality: "Trondheim" })
      .returning()
      .get();
    const organiser = tx
      .insert(users)
      .values({
        email: DEMO_ORGANISER_EMAIL,
        name: "Kristin Kursansvarlig",
        profession: "gp",
        municipality: "Trondheim",
        practice: "Allmennmedisinsk forskningsenhet",
      })
      .returning()
      .get();
    tx.insert(passwords).values({ userId: admin.id, hash: passwordHash }).run();
    tx.insert(passwords).values({ userId: organiser.id, hash: passwordHash }).run();
    tx.insert(cohortOrganisers).values({ cohortId: cohort.id, userId: organiser.id }).run();

    // 18 of 20 GPs and 36 of 40 physiotherapists are signed up, so the demo has places left to try.
    const base = new Date("2026-11-02T08:00:00Z").getTime();
    // A GP and a physiotherapist have reported absence ahead for evening 2 (shown in its roll call).
    const reportedAbsent: number[] = [];
    demoParticipants().forEach((p, i) => {
      const practiceNames = p.profession === "gp" ? GP_PRACTICES : PHYSIO_PRACTICES;
      const user = tx
        .insert(users)
        .values({
          email: p.email,
          name: p.name,
          profession: p.profession,
          hprNumber: String(1_000_000 + i * 7919).slice(0, 7),
          practice: `${p.municipality} ${practiceNames[i % practiceNames.length]}${i % 5 === 0 ? "" : ` ${Math.floor(i / 4) + 1}`}`,
          municipality: p.municipality,
          phone: `9${String(1000000 + i * 3571).slice(0, 7)}`,
          specialCompetence: p.profession === "physio" ? COMPETENCES[i % COMPETENCES.length] : null,
          about:
            p.profession === "gp"
              ? "Fastlege med mange pasienter med langvarige muskel- og skjelettplager."
              : "Fysioterapeut med interesse for samarbeid rundt pasienter med sammensatte plager.",
          directoryOptIn: i % 3 !== 0,
          partnerProfileOptIn: true,
        })
        .returning()
        .get();
      tx.insert(passwords).values({ userId: user.id, hash: passwordHash }).run();
      const indexInProfession = p.profession === "gp" ? i : i - 20;
      const registered = p.profession === "gp" ? indexInProfession < 18 : indexInProfession < 36;
      if (registered) {
        const at = new Date(base + i * 3_600_000);
        tx.insert(registrations)
          .values({ cohortId: cohort.id, userId: user.id, profession: p.profession, status: "confirmed", queuedAt: at, confirmedAt: at })
          .run();
        if (i === 1 || i === 21) reportedAbsent.push(user.id);
      }
    });
    const second = tx.select().from(evenings).all().find((e) => e.cohortId === cohort.id && e.number === 2);
    for (const userId of reportedAbsent) {
      if (second) tx.insert(absenceNotices).values({ eveningId: second.id, userId, reason: userId === reportedAbsent[0] ? "Vakt" : null }).run();
    }
  });
}
