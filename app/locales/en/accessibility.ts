export default {
  accessibility: {
    title: "Accessibility statement",
    meta: "Accessibility – Knutepunkt",
    footerLink: "Accessibility",
    intro: "Knutepunkt should work for everyone. This is how the site meets the Norwegian requirements for universal design of ICT, which follow WCAG 2.1 at levels A and AA.",
    statusHeading: "Status",
    status: "Knutepunkt meets most requirements of {{standard}}. The requirements not met are listed under “Deviations”.",
    howChecked: "How we checked",
    howCheckedBody: "Every time the code changes, an automated check with axe-core runs in the browser on the pages below, both as a visitor and as a logged-in participant. It does not find every breach of the requirements; a full manual review with screen reader and keyboard has not been done yet.",
    pagesAnonymous: "Pages for visitors",
    pagesParticipant: "Pages for logged-in participants",
    deviationsHeading: "Deviations",
    noDeviations: "We know of no breach of the requirements.",
    criteria: "Success criterion: {{criteria}}",
    foundBy: { axe: "Found by the automated check.", manual: "Found by manual review." },
    deviations: {
      untaggedPdf: {
        title: "The PDF files lack structure",
        body: "The certificate and the partnership agreement as PDF have no tagged structure (headings and reading order), so screen readers read them as plain text. The agreement is also available as an ordinary web page (the print version), and the certificate's facts are on its verification page.",
      },
    },
    reportHeading: "Report a problem",
    reportBody: "Do you meet a barrier, or need the content in another form? Write to us and we answer as soon as we can:",
    complaint: "If you get no answer, or are not satisfied with it, you can complain to the Authority for Universal Design of ICT (Uutilsynet):",
    complaintLink: "uutilsynet.no",
    lastChecked: "Last checked: {{date}}",
  },
};
