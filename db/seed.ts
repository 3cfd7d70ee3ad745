/**
 * Demo data: Trondheim, the Knutepunkt course template, the cohort trondheim-2027 with five
 * evenings, a demo admin and organiser, and 20 GPs and 40 physiotherapists. Deterministic.
 * The logins are listed in the README.
 */
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import {
  agreementConfirmations,
  agreementVersions,
  cohortOrganisers,
  collaborationContacts,
  cohorts,
  courseTemplates,
  creditRules,
  eveningLearningGoals,
  evenings,
  learningGoals,
  partnershipMembers,
  partnerships,
  networkOfferForms,
  networkOffers,
  passwords,
  registrations,
  sites,
  surveyQuestions,
  surveys,
  templateEveningGoals,
  templateEvenings,
  treatmentForms,
  users,
  absenceNotices,
} from "./schema";
import type { ContactForm, ContactTopic, Profession } from "./enums";
import { instantToOslo, osloDateTimeToInstant } from "../app/utils/time";
import { getFixedT } from "../app/i18next.server";
import { followUpTemplate, followUpWindow } from "../app/models/surveys/follow-up.server";
import { normaliseQuestion } from "../app/models/surveys/rules";
import { municipalityKey } from "../app/models/offers/municipalities";

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

function eveningProgramme(theme: string) {
  return `## Program\n\n- 17.00 Velkommen og kort oppsummering\n- 17.15 Innledning: ${theme}\n- 18.15 Pause med mat\n- 18.45 Gruppearbeid i samarbeidsgruppene\n- 19.45 Oppsummering og egenarbeid til neste gang`;
}

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

/**
 * The finished cohort Knutepunkt Trondheim 2026: six GP–physiotherapist pairs with agreements and
 * collaboration logs, a final evaluation and the six-month follow-up. Its people have their own e-mail
 * domain, so the bench fixtures (which take every @demo.knutepunkt.test person) stay as they were.
 */
const FINISHED_EVENING_DATES = ["2026-01-15", "2026-02-26", "2026-03-26", "2026-04-23", "2026-05-21"];
export const ALUMNI = [
  ["Siri Grønli", "Per Kolstad"],
  ["Jon Espeland", "Mari Hovde"],
  ["Trude Vik", "Arne Husby"],
  ["Henrik Lund", "Guro Aune"],
  ["Camilla Ness", "Rune Flatås"],
  ["Eva Sande", "Tor Ulstad"],
] as const;
const ALUMNI_FREQUENCIES = ["Månedlig", "Hver 6. uke", "Annenhver måned", "Månedlig", "Kvartalsvis", "Ved behov"];
/** Each pair's log: [day, form, minutes, topic]. The first pair's last meeting is mid-October 2026. */
const ALUMNI_LOGS: [string, ContactForm, number, ContactTopic][][] = [
  [
    ["2026-06-10", "meeting", 60, "agreement_review"],
    ["2026-08-19", "video", 30, "shared_patient_follow_up"],
    ["2026-09-02", "dialogmelding", 5, "referral"],
    ["2026-10-14", "meeting", 45, "nav"],
  ],
  [["2026-09-15", "phone", 15, "referral"], ["2026-11-03", "meeting", 60, "shared_patient_follow_up"]],
  [["2026-07-01", "video", 30, "agreement_review"]],
  [["2026-10-20", "dialogmelding", 5, "shared_patient_follow_up"], ["2026-11-24", "phone", 10, "nav"]],
  [["2026-11-10", "meeting", 45, "shared_patient_follow_up"]],
  [],
];

