/** An upcoming network meeting as the lists show it (kept apart so models never import components). */
export type MeetingListItem = {
  id: number;
  slug: string;
  title: string;
  siteName: string;
  venue: string;
  online: boolean;
  /** Date and time written out in the reader's language. */
  when: string;
  myStatus: string | null;
};
