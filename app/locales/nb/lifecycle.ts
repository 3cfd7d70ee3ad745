export default {
  lifecycle: {
    phase: {
      draft: "Utkast – bare kursansvarlige ser kurset",
      notOpenYet: "Publisert – påmeldingen har ikke åpnet",
      registrationOpen: "Publisert – påmeldingen er åpen",
      registrationClosed: "Publisert – påmeldingen er stengt",
      running: "Kurset pågår",
      finished: "Kurset er avsluttet",
      archived: "Arkivert",
    },
    section: "Status og publisering",
    publish: {
      button: "Publiser kurset",
      intro: "Kurset er et utkast. Deltakerne ser det først når du publiserer det.",
      done: "Kurset er publisert.",
      cannot: "Kurset kan ikke publiseres ennå. Dette mangler:",
      missing: {
        cohort: "Fant ikke kurset.",
        evenings: "Kurset har {{count}} av {{expected}} kvelder.",
        cohortVenue: "Kurset mangler lokale.",
        times: "Kveld {{n}} mangler start- og sluttid.",
        venue: "Kveld {{n}} mangler lokale.",
        theme: "Kveld {{n}} mangler tema.",
        content: "Kveld {{n}} mangler program.",
      },
    },
    archive: {
      button: "Arkiver kurset",
      done: "Kurset er arkivert.",
      restore: "Hent fram kurset igjen",
      restored: "Kurset er publisert igjen.",
    },
    registrationUntil: {
      label: "Påmeldingen stenger",
      first: "Når kveld 1 starter",
      second: "Når kveld 2 starter (sen påmelding)",
    },
    closesAt: "Påmeldingen stenger {{date}}.",
    dates: {
      inPast: "Datoen har vært. Velg en dag fram i tid.",
      sameDay: "To kvelder kan ikke være på samme dag.",
      beforePrevious: "Kvelden må ligge etter kvelden før.",
      afterNext: "Kvelden må ligge før kvelden etter.",
    },
    attendance: {
      notOpen: "Oppropet for kveld {{number}} åpner {{opens}}. Før det er kvelden ikke holdt.",
      notOpenShort: "Kvelden har ikke begynt ennå.",
    },
    slug: {
      suggested: "Foreslått fra tittelen. Du kan endre den.",
      available: "Adressen er ledig.",
      taken: "Denne adressen er allerede i bruk.",
    },
  },
};
