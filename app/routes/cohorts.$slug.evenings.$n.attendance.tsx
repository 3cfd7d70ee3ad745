import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Link, useFetcher, useLoaderData, type ClientActionFunctionArgs } from "react-router";
import { Button, Heading, Paragraph, Tag, Textfield } from "@digdir/designsystemet-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AttendanceNotOpenError, attendanceOpensAt, getEvening, NotParticipantError, recordRollCall, rollCallList } from "~/models/attendance.server";
import { noticesForEvening, withNotices } from "~/models/absence.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { formatDateTime, formatEveningTime } from "~/utils/time";
import i18next from "~/i18next.server";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { ATTENDANCE_STATUSES, PROFESSIONS, type AttendanceStatus } from "../../db/enums";
import { OrganiserNav } from "~/components/organiser-nav";

export const meta: MetaFunction = () => [{ title: "Opprop – Knutepunkt" }];

const MarkSchema = z.object({
  userId: z.coerce.number().int().positive(),
  status: z.enum(ATTENDANCE_STATUSES),
  minutes: z.coerce.number().int().min(0).max(24 * 60).optional(),
});

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const n = Number(params.n);
  const evening = Number.isSafeInteger(n) ? getEvening(cohort.id, n) : undefined;
  if (!evening) notFound();
  return { user, cohort, evening };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort, evening } = await load(request, params);
  const opensAt = attendanceOpensAt(evening);
  const locale = await i18next.getLocale(request);
  return {
    // Roll call opens shortly before the evening: before it, nobody can have been there.
    notOpenUntil: new Date() < opensAt ? formatDateTime(opensAt, locale) : null,
    cohort: { slug: cohort.slug, title: cohort.title },
    evening: {
      number: evening.number,
      startsAt: evening.startsAt,
      endsAt: evening.endsAt,
      theme: evening.theme,
      minutes: Math.round((evening.endsAt.getTime() - evening.startsAt.getTime()) / 60_000),
    },
    // Absence reported ahead shows as "excused" until the organiser marks something else.
    rows: withNotices(rollCallList(cohort.id, evening.id), noticesForEvening(evening.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, evening } = await load(request, params);
  const parsed = MarkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, error: "validation.invalid" }, { status: 400 });
  try {
    const row = recordRollCall({ evening, userId: parsed.data.userId, status: parsed.data.status, minutes: parsed.data.minutes, recordedByUserId: user.id });
    return { ok: true as const, userId: row.userId, status: row.status, minutes: row.minutes };
  } catch (e) {
    if (e instanceof NotParticipantError) return data({ ok: false as const, error: "attendance.rollcall.notParticipant" }, { status: 400 });
    if (e instanceof AttendanceNotOpenError) return data({ ok: false as const, error: "attendance.rollcall.notOpen" }, { status: 400 });
    throw e;
  }
}

/** A dropped connection or server error becomes data on the row (shown and retried), never an error page. */
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction<typeof action>();
  } catch {
    return { ok: false as const, error: "attendance.rollcall.failed" };
  }
}

type Row = ReturnType<typeof withNotices<ReturnType<typeof rollCallList>[number]>>[number];
type Result = { ok: true; userId: number; status: AttendanceStatus; minutes: number } | { ok: false; error: string };

/** The texts every row shows and the page's fixed texts, translated once per language (see fixedPageTexts). */
const useTexts = fixedPageTexts((t) => ({
  statuses: labelMap(t, "attendance.statuses", ATTENDANCE_STATUSES),
  professions: labelMap(t, "common.professions", PROFESSIONS),
  statusFor: withName(t, "attendance.rollcall.statusFor"),
  saving: t("attendance.rollcall.saving"),
  saved: t("attendance.rollcall.saved"),
  minutes: t("attendance.rollcall.minutes"),
  saveMinutes: t("attendance.rollcall.saveMinutes"),
  notParticipant: t("attendance.rollcall.notParticipant"),
  notOpen: t("lifecycle.attendance.notOpenShort"),
  failed: t("attendance.rollcall.failed"),
  retry: t("attendance.rollcall.retry"),
  checkinScreen: t("attendance.rollcall.checkinScreen"),
  noticed: t("absence.rollcallTag"),
  intro: t("attendance.rollcall.intro"),
  search: t("attendance.rollcall.search"),
  list: t("attendance.rollcall.meta"),
  empty: t("attendance.rollcall.empty"),
  noMatch: t("attendance.rollcall.noMatch"),
}));
type Texts = ReturnType<typeof useTexts>;

