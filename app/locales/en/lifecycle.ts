export default {
  lifecycle: {
    phase: {
      draft: "Draft – only organisers can see the course",
      notOpenYet: "Published – registration has not opened",
      registrationOpen: "Published – registration is open",
      registrationClosed: "Published – registration is closed",
      running: "The course is running",
      finished: "The course has finished",
      archived: "Archived",
    },
    section: "Status and publishing",
    publish: {
      button: "Publish the course",
      intro: "The course is a draft. Participants see it only once you publish it.",
      done: "The course is published.",
      cannot: "The course cannot be published yet. Missing:",
      missing: {
        cohort: "Course not found.",
        evenings: "The course has {{count}} of {{expected}} evenings.",
        cohortVenue: "The course has no venue.",
        times: "Evening {{n}} has no start and end time.",
        venue: "Evening {{n}} has no venue.",
        theme: "Evening {{n}} has no theme.",
        content: "Evening {{n}} has no programme.",
      },
    },
    archive: {
      button: "Archive the course",
      done: "The course is archived.",
      restore: "Bring the course back",
      restored: "The course is published again.",
    },
    registrationUntil: {
      label: "Registration closes",
      first: "When evening 1 starts",
      second: "When evening 2 starts (late registration)",
    },
    closesAt: "Registration closes {{date}}.",
    dates: {
      inPast: "This date has passed. Choose a day ahead.",
      sameDay: "Two evenings cannot be on the same day.",
      beforePrevious: "The evening must come after the evening before it.",
      afterNext: "The evening must come before the evening after it.",
    },
    attendance: {
      notOpen: "Roll call for evening {{number}} opens {{opens}}. Until then the evening has not been held.",
      notOpenShort: "The evening has not begun yet.",
    },
    slug: {
      suggested: "Suggested from the title. You can change it.",
      available: "The address is free.",
      taken: "This address is already in use.",
    },
  },
};
