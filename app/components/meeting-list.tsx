/** Upcoming network meetings as a short list (the network page and the dashboard). */
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { MeetingListItem } from "~/types/meetings";

export function MeetingList({ meetings }: { meetings: MeetingListItem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="stack-sm" data-testid="meeting-list">
      {meetings.map((m) => (
        <li key={m.id}>
          <Link to={`/cohorts/${m.slug}`}>{m.title}</Link> — {m.when}
          {m.venue ? `, ${m.venue}` : ""}
          {m.online ? ` (${t("meetings.list.online")})` : ""} · {m.siteName}
          {m.myStatus ? (
            <>
              {" "}
              <span className="ds-tag" data-color={m.myStatus === "confirmed" ? "success" : "warning"}>
                {t(`registration.status.${m.myStatus}`)}
              </span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
