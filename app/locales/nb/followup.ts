export default {
  followUp: {
    title: "Oppfølging 6 måneder etter",
    intro: "Et halvt år etter siste kurskveld: hvordan går samarbeidet nå? Svaret er anonymt, og hver deltaker svarer for seg.",
    active: "Er samarbeidet med samarbeidspartneren din fra kurset fortsatt aktivt?",
    activeOptions: ["Ja", "Delvis", "Nei"],
    frequency: "Hvor ofte samarbeider dere nå?",
    frequencyOptions: ["Minst hver uke", "Omtrent hver måned", "Sjeldnere enn hver måned", "Vi samarbeider ikke lenger"],
    flow: "Hva har endret seg i pasientflyten din etter kurset? Ikke skriv noe som kan identifisere en pasient.",
    related: "Sluttevaluering og oppfølging",
    relatedIntro: "Resultatene fra sluttevalueringen og oppfølgingen et halvt år etter, side om side:",
  },
};