export function alumniEmail(name: string) {
  return `${emailLocalPart(name)}@alumni.knutepunkt.test`;
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
  const followUp = await followUpTemplate("nb");
  const nb = await getFixedT("nb");

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
    // The template carries each evening's programme, self-study task and learning goals: a new cohort gets them all.
    EVENING_THEMES.forEach((theme, i) => {
      const model = tx
        .insert(templateEvenings)
        .values({ templateId: template.id, number: i + 1, theme, content: eveningProgramme(theme), selfStudyTask: SELF_STUDY[i]! })
        .returning()
        .get();
      for (const g of EVENING_GOALS[i]!) tx.insert(templateEveningGoals).values({ templateEveningId: model.id, learningGoalId: goals[g]!.id }).run();
    });

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
        latestEveningEndsAt: osloDateTimeToInstant(EVENING_DATES[EVENING_DATES.length - 1]!, "20:00"),
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
          content: eveningProgramme(EVENING_THEMES[i]!),
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
    const registeredPhysios: { id: number; municipality: string; practice: string }[] = [];
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
        if (p.profession === "physio") registeredPhysios.push({ id: user.id, municipality: p.municipality, practice: user.practice ?? "" });
        if (i === 1 || i === 21) reportedAbsent.push(user.id);
      }
    });
    const second = tx.select().from(evenings).all().find((e) => e.cohortId === cohort.id && e.number === 2);
    for (const userId of reportedAbsent) {
      if (second) tx.insert(absenceNotices).values({ eveningId: second.id, userId, reason: userId === reportedAbsent[0] ? "Vakt" : null }).run();
    }

    // ── the finished cohort, its partnerships, logs and evaluations ──
    const lastEnd = osloDateTimeToInstant(FINISHED_EVENING_DATES.at(-1)!, "20:00");
    const finished = tx
      .insert(cohorts)
      .values({
        templateId: template.id,
        siteId: site.id,
        slug: "trondheim-2026",
        title: "Knutepunkt Trondheim 2026",
        description: "Det første kullet i Trondheim, avsluttet i mai 2026.",
        venue: "Trondheim folkebibliotek, Peter Egges plass 1",
        registrationOpensAt: new Date("2025-09-01T08:00:00Z"),
        registrationClosesAt: osloDateTimeToInstant("2026-01-08", "23:59"),
        capacityGp: 6,
        capacityPhysio: 6,
        status: "published",
        latestEveningEndsAt: lastEnd,
      })
      .returning()
      .get();
    tx.insert(cohortOrganisers).values({ cohortId: finished.id, userId: organiser.id }).run();
    FINISHED_EVENING_DATES.forEach((date, i) =>
      tx
        .insert(evenings)
        .values({
          cohortId: finished.id,
          number: i + 1,
          startsAt: osloDateTimeToInstant(date, "17:00"),
          endsAt: osloDateTimeToInstant(date, "20:00"),
          venue: finished.venue,
          theme: EVENING_THEMES[i]!,
          selfStudyTask: SELF_STUDY[i]!,
        })
        .run(),
    );
    const registeredAt = new Date("2025-10-01T08:00:00Z");
    const alumni: { id: number; profession: Profession }[] = [];
    ALUMNI.forEach(([gpName, physioName], i) => {
      const pair = ([["gp", gpName], ["physio", physioName]] as const).map(([profession, name]) => {
        const user = tx
          .insert(users)
          .values({
            email: alumniEmail(name),
            name,
            profession,
            practice: `${MUNICIPALITIES[i % MUNICIPALITIES.length]} ${profession === "gp" ? "Legesenter" : "Fysioterapi"}`,
            municipality: MUNICIPALITIES[i % MUNICIPALITIES.length]!,
          })
          .returning()
          .get();
        tx.insert(passwords).values({ userId: user.id, hash: passwordHash }).run();
        tx.insert(registrations)
          .values({ cohortId: finished.id, userId: user.id, profession, status: "confirmed", queuedAt: registeredAt, confirmedAt: registeredAt })
          .run();
        alumni.push(user);
        return user;
      });
      const partnership = tx
        .insert(partnerships)
        .values({ cohortId: finished.id, createdByUserId: pair[0]!.id, createdAt: new Date("2026-02-26T19:00:00Z") })
        .returning()
        .get();
      for (const member of pair) tx.insert(partnershipMembers).values({ partnershipId: partnership.id, cohortId: finished.id, userId: member.id }).run();
      const version = tx
        .insert(agreementVersions)
        .values({
          partnershipId: partnership.id,
          version: 1,
          data: {
            meetingFormat: "mixed",
            meetingFrequency: ALUMNI_FREQUENCIES[i]!,
            channels: ["dialogmelding", "phone"],
            responseTime: "Innen to virkedager",
            contactPersons: `${gpName} og ${physioName}`,
          },
          createdByUserId: pair[0]!.id,
          createdAt: new Date("2026-03-26T19:00:00Z"),
        })
        .returning()
        .get();
      for (const member of pair) tx.insert(agreementConfirmations).values({ agreementVersionId: version.id, userId: member.id }).run();
      ALUMNI_LOGS[i]!.forEach(([occurredOn, form, minutes, topic], j) =>
        tx
          .insert(collaborationContacts)
          .values({ partnershipId: partnership.id, cohortId: finished.id, createdByUserId: pair[j % 2]!.id, occurredOn, form, minutes, topic })
          .run(),
      );
    });
    const addSurvey = (values: typeof surveys.$inferInsert, questions: Parameters<typeof normaliseQuestion>[0][]) => {
      const survey = tx.insert(surveys).values(values).returning().get();
      questions.forEach((q, i) => tx.insert(surveyQuestions).values({ ...normaliseQuestion(q), surveyId: survey.id, position: i + 1 }).run());
    };
    const finalOpens = osloDateTimeToInstant(FINISHED_EVENING_DATES.at(-1)!, "17:00");
    addSurvey(
      {
        cohortId: finished.id,
        kind: "final",
        title: nb("surveys.templates.final.title"),
        intro: nb("surveys.templates.final.intro"),
        answeredBy: "partnership",
        opensAt: finalOpens,
        closesAt: new Date(finalOpens.getTime() + 30 * 86_400_000),
      },
      [
        { kind: "text", prompt: nb("surveys.templates.final.collaboration"), required: true, sharedKey: "final-collaboration" },
        { kind: "text", prompt: nb("surveys.templates.final.courseMattered"), required: true, sharedKey: "final-course" },
      ],
    );
    addSurvey(
      { cohortId: finished.id, kind: "followup", title: followUp.title, intro: followUp.intro, answeredBy: "participant", anonymous: true, ...followUpWindow(lastEnd) },
      followUp.questions,
    );
    // Offers in the network from a few physiotherapists; one was confirmed long ago, so the demo shows
    // "kan være utdatert". Confirmation dates are counted back from the day of seeding.
    const formId = (slug: string) => tx.select({ id: treatmentForms.id }).from(treatmentForms).where(eq(treatmentForms.slug, slug)).get()!.id;
    const now = Date.now();
    DEMO_OFFERS.forEach((o, i) => {
      const owner = registeredPhysios[i * 3]!;
      const offer = tx
        .insert(networkOffers)
        .values({
          userId: owner.id,
          description: o.description,
          municipality: owner.municipality,
          municipalityKey: municipalityKey(owner.municipality),
          address: o.address,
          takesNewPatients: o.takesNewPatients,
          waitingWeeks: o.waitingWeeks,
          contactChannel: o.contactChannel,
          contactDetail: o.contactChannel === "dialogmelding" ? owner.practice : o.contactDetail,
          published: true,
          lastConfirmedAt: new Date(now - o.confirmedDaysAgo * 24 * 60 * 60 * 1000),
        })
        .returning()
        .get();
      for (const slug of o.forms) tx.insert(networkOfferForms).values({ offerId: offer.id, formId: formId(slug) }).run();
    });
    seedNetworkMeeting(tx, { siteId: site.id, templateId: template.id, organiserId: organiser.id, alumni, now });
  });
}

