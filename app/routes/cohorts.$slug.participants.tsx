import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { redirect, Form, Link, useLoaderData, useSearchParams } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { FilterSelect } from "~/components/filter-select";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { moveRegistration, RegistrationError } from "~/models/registration.server";
import { listParticipantMunicipalities, listParticipants } from "~/models/participants.server";
import i18next from "~/i18next.server";
import { badRequestUnless, notFoundUnless, parseFilter, PROFESSION_VALUES as PROFESSIONS, STATUS_VALUES as REGISTRATION_STATUSES } from "~/utils/participants-filter";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { redirectWithToast } from "~/utils/toast.server";
import { OrganiserNav } from "~/components/organiser-nav";

export const meta: MetaFunction = () => [{ title: "Deltakere – Knutepunkt" }];

/** "<registration id>:<new status>": what a row's button asks for and what the confirmation posts. */
const moveValue = z
  .string()
  .regex(/^\d{1,12}:(confirmed|waitlisted)$/)
  .transform((v) => {
    const [id, to] = v.split(":");
    return { registrationId: Number(id), to: to as "confirmed" | "waitlisted" };
  });
const MoveSchema = z.object({ move: moveValue, confirmed: z.literal("yes").optional() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const url = new URL(request.url);
  const list = listParticipants(cohort.id, parseFilter(url));
  // A row's button only asks (?confirm=<id>:<status>); the move happens when the dialog is confirmed.
  let confirm: { move: string; name: string; to: "confirmed" | "waitlisted" } | null = null;
  const asked = url.searchParams.get("confirm");
  if (asked) {
    const parsed = moveValue.safeParse(asked);
    badRequestUnless(parsed.success);
    const { registrationId, to } = parsed.data!;
    const row = list.rows.find((r) => r.registrationId === registrationId) ?? listParticipants(cohort.id).rows.find((r) => r.registrationId === registrationId);
    notFoundUnless(!!row);
    confirm = { move: asked, name: row!.name, to };
  }
  return {
    cohort: { id: cohort.id, slug: cohort.slug, title: cohort.title },
    rows: list.rows,
    counts: list.counts,
    municipalities: listParticipantMunicipalities(cohort.id, list),
    confirm,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const parsed = MoveSchema.safeParse(Object.fromEntries(await request.formData()));
  badRequestUnless(parsed.success);
  const { rows } = listParticipants(cohort.id);
  const { registrationId, to } = parsed.data!.move;
  notFoundUnless(rows.some((r) => r.registrationId === registrationId));
  const t = await i18next.getFixedT(request);
  const url = new URL(request.url);
  url.searchParams.delete("confirm");
  const back = `/cohorts/${cohort.slug}/participants${url.search}`;
  // Nothing moves on one click: an unconfirmed post is sent to the confirmation first.
  if (parsed.data!.confirmed !== "yes") {
    url.searchParams.set("confirm", `${registrationId}:${to}`);
    return redirect(`/cohorts/${cohort.slug}/participants${url.search}`);
  }
  try {
    await moveRegistration(registrationId, to, user.id);
    return redirectWithToast(back, { kind: "success", message: t("registration.participants.moved") });
  } catch (error) {
    if (error instanceof RegistrationError) return redirectWithToast(back, { kind: "warning", message: t(error.messageKey) });
    throw error;
  }
}

// The page's fixed texts, translated once per language (see fixedPageTexts) rather than on every request.
const FIXED_KEYS = [
  "registration.cohort.manage",
  "registration.participants.exportCsv",
  "registration.participants.exportXlsx",
  "registration.participants.filter",
  "registration.participants.profession",
  "registration.participants.allProfessions",
  "registration.participants.status",
  "registration.participants.allStatuses",
  "registration.participants.municipality",
  "registration.participants.allMunicipalities",
  "registration.participants.apply",
  "registration.participants.none",
  "registration.participants.name",
  "registration.participants.hpr",
  "registration.participants.practice",
  "registration.participants.email",
  "registration.participants.actions",
  "registration.participants.confirmMove",
  "common.cancel",
] as const;
const usePageTexts = fixedPageTexts((t) => ({
  text: Object.fromEntries(FIXED_KEYS.map((k) => [k, t(k)])) as Record<(typeof FIXED_KEYS)[number], string>,
  professionLabels: labelMap(t, "common.professions", PROFESSIONS),
  statusLabels: labelMap(t, "registration.status", REGISTRATION_STATUSES),
  moveToWaitlist: withName(t, "registration.participants.moveToWaitlist"),
  moveToConfirmed: withName(t, "registration.participants.moveToConfirmed"),
  confirmToWaitlist: withName(t, "registration.participants.confirmToWaitlist"),
  confirmToConfirmed: withName(t, "registration.participants.confirmToConfirmed"),
  confirmToWaitlistBody: withName(t, "registration.participants.confirmToWaitlistBody"),
  confirmToConfirmedBody: withName(t, "registration.participants.confirmToConfirmedBody"),
}));

/**
 * The confirmation before a move: rendered open by the server, so it works without JavaScript; with
 * JavaScript it is made modal (focus stays in it, Esc cancels).
 */
function ConfirmMove({ confirm, cancelTo }: { confirm: { move: string; name: string; to: "confirmed" | "waitlisted" }; cancelTo: string }) {
  const texts = usePageTexts();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || dialog.matches(":modal")) return;
    dialog.close();
    dialog.showModal();
    // Esc closes the dialog; leave the confirmation step too.
    const onCancel = () => cancelRef.current?.click();
    dialog.addEventListener("cancel", onCancel);
    return () => dialog.removeEventListener("cancel", onCancel);
  }, [confirm.move]);
  const waitlist = confirm.to === "waitlisted";
  return (
    <dialog ref={ref} className="ds-dialog" data-modal="true" data-placement="center" open aria-labelledby="confirm-move-title">
      <Form method="post" className="stack">
        <Heading level={2} data-size="sm" id="confirm-move-title">
          {(waitlist ? texts.confirmToWaitlist : texts.confirmToConfirmed)(confirm.name)}
        </Heading>
        <Paragraph>{(waitlist ? texts.confirmToWaitlistBody : texts.confirmToConfirmedBody)(confirm.name)}</Paragraph>
        <input type="hidden" name="move" value={confirm.move} />
        <input type="hidden" name="confirmed" value="yes" />
        <div className="row">
          <Button type="submit" data-color={waitlist ? "danger" : undefined}>
            {texts.text["registration.participants.confirmMove"]}
          </Button>
          <Link ref={cancelRef} to={cancelTo} className="ds-button" data-variant="secondary" preventScrollReset>
            {texts.text["common.cancel"]}
          </Link>
        </div>
      </Form>
    </dialog>
  );
}

