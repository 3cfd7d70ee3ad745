export default {
  accessibility: {
    title: "Tilgjengelighetserklæring",
    meta: "Tilgjengelighet – Knutepunkt",
    footerLink: "Tilgjengelighet",
    intro: "Knutepunkt skal kunne brukes av alle. Her står hvordan nettstedet oppfyller kravene til universell utforming av IKT, som følger WCAG 2.1 på nivå A og AA.",
    statusHeading: "Status",
    status: "Knutepunkt oppfyller de fleste kravene i {{standard}}. Kravene som ikke er oppfylt, står under «Avvik».",
    howChecked: "Slik har vi sjekket",
    howCheckedBody: "Hver gang koden endres, kjører vi en automatisk kontroll med axe-core i nettleseren på sidene under, både som besøkende og som innlogget deltaker. Den finner ikke alle brudd på kravene; en full manuell gjennomgang med skjermleser og tastatur er ikke gjort ennå.",
    pagesAnonymous: "Sider for besøkende",
    pagesParticipant: "Sider for innloggede deltakere",
    deviationsHeading: "Avvik",
    noDeviations: "Vi kjenner ikke til brudd på kravene.",
    criteria: "Suksesskriterium: {{criteria}}",
    foundBy: { axe: "Funnet av den automatiske kontrollen.", manual: "Funnet ved manuell gjennomgang." },
    deviations: {
      untaggedPdf: {
        title: "PDF-filene mangler struktur",
        body: "Kursbeviset og samarbeidsavtalen som PDF har ikke merket struktur (overskrifter og leserekkefølge), så skjermlesere leser dem som ren tekst. Avtalen finnes også som vanlig nettside (utskriftsversjonen), og opplysningene på kursbeviset står på verifiseringssiden.",
      },
    },
    reportHeading: "Meld fra om problemer",
    reportBody: "Møter du en barriere, eller trenger du innholdet i en annen form? Skriv til oss, så svarer vi så snart vi kan:",
    complaint: "Får du ikke svar, eller er du ikke fornøyd med svaret, kan du klage til Tilsynet for universell utforming av IKT (Uutilsynet):",
    complaintLink: "uutilsynet.no",
    lastChecked: "Sist kontrollert: {{date}}",
  },
};