/**
 * An upcoming fagdag for the Trondheim network four weeks after seeding (so the demo always has one
 * ahead), a network meeting as docs/decisions/016 describes it, with a few alumni signed up.
 */
function seedNetworkMeeting(
  tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
  input: { siteId: number; templateId: number; organiserId: number; alumni: { id: number; profession: Profession }[]; now: number },
) {
  const day = instantToOslo(new Date(input.now + 28 * 86_400_000)).date;
  const startsAt = osloDateTimeToInstant(day, "12:00");
  const endsAt = osloDateTimeToInstant(day, "15:30");
  const meeting = tx
    .insert(cohorts)
    .values({
      kind: "meeting",
      audience: "site",
      templateId: input.templateId,
      siteId: input.siteId,
      slug: `fagdag-kne-og-hofte-${day}`,
      title: "Fagdag: kne- og hofteartrose i kommunen",
      description: "Fagdag for nettverket i Trondheim: fastleger og fysioterapeuter møtes om veiledet trening ved artrose og henvisningsveiene.",
      venue: "Trondheim folkebibliotek, Peter Egges plass 1",
      meetingUrl: "https://video.knutepunkt.test/fagdag-artrose",
      capacityGp: 15,
      capacityPhysio: 25,
      status: "published",
      latestEveningEndsAt: endsAt,
    })
    .returning()
    .get();
  tx.insert(evenings)
    .values({
      cohortId: meeting.id,
      number: 1,
      startsAt,
      endsAt,
      venue: meeting.venue,
      theme: meeting.title,
      content: [
        "## Program",
        "- **12.00** Lunsj og velkommen",
        "- **12.30** Veiledet trening ved kne- og hofteartrose – hva sier retningslinjene?",
        "- **13.30** Gruppearbeid per bordet: hvem tilbyr hva i kommunene våre?",
        "- **14.45** Oppsummering og felles avtaler",
        "- **15.30** Slutt",
      ].join("\n"),
    })
    .run();
  tx.insert(cohortOrganisers).values({ cohortId: meeting.id, userId: input.organiserId }).run();
  const signedUpAt = new Date(input.now - 3 * 86_400_000);
  for (const person of input.alumni.slice(0, 4))
    tx.insert(registrations)
      .values({ cohortId: meeting.id, userId: person.id, profession: person.profession, status: "confirmed", queuedAt: signedUpAt, confirmedAt: signedUpAt })
      .run();
}