export default function ParticipantsPage() {
  const { t } = useTranslation();
  const { cohort, rows, counts, municipalities, confirm } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filter = new URLSearchParams(params);
  filter.delete("confirm");
  const query = filter.toString();
  const { professionLabels, statusLabels, moveToWaitlist, moveToConfirmed, text } = usePageTexts();
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <Heading level={1} data-size="lg">
        {t("registration.participants.title", { title: cohort.title })}
      </Heading>
      <div className="row">
        <Link to={`/cohorts/${cohort.slug}/manage`}>{text["registration.cohort.manage"]}</Link>
        <a href={`/cohorts/${cohort.slug}/participants.csv${query ? `?${query}` : ""}`} download>
          {text["registration.participants.exportCsv"]}
        </a>
        <a href={`/cohorts/${cohort.slug}/participants.xlsx${query ? `?${query}` : ""}`} download>
          {text["registration.participants.exportXlsx"]}
        </a>
      </div>
      <Form method="get" className="row" aria-label={text["registration.participants.filter"]}>
        <FilterSelect
          id="f-profession"
          name="profession"
          label={text["registration.participants.profession"]}
          allLabel={text["registration.participants.allProfessions"]}
          options={PROFESSIONS.map((p) => ({ value: p, label: professionLabels[p] }))}
          defaultValue={params.get("profession") ?? ""}
        />
        <FilterSelect
          id="f-status"
          name="status"
          label={text["registration.participants.status"]}
          allLabel={text["registration.participants.allStatuses"]}
          options={REGISTRATION_STATUSES.map((s) => ({ value: s, label: statusLabels[s] }))}
          defaultValue={params.get("status") ?? ""}
        />
        <FilterSelect
          id="f-municipality"
          name="municipality"
          label={text["registration.participants.municipality"]}
          allLabel={text["registration.participants.allMunicipalities"]}
          options={municipalities}
          defaultValue={params.get("municipality") ?? ""}
        />
        <Button type="submit" variant="secondary">
          {text["registration.participants.apply"]}
        </Button>
      </Form>
      <Paragraph role="status" data-testid="participant-counts">
        {t("registration.participants.count", { count: counts.total })}.{" "}
        {t("registration.participants.counts", { confirmed: counts.confirmed, waitlisted: counts.waitlisted })}
      </Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{text["registration.participants.none"]}</Paragraph>
      ) : (
        // The table is one form (a <Form> per row was a large share of this page's render): a row's
        // button asks for the confirmation, keeping the filter in the URL.
        <Form method="get" className="table-wrap" preventScrollReset>
          {[...filter].map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {/* Plain elements with the Designsystemet classes (what Table, Tag and Button render): components
              and a <Form> in every row would dominate this page's render. */}
          <table className="ds-table" data-zebra="true">
            <thead>
              <tr>
                <th>{text["registration.participants.name"]}</th>
                <th>{text["registration.participants.profession"]}</th>
                <th>{text["registration.participants.hpr"]}</th>
                <th>{text["registration.participants.practice"]}</th>
                <th>{text["registration.participants.municipality"]}</th>
                <th>{text["registration.participants.email"]}</th>
                <th>{text["registration.participants.status"]}</th>
                <th>{text["registration.participants.actions"]}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.registrationId}>
                  <td>{r.name}</td>
                  <td>{professionLabels[r.profession] ?? t(`common.professions.${r.profession}`)}</td>
                  <td>{r.hprNumber}</td>
                  <td>{r.practice}</td>
                  <td>{r.municipality}</td>
                  <td>{r.email}</td>
                  <td>
                    <span className="ds-tag" data-color={r.status === "confirmed" ? "success" : r.status === "waitlisted" ? "warning" : "neutral"}>
                      {statusLabels[r.status] ?? t(`registration.status.${r.status}`)}
                    </span>
                    {r.position ? ` #${r.position}` : null}
                  </td>
                  <td>
                    {r.status === "confirmed" || r.status === "waitlisted" ? (
                      <button
                        className="ds-button"
                        data-variant="tertiary"
                        type="submit"
                        data-size="sm"
                        name="confirm"
                        value={`${r.registrationId}:${r.status === "confirmed" ? "waitlisted" : "confirmed"}`}
                      >
                        {r.status === "confirmed" ? moveToWaitlist(r.name) : moveToConfirmed(r.name)}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Form>
      )}
      {confirm ? <ConfirmMove confirm={confirm} cancelTo={`/cohorts/${cohort.slug}/participants${query ? `?${query}` : ""}`} /> : null}
    </div>
  );
}
