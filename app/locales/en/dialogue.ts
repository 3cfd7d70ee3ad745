/** Dialogue meetings: the pre-meeting questionnaire, answers grouped per table or theme, and the summary. */
export default {
  dialogue: {
    preMeeting: {
      label: "Before the meeting (closes by itself when the first evening starts)",
      tag: "Before the meeting",
      closesAtStart: "Closes when the meeting starts: {{when}}",
    },
    grouping: {
      heading: "Group the answers",
      intro: "Choose a single-choice question (for example table or theme). The results page then shows the other answers grouped by that choice.",
      label: "Group the results by",
      none: "No grouping",
      save: "Save grouping",
      saved: "The grouping has been saved.",
      resultsHeading: "Answers per {{question}}",
      groupHeading: "{{label}} ({{count}} answers)",
      tooFew: "Too few answers to show.",
    },
    errors: {
      noFirstEvening: "The course has no scheduled evening yet, so a pre-meeting questionnaire has no closing time.",
      groupingNotSingle: "Only a single-choice question can group the answers.",
    },
    summary: {
      navLink: "Summary",
      title: "Summary of the meeting",
      intro: "Write the summary in Markdown. Once published, it shows on the course page only to those who were present (fully or partly) on at least one evening, and each of them gets one e-mail.",
      label: "Summary (Markdown)",
      preview: "Preview",
      previewHeading: "Preview",
      save: "Save",
      publish: "Publish and send to the participants",
      saved: "The summary has been saved.",
      published_one: "The summary has been published. {{count}} e-mail has been queued.",
      published_other: "The summary has been published. {{count}} e-mails have been queued.",
      publishedOn: "Published {{when}}. Changes you save show at once, without a new e-mail.",
      notPublished: "Not published yet.",
      readers_one: "{{count}} person attended and can read it.",
      readers_other: "{{count}} people attended and can read it.",
      empty: "Write a summary before publishing.",
      heading: "Summary of the meeting",
      email: {
        subject: "Summary: {{title}}",
        body: "Hello {{name}},\n\nThe summary of {{title}} has been published. Read it here: {{url}}",
      },
    },
  },
};
