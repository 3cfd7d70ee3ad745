export default {
  courses: {
    title: "Kurs du kan melde deg på",
    metaTitle: "Kurs du kan melde deg på – Knutepunkt",
    metaTitlePage: "Kurs du kan melde deg på, side {{page}} – Knutepunkt",
    intro: "Alle kurs med åpen påmelding, og kurs der påmeldingen åpner senere. Kurset som starter først, står øverst.",
    seeAll: "Se alle kurs ({{count}})",
    count_one: "{{count}} kurs",
    count_other: "{{count}} kurs",
    filter: "Velg sted",
    site: "Sted",
    allSites: "Alle steder",
    show: "Vis",
    pagination: "Sider med kurs",
    card: {
      firstEvening: "Første kveld",
      opens: "Påmeldingen åpner",
    },
    empty: "Det er ingen kurs med åpen påmelding akkurat nå. Nye kurs legges ut her når datoene er klare – se innom igjen senere.",
    emptyAtSite: "Det er ingen kurs med åpen påmelding på dette stedet nå.",
    showAllSites: "Se kurs på alle steder",
    backHome: "Tilbake til oversikten",
  },
};
