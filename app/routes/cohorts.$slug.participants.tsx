import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useFormAction, useLoaderData, useSearchParams, useSubmit } from "@remix-run/react";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { FilterSelect } from "~/components/filter-select";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import {
  listParticipantMunicipalities,
  listParticipants,
  moveRegistration,
  RegistrationError,
} from "~/models/registration.server";
import i18next from "~/i18next.server";
import { badRequestUnless, notFoundUnless, parseFilter, PROFESSION_VALUES as PROFESSIONS, STATUS_VALUES as REGISTRATION_STATUSES } from "~/utils/participants-filter";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Deltakere – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const list = listParticipants(cohort.id, parseFilter(new URL(request.url)));
  return {
    cohort: { id: cohort.id, slug: cohort.slug, title: cohort.title },
    rows: list.rows,
    counts: list.counts,
    municipalities: listParticipantMunicipalities(cohort.id, list),
  };
}

/** A row's button carries "<registration id>:<new status>", so the whole table is one form. */
const MoveSchema = z.object({
  move: z
    .string()
    .regex(/^\d{1,12}:(confirmed|waitlisted)$/)
    .transform((v) => {
      const [id, to] = v.split(":");
      return { registrationId: Number(id), to: to as "confirmed" | "waitlisted" };
    }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const parsed = MoveSchema.safeParse(Object.fromEntries(await request.formData()));
  badRequestUnless(parsed.success);
  const { rows } = listParticipants(cohort.id);
  const { registrationId, to } = parsed.data!.move;
  notFoundUnless(rows.some((r) => r.registrationId === registrationId));
  const t = await i18next.getFixedT(request);
  const back = `/cohorts/${cohort.slug}/participants${new URL(request.url).search}`;
  try {
    await moveRegistration(registrationId, to, user.id);
    return redirectWithToast(back, { kind: "success", message: t("registration.participants.moved") });
  } catch (error) {
    if (error instanceof RegistrationError) return redirectWithToast(back, { kind: "warning", message: t(error.messageKey) });
    throw error;
  }
}

// The page's fixed texts, translated once per language (see fixedPageTexts): 30 t() calls a request were
// about 0.4 ms of its CPU.
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
] as const;
const usePageTexts = fixedPageTexts((t) => ({
  text: Object.fromEntries(FIXED_KEYS.map((k) => [k, t(k)])) as Record<(typeof FIXED_KEYS)[number], string>,
  professionLabels: labelMap(t, "common.professions", PROFESSIONS),
  statusLabels: labelMap(t, "registration.status", REGISTRATION_STATUSES),
  moveToWaitlist: withName(t, "registration.participants.moveToWaitlist"),
  moveToConfirmed: withName(t, "registration.participants.moveToConfirmed"),
}));

export default function ParticipantsPage() {
  const { t } = useTranslation();
  const { cohort, rows, counts, municipalities } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = params.toString();
  const { professionLabels, statusLabels, moveToWaitlist, moveToConfirmed, text } = usePageTexts();
  // The table is one form (a Remix <Form> per row was a large share of this page's render, issue 7):
  // post the pressed row button to this route, keeping the filter in the URL, and navigate on the client.
  const moveAction = useFormAction();
  const submit = useSubmit();
  const submitMove = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null ?? event.currentTarget, { method: "post" });
  };
  return (
    <div className="stack">
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
        <form method="post" action={moveAction} className="table-wrap" onSubmit={submitMove}>
          {/* Plain elements with the Designsystemet classes (what Table, Tag and Button render): 60 rows of
              components and a Remix <Form> per row were most of this page's render (issue 7). */}
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
                        name="move"
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
        </form>
      )}
    </div>
  );
}
