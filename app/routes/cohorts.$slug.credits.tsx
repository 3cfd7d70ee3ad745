import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Button, Card, Heading, Paragraph, Table, Tag, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, TextField } from "~/components/forms";
import { TableWrap } from "~/components/table-wrap";
import { getCreditRules, saveCreditRule } from "~/models/credits.server";
import {
  CohortNotFinishedError,
  cohortFinished,
  issueCertificates,
  listCertificates,
  previewCertificates,
  reissueCertificate,
  revokeCertificate,
} from "~/models/certificates.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { formatDate } from "~/utils/time";
import { courseHoursText, formatPercent, formatReasonValues } from "~/utils/numbers";
import i18next from "~/i18next.server";
import { PROFESSIONS, type Profession } from "../../db/enums";
import { OrganiserNav } from "~/components/organiser-nav";

const num = (min: number, max: number) =>
  z.number({ error: "validation.number" }).min(min, { error: "validation.invalid" }).max(max, { error: "validation.invalid" });

export const RuleSchema = z.object({
  intent: z.literal("rule"),
  profession: z.enum(PROFESSIONS),
  label: z.string().trim().max(120, { error: "validation.tooLong" }).optional(),
  reference: z.string().trim().max(120, { error: "validation.tooLong" }).optional(),
  courseHourMinutes: num(10, 120).int({ error: "validation.invalid" }),
  minAttendancePercent: num(0, 100).int({ error: "validation.invalid" }),
  selfStudyHours: num(0, 200).optional(),
  maxHours: num(0, 500).optional(),
});
const OtherSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue") }),
  z.object({ intent: z.literal("revoke"), id: z.coerce.number().int(), reason: z.string().trim().max(300).optional() }),
  z.object({ intent: z.literal("reissue"), id: z.coerce.number().int() }),
]);

export const meta: MetaFunction = () => [{ title: "Kurstimer og kursbevis – Knutepunkt" }];

function professionsOf(cohort: { capacityOther: number }): Profession[] {
  return cohort.capacityOther > 0 ? [...PROFESSIONS] : ["gp", "physio"];
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const rules = getCreditRules(cohort.id);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    professions: professionsOf(cohort),
    rules,
    finished: cohortFinished(cohort.id),
    preview: previewCertificates(cohort.id).map((p) => ({
      userId: p.userId,
      name: p.name,
      profession: p.profession,
      hours: p.hours,
      attendedHours: p.attendedHours,
      attendancePercent: p.attendancePercent,
      qualifies: p.qualifies,
      reason: p.reason,
      hasCertificate: !!p.certificate,
    })),
    certificates: listCertificates(cohort.id).map((c) => ({ id: c.id, name: c.name, hours: c.hours, profession: c.profession, issuedAt: c.issuedAt, revokedAt: c.revokedAt })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cohort } = await requireCohortOrganiser(request, params.slug!);
  const formData = await request.formData();
  const t = await i18next.getFixedT(request);
  const here = `/cohorts/${cohort.slug}/credits`;
  if (formData.get("intent") === "rule") {
    const submission = parseWithZod(formData, { schema: RuleSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), profession: String(formData.get("profession")) }, { status: 400 });
    const v = submission.value;
    saveCreditRule(cohort.id, v.profession, {
      label: v.label ?? "",
      reference: v.reference ?? "",
      courseHourMinutes: v.courseHourMinutes,
      minAttendancePercent: v.minAttendancePercent,
      selfStudyHours: v.selfStudyHours ?? 0,
      maxHours: v.maxHours ?? null,
    });
    return redirectWithToast(here, { kind: "success", message: t("attendance.credits.ruleSaved") });
  }
  const parsed = OtherSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const v = parsed.data;
  const own = (id: number) => listCertificates(cohort.id).some((c) => c.id === id);
  if (v.intent === "issue") {
    try {
      const count = issueCertificates(cohort.id, user.id);
      return redirectWithToast(here, { kind: "success", message: t("attendance.credits.issuedCount", { count }) });
    } catch (e) {
      if (e instanceof CohortNotFinishedError)
        return redirectWithToast(here, { kind: "warning", message: t("attendance.credits.notFinished") });
      throw e;
    }
  }
  if (!own(v.id)) throw new Response("Not Found", { status: 404 });
  if (v.intent === "revoke") {
    revokeCertificate(v.id, v.reason ?? "");
    return redirectWithToast(here, { kind: "success", message: t("attendance.credits.revokedToast") });
  }
  const fresh = reissueCertificate(v.id, user.id);
  return redirectWithToast(here, fresh ? { kind: "success", message: t("attendance.credits.reissuedToast") } : { kind: "warning", message: t("attendance.credits.reissueFailed") });
}