function RollCallRow({
  row,
  eveningMinutes,
  texts,
  onSaved,
}: {
  row: Row;
  eveningMinutes: number;
  texts: Texts;
  onSaved: (name: string, status: AttendanceStatus) => void;
}) {
  const fetcher = useFetcher<Result>({ key: `rollcall-${row.userId}` });
  const lastSent = useRef<FormData | null>(null);
  const [minutes, setMinutes] = useState(String(row.status === "partial" ? row.minutes : Math.round(eveningMinutes / 2)));
  const pending = fetcher.state !== "idle";
  const result = fetcher.data;
  const failed = !pending && result && !result.ok;

  const send = (status: AttendanceStatus) => {
    const fd = new FormData();
    fd.set("userId", String(row.userId));
    fd.set("status", status);
    if (status === "partial") fd.set("minutes", minutes);
    lastSent.current = fd;
    fetcher.submit(fd, { method: "post" });
  };
  const retry = () => lastSent.current && fetcher.submit(lastSent.current, { method: "post" });

  // Retry a failed save on its own after a few seconds (and again whenever the browser comes back online).
  useEffect(() => {
    if (!failed || !lastSent.current) return;
    const timer = setTimeout(retry, 3000);
    window.addEventListener("online", retry);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", retry);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [failed, result]);

  // Each confirmed save is read out once, by the page's live region.
  useEffect(() => {
    if (result?.ok) onSaved(row.name, result.status);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const shown: AttendanceStatus | null = pending
    ? (String(fetcher.formData?.get("status")) as AttendanceStatus)
    : failed && lastSent.current
      ? (String(lastSent.current.get("status")) as AttendanceStatus)
      : (row.status ?? null);
  return (
    // The row is a grid (name and save status on one line, the buttons below): no wrapper elements and no
    // attribute that nothing reads, as the rows' markup is most of this page's server time.
    <li className="rollcall-row">
      <span className="rollcall-row__name">
        {`${row.name} `}
        <span className="muted">{`· ${texts.professions[row.profession]}`}</span>
        {row.noticed ? (
          <>
            {" "}
            <Tag data-color="info" title={row.noticeReason || undefined}>
              {texts.noticed}
            </Tag>
          </>
        ) : null}
      </span>
      {/* Shown only while there is something to show; screen readers hear saves from the page's one live region. */}
      {pending || (!failed && result?.ok) ? <span className="muted rollcall-row__saved">{pending ? texts.saving : texts.saved}</span> : null}
      {/* Plain buttons with the Designsystemet class (what <Button> renders): four Button components per row
          would be a large share of this page's render. Their size comes from the list (sizes inherit); the
          chosen one is primary, Designsystemet's default variant. No `type`: there is no form around them
          to submit, and an attribute fewer per button adds up over a long list. */}
      <div role="group" aria-label={texts.statusFor(row.name)} className="rollcall-buttons">
        {ATTENDANCE_STATUSES.map((s) => (
          <button
            key={s}
            className="ds-button"
            data-variant={shown === s ? undefined : "secondary"}
            aria-pressed={shown === s}
            onClick={() => send(s)}
          >
            {texts.statuses[s]}
          </button>
        ))}
      </div>
      {shown === "partial" ? (
        <div className="row">
          <Textfield
            label={texts.minutes}
            type="number"
            inputMode="numeric"
            min={0}
            max={eveningMinutes}
            value={minutes}
            onChange={(e) => setMinutes(e.currentTarget.value)}
            data-size="sm"
          />
          <Button type="button" variant="secondary" onClick={() => send("partial")}>
            {texts.saveMinutes}
          </Button>
        </div>
      ) : null}
      {failed ? (
        <div className="row" role="alert">
          <Tag data-color="danger">{result.error === "attendance.rollcall.notParticipant"
              ? texts.notParticipant
              : result.error === "attendance.rollcall.notOpen"
                ? texts.notOpen
                : texts.failed}</Tag>
          <Button type="button" variant="tertiary" onClick={retry}>
            {texts.retry}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

export default function RollCallPage() {
  const { t, i18n } = useTranslation();
  const { cohort, evening, rows, notOpenUntil } = useLoaderData<typeof loader>();
  const texts = useTexts();
  const [q, setQ] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const announceSaved = useCallback(
    (name: string, status: AttendanceStatus) => setAnnouncement(t("attendance.rollcall.savedFor", { name, status: texts.statuses[status] })),
    [t, texts],
  );
  const counts = useMemo(() => {
    const c = { present: 0, partial: 0, absent: 0, excused: 0, none: 0 };
    for (const r of rows) c[r.status ?? "none"]++;
    return c;
  }, [rows]);
  const needle = q.trim().toLocaleLowerCase("nb");
  const shown = needle ? rows.filter((r) => r.name.toLocaleLowerCase("nb").includes(needle)) : rows;
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <Paragraph className="muted">
        <Link to={`/cohorts/${cohort.slug}/attendance`}>{cohort.title}</Link> ·{" "}
        {formatEveningTime(evening.startsAt, evening.endsAt, i18n.language)}
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("attendance.rollcall.title", { number: evening.number })}
      </Heading>
      <Paragraph>{evening.theme}</Paragraph>
      <div aria-live="polite" className="rollcall-bar">
        <strong>{t("attendance.rollcall.counts", counts)}</strong>
      </div>
      <div className="row">
        <Link to={`/cohorts/${cohort.slug}/evenings/${evening.number}/checkin-screen`}>{texts.checkinScreen}</Link>
      </div>
      {notOpenUntil ? (
        <Paragraph role="status">{t("lifecycle.attendance.notOpen", { number: evening.number, opens: notOpenUntil })}</Paragraph>
      ) : (
        <RollCall rows={rows} shown={shown} q={q} setQ={setQ} texts={texts} eveningMinutes={evening.minutes} onSaved={announceSaved} />
      )}
      <p aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}

function RollCall({
  rows,
  shown,
  q,
  setQ,
  texts,
  eveningMinutes,
  onSaved,
}: {
  rows: Row[];
  shown: Row[];
  q: string;
  setQ: (q: string) => void;
  texts: Texts;
  eveningMinutes: number;
  onSaved: (name: string, status: AttendanceStatus) => void;
}) {
  return (
    <>
      <Paragraph>{texts.intro}</Paragraph>
      <Textfield label={texts.search} type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {rows.length === 0 ? (
        <Paragraph>{texts.empty}</Paragraph>
      ) : shown.length === 0 ? (
        <Paragraph>{texts.noMatch}</Paragraph>
      ) : (
        <ul className="stack-sm" style={{ listStyle: "none", padding: 0, margin: 0 }} aria-label={texts.list} data-size="lg">
          {shown.map((r) => (
            <RollCallRow key={r.userId} row={r} eveningMinutes={eveningMinutes} texts={texts} onSaved={onSaved} />
          ))}
        </ul>
      )}
    </>
  );
}
