export default {
  courses: {
    title: "Courses open for sign-up",
    metaTitle: "Courses open for sign-up – Knutepunkt",
    metaTitlePage: "Courses open for sign-up, page {{page}} – Knutepunkt",
    intro: "Every course whose registration is open, and those whose registration opens later. The course that starts first is at the top.",
    seeAll: "See all courses ({{count}})",
    count_one: "{{count}} course",
    count_other: "{{count}} courses",
    filter: "Choose a place",
    site: "Place",
    allSites: "All places",
    show: "Show",
    pagination: "Pages of courses",
    card: {
      firstEvening: "First evening",
      opens: "Registration opens",
    },
    empty: "There are no courses open for sign-up right now. New courses are listed here once their dates are set – please check back later.",
    emptyAtSite: "There are no courses open for sign-up at this place right now.",
    showAllSites: "See courses at all places",
    backHome: "Back to the overview",
  },
};
