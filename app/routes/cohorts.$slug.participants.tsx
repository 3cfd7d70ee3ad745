import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button, Heading, Paragraph, Table, Tag } from "@digdir/designsystemet-react";
import { Field, Label, Select } from "@digdir/designsystemet-react";
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
import { labelMap, withName } from "~/utils/texts";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Deltakere – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const { rows, counts } = listParticipants(cohort.id, parseFilter(new URL(request.url)));
  return {
    cohort: { id: cohort.id, slug: cohort.slug, title: cohort.title },
    rows: rows.map(({ queuedAt: _, ...r }) => r),
    counts,
    municipalities: listParticipantMunicipalities(cohort.id),
  };
}

const MoveSchema = z.object({ registrationId: z.coerce.number().int(), to: z.enum(["confirmed", "waitlisted"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const parsed = MoveSchema.safeParse(Object.fromEntries(await request.formData()));
  badRequestUnless(parsed.success);
  const { rows } = listParticipants(cohort.id);
  notFoundUnless(rows.some((r) => r.registrationId === parsed.data!.registrationId));
  const t = await i18next.getFixedT(request);
  const back = `/cohorts/${cohort.slug}/participants${new URL(request.url).search}`;
  try {
    await moveRegistration(parsed.data!.registrationId, parsed.data!.to, user.id);
    return redirectWithToast(back, { kind: "success", message: t("registration.participants.moved") });
  } catch (error) {
    if (error instanceof RegistrationError) return redirectWithToast(back, { kind: "warning", message: t(error.messageKey) });
    throw error;
  }
}

export default function ParticipantsPage() {
  const { t } = useTranslation();
  const { cohort, rows, counts, municipalities } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const query = params.toString();
  // Translated once for the table, not per row (see labelMap).
  const professionLabels = labelMap(t, "common.professions", PROFESSIONS);
  const statusLabels = labelMap(t, "registration.status", REGISTRATION_STATUSES);
  const moveToWaitlist = withName(t, "registration.participants.moveToWaitlist");
  const moveToConfirmed = withName(t, "registration.participants.moveToConfirmed");
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("registration.participants.title", { title: cohort.title })}
      </Heading>
      <div className="row">
        <Link to={`/cohorts/${cohort.slug}/manage`}>{t("registration.cohort.manage")}</Link>
        <a href={`/cohorts/${cohort.slug}/participants.csv${query ? `?${query}` : ""}`} download>
          {t("registration.participants.exportCsv")}
        </a>
        <a href={`/cohorts/${cohort.slug}/participants.xlsx${query ? `?${query}` : ""}`} download>
          {t("registration.participants.exportXlsx")}
        </a>
      </div>
      <Form method="get" className="row" aria-label={t("registration.participants.filter")}>
        <Field>
          <Label htmlFor="f-profession">{t("registration.participants.profession")}</Label>
          <Select id="f-profession" name="profession" defaultValue={params.get("profession") ?? ""}>
            <Select.Option value="">{t("registration.participants.allProfessions")}</Select.Option>
            {PROFESSIONS.map((p) => (
              <Select.Option key={p} value={p}>
                {professionLabels[p]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="f-status">{t("registration.participants.status")}</Label>
          <Select id="f-status" name="status" defaultValue={params.get("status") ?? ""}>
            <Select.Option value="">{t("registration.participants.allStatuses")}</Select.Option>
            {REGISTRATION_STATUSES.map((s) => (
              <Select.Option key={s} value={s}>
                {statusLabels[s]}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="f-municipality">{t("registration.participants.municipality")}</Label>
          <Select id="f-municipality" name="municipality" defaultValue={params.get("municipality") ?? ""}>
            <Select.Option value="">{t("registration.participants.allMunicipalities")}</Select.Option>
            {municipalities.map((m) => (
              <Select.Option key={m} value={m}>
                {m}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          {t("registration.participants.apply")}
        </Button>
      </Form>
      <Paragraph role="status" data-testid="participant-counts">
        {t("registration.participants.count", { count: counts.total })}.{" "}
        {t("registration.participants.counts", { confirmed: counts.confirmed, waitlisted: counts.waitlisted })}
      </Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t("registration.participants.none")}</Paragraph>
      ) : (
        <div className="table-wrap">
          <Table zebra>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("registration.participants.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.profession")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.hpr")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.practice")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.municipality")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.email")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.status")}</Table.HeaderCell>
                <Table.HeaderCell>{t("registration.participants.actions")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r) => (
                <Table.Row key={r.registrationId}>
                  <Table.Cell>{r.name}</Table.Cell>
                  <Table.Cell>{professionLabels[r.profession] ?? t(`common.professions.${r.profession}`)}</Table.Cell>
                  <Table.Cell>{r.hprNumber}</Table.Cell>
                  <Table.Cell>{r.practice}</Table.Cell>
                  <Table.Cell>{r.municipality}</Table.Cell>
                  <Table.Cell>{r.email}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={r.status === "confirmed" ? "success" : r.status === "waitlisted" ? "warning" : "neutral"}>
                      {statusLabels[r.status] ?? t(`registration.status.${r.status}`)}
                    </Tag>
                    {r.position ? ` #${r.position}` : null}
                  </Table.Cell>
                  <Table.Cell>
                    {r.status === "confirmed" || r.status === "waitlisted" ? (
                      <Form method="post">
                        <input type="hidden" name="registrationId" value={r.registrationId} />
                        <input type="hidden" name="to" value={r.status === "confirmed" ? "waitlisted" : "confirmed"} />
                        <Button type="submit" variant="tertiary" data-size="sm">
                          {r.status === "confirmed" ? moveToWaitlist(r.name) : moveToConfirmed(r.name)}
                        </Button>
                      </Form>
                    ) : null}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </div>
  );
}
