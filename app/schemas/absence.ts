/** Shared by the absence form and its server rules. */
/** Long enough for "vakt på legevakten", short enough that nobody writes a medical history. */
export const ABSENCE_REASON_MAX = 200;
