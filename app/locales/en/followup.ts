export default {
  followUp: {
    title: "Follow-up 6 months after",
    intro: "Half a year after the last evening: how is the collaboration going now? Answers are anonymous, and each participant answers for themselves.",
    active: "Is the collaboration with your partner from the course still active?",
    activeOptions: ["Yes", "Partly", "No"],
    frequency: "How often do you collaborate now?",
    frequencyOptions: ["At least every week", "About every month", "Less than every month", "We no longer collaborate"],
    flow: "What has changed in your patients' flow since the course? Do not write anything that could identify a patient.",
    related: "Final evaluation and follow-up",
    relatedIntro: "The results of the final evaluation and of the follow-up half a year later, side by side:",
  },
};