const DEMO_OFFERS: {
  forms: string[];
  description: string;
  address: string;
  takesNewPatients: boolean;
  waitingWeeks: number | null;
  contactChannel: "dialogmelding" | "phone" | "email";
  contactDetail: string;
  confirmedDaysAgo: number;
}[] = [
  { forms: ["psychomotor"], description: "Psykomotorisk fysioterapi for voksne med langvarige smerter og sammensatte plager.", address: "Kongens gate 10", takesNewPatients: true, waitingWeeks: 6, contactChannel: "dialogmelding", contactDetail: "", confirmedDaysAgo: 12 },
  { forms: ["arthrosis-exercise", "pain-group"], description: "Veiledet trening i gruppe (GLA:D) to ganger i uka, og en smertegruppe på ettermiddagen.", address: "Stasjonsvegen 2", takesNewPatients: true, waitingWeeks: 2, contactChannel: "phone", contactDetail: "73 98 00 00", confirmedDaysAgo: 30 },
  { forms: ["nav-rehabilitation"], description: "Arbeidsrettet rehabilitering i samarbeid med NAV-kontoret, med felles møter ved behov.", address: "Torvet 4", takesNewPatients: false, waitingWeeks: 10, contactChannel: "email", contactDetail: "post@fysio-demo.knutepunkt.test", confirmedDaysAgo: 45 },
  { forms: ["home-visits", "arthrosis-exercise"], description: "Hjemmebesøk for eldre som ikke kommer seg til instituttet, og trening ved hofteartrose.", address: "Kirkegata 7", takesNewPatients: true, waitingWeeks: 3, contactChannel: "phone", contactDetail: "74 00 00 00", confirmedDaysAgo: 120 },
  { forms: ["pain-group"], description: "Gruppetrening for personer med langvarige smerter, åtte uker med undervisning og trening.", address: "Sentrumsgata 1", takesNewPatients: true, waitingWeeks: 4, contactChannel: "dialogmelding", contactDetail: "", confirmedDaysAgo: 5 },
];
