/** Dialogue meetings: the pre-meeting questionnaire, answers grouped per table or theme, and the summary. */
export default {
  dialogue: {
    preMeeting: {
      label: "Før møtet/samlingen (stenger av seg selv når første kveld begynner)",
      tag: "Før møtet",
      closesAtStart: "Stenger når møtet begynner: {{when}}",
    },
    grouping: {
      heading: "Grupper svarene",
      intro: "Velg et enkeltvalgsspørsmål (for eksempel bord eller tema). Resultatsiden viser da de andre svarene gruppert etter valget.",
      label: "Grupper resultatene etter",
      none: "Ingen gruppering",
      save: "Lagre gruppering",
      saved: "Grupperingen er lagret.",
      resultsHeading: "Svar per {{question}}",
      groupHeading: "{{label}} ({{count}} svar)",
      tooFew: "For få svar til å vises.",
    },
    errors: {
      noFirstEvening: "Kurset har ingen planlagt kveld ennå, så et skjema før møtet har ikke noe sluttidspunkt.",
      groupingNotSingle: "Bare et enkeltvalgsspørsmål kan brukes til å gruppere svarene.",
    },
    summary: {
      navLink: "Oppsummering",
      title: "Oppsummering av møtet",
      intro: "Skriv oppsummeringen i Markdown. Når du publiserer den, vises den på kurssiden bare for dem som var til stede (helt eller delvis) på minst én kveld, og hver av dem får én e-post.",
      label: "Oppsummering (Markdown)",
      preview: "Forhåndsvis",
      previewHeading: "Forhåndsvisning",
      save: "Lagre",
      publish: "Publiser og send til deltakerne",
      saved: "Oppsummeringen er lagret.",
      published_one: "Oppsummeringen er publisert. {{count}} e-post er lagt i utboksen.",
      published_other: "Oppsummeringen er publisert. {{count}} e-poster er lagt i utboksen.",
      publishedOn: "Publisert {{when}}. Endringer du lagrer vises straks, uten ny e-post.",
      notPublished: "Ikke publisert ennå.",
      readers_one: "{{count}} person var til stede og kan lese den.",
      readers_other: "{{count}} personer var til stede og kan lese den.",
      empty: "Skriv en oppsummering før du publiserer.",
      heading: "Oppsummering fra møtet",
      email: {
        subject: "Oppsummering: {{title}}",
        body: "Hei {{name}}!\n\nOppsummeringen fra {{title}} er publisert. Les den her: {{url}}",
      },
    },
  },
};