function RuleForm({ profession, rule }: { profession: Profession; rule: ReturnType<typeof getCreditRules>[Profession] }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = actionData && "profession" in actionData && actionData.profession === profession;
  const [form, fields] = useForm({
    id: `rule-${profession}`,
    lastResult: mine ? actionData.result : undefined,
    defaultValue: {
      label: rule.label,
      reference: rule.reference,
      courseHourMinutes: String(rule.courseHourMinutes),
      minAttendancePercent: String(rule.minAttendancePercent),
      selfStudyHours: String(rule.selfStudyHours),
      maxHours: rule.maxHours == null ? "" : String(rule.maxHours),
    },
    constraint: getZodConstraint(RuleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RuleSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Card>
      <Form method="post" className="form" {...getFormProps(form)}>
        <Heading level={3} data-size="xs">
          {t("attendance.credits.ruleFor", { profession: t(`common.professionsPlural.${profession}`).toLowerCase() })}
        </Heading>
        <input type="hidden" name="intent" value="rule" />
        <input type="hidden" name="profession" value={profession} />
        <FormErrors errors={form.errors} />
        <TextField meta={fields.label} label={t("attendance.credits.label")} description={t("attendance.credits.labelHint")} />
        <TextField meta={fields.reference} label={t("attendance.credits.reference")} description={t("attendance.credits.referenceHint")} />
        <TextField meta={fields.courseHourMinutes} label={t("attendance.credits.courseHourMinutes")} type="number" />
        <TextField meta={fields.minAttendancePercent} label={t("attendance.credits.minAttendancePercent")} type="number" />
        <TextField meta={fields.selfStudyHours} label={t("attendance.credits.selfStudyHours")} type="number" />
        <TextField meta={fields.maxHours} label={t("attendance.credits.maxHours")} description={t("attendance.credits.maxHoursHint")} type="number" />
        <div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("attendance.credits.saveRule")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

export default function CreditsPage() {
  const { t, i18n } = useTranslation();
  const { cohort, professions, rules, finished, preview, certificates } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  const hours = (h: number, profession: Profession) => courseHoursText(t, h, rules[profession].courseHourMinutes, lang);
  return (
    <div className="stack">
      <OrganiserNav slug={cohort.slug} />
      <Paragraph className="muted">
        <Link to={`/cohorts/${cohort.slug}/attendance`}>{cohort.title}</Link>
      </Paragraph>
      <Heading level={1} data-size="lg">
        {t("attendance.credits.title")}
      </Heading>

      <section className="stack-sm" aria-labelledby="preview">
        <Heading level={2} data-size="md" id="preview">
          {t("attendance.credits.preview")}
        </Heading>
        <Paragraph>{t("attendance.credits.previewIntro")}</Paragraph>
        <TableWrap label={t("attendance.credits.previewTable")}>
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t("attendance.credits.name")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.credits.profession")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.credits.attendance")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.credits.hours")}</Table.HeaderCell>
                <Table.HeaderCell>{t("attendance.credits.result")}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {preview.map((p) => (
                <Table.Row key={p.userId}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{t(`common.professions.${p.profession}`)}</Table.Cell>
                  <Table.Cell>{formatPercent(p.attendancePercent, lang)}</Table.Cell>
                  <Table.Cell>{hours(p.qualifies ? p.hours : p.attendedHours, p.profession)}</Table.Cell>
                  <Table.Cell>
                    {p.qualifies ? (
                      <Tag data-color={p.hasCertificate ? "success" : "info"}>
                        {t(p.hasCertificate ? "attendance.credits.issued" : "attendance.credits.qualifies")}
                      </Tag>
                    ) : (
                      <span>{p.reason ? t(p.reason.key, formatReasonValues(p.reason.values, lang)) : null}</span>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableWrap>
        <Form method="post" className="stack-sm">
          <input type="hidden" name="intent" value="issue" />
          <Paragraph>{finished ? t("attendance.credits.issueHint") : t("attendance.credits.notFinished")}</Paragraph>
          <div>
            <Button type="submit" disabled={!finished}>
              {t("attendance.credits.issue")}
            </Button>
          </div>
        </Form>
      </section>

      <section className="stack-sm" aria-labelledby="certs">
        <Heading level={2} data-size="md" id="certs">
          {t("attendance.credits.certificates")}
        </Heading>
        {certificates.length === 0 ? (
          <Paragraph>{t("attendance.credits.certificatesEmpty")}</Paragraph>
        ) : (
          <ul className="stack-sm" style={{ listStyle: "none", padding: 0 }}>
            {certificates.map((c) => (
              <li key={c.id}>
                <Card>
                  <div className="row">
                    <strong>{c.name}</strong>
                    <span>{hours(c.hours, c.profession)}</span>
                    <span className="muted">
                      {t("attendance.credits.issuedAt")} {formatDate(c.issuedAt, lang)}
                    </span>
                    <Tag data-color={c.revokedAt ? "danger" : "success"}>
                      {t(c.revokedAt ? "attendance.credits.revoked" : "attendance.credits.valid")}
                    </Tag>
                    <a href={`/certificates/${c.id}.pdf`}>{t("attendance.credits.download")}</a>
                  </div>
                  <div className="row">
                    {c.revokedAt ? null : (
                      <Form method="post" className="row">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={c.id} />
                        <Textfield label={t("attendance.credits.revokeReason")} name="reason" data-size="sm" />
                        <Button type="submit" variant="secondary" data-color="danger" data-size="sm">
                          {t("attendance.credits.revoke")}
                        </Button>
                      </Form>
                    )}
                    <Form method="post">
                      <input type="hidden" name="intent" value="reissue" />
                      <input type="hidden" name="id" value={c.id} />
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t("attendance.credits.reissue")}
                      </Button>
                    </Form>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        )}
        <Heading level={3} data-size="xs">
          {t("attendance.credits.export")}
        </Heading>
        <div className="row">
          <a href={`/cohorts/${cohort.slug}/credits.csv`} download>
            {t("attendance.credits.exportCsv")}
          </a>
          <a href={`/cohorts/${cohort.slug}/credits.xlsx`} download>
            {t("attendance.credits.exportXlsx")}
          </a>
        </div>
      </section>

      <section className="stack-sm" aria-labelledby="rules">
        <Heading level={2} data-size="md" id="rules">
          {t("attendance.credits.rules")}
        </Heading>
        <Paragraph>{t("attendance.credits.rulesIntro")}</Paragraph>
        <div className="grid-cards">
          {professions.map((p) => (
            <RuleForm key={p} profession={p} rule={rules[p]} />
          ))}
        </div>
      </section>
    </div>
  );
}
