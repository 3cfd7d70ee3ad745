import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import {
  Alert,
  Button,
  Checkbox,
  Details,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Tag,
  Textfield,
  ValidationMessage,
} from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { fieldErrorText, FormErrors } from "~/components/forms";
import { agreementRows, CHANNELS, MEETING_FORMATS } from "~/models/agreement-schema";
import { AgreementError, confirmAgreement, getAgreement, saveAgreementVersion } from "~/models/agreements.server";
import { requireAgreementAccess } from "~/utils/permissions.server";
import { appUrl } from "~/utils/env.server";
import { formatDate } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { useLazyFormsValidation } from "~/utils/lazy-validation";
import { AGREEMENT_CONSTRAINT } from "~/schemas/constraints";
import { ConfirmSchema, validateAgreement } from "~/schemas/agreement";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Samarbeidsavtale – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const { user, member, organiser } = await requireAgreementAccess(request, id);
  const version = Number(new URL(request.url).searchParams.get("version")) || undefined;
  const view = getAgreement(id, { version })!;
  // Rows, choices and dates are made here: the rows' module holds the agreement's zod schema, which
  // the page loads only when the form is used, and the page needs no date code.
  const t = await i18next.getFixedT(request);
  const locale = toAppLocale(await i18next.getLocale(request));
  const rows = view.version ? agreementRows(view.version.data, t, locale) : [];
  const dates = {
    version: view.version ? formatDate(view.version.createdAt, locale) : "",
    confirmed: Object.fromEntries(view.members.map((m) => [m.userId, m.confirmedAt ? formatDate(m.confirmedAt, locale) : ""])),
    history: Object.fromEntries(view.history.map((h) => [h.id, formatDate(h.createdAt, locale)])),
  };
  return { view, rows, dates, choices: { meetingFormats: MEETING_FORMATS, channels: CHANNELS }, me: user.id, member, organiser };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = Number(params.id);
  const { user, member } = await requireAgreementAccess(request, id);
  const t = await i18next.getFixedT(request);
  const formData = await request.formData();
  if (!member) return data({ result: null, error: "partners.agreement.errors.notMember" }, { status: 403 });
  const back = `/partnerships/${id}/agreement`;
  try {
    if (formData.get("intent") === "confirm") {
      const parsed = ConfirmSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return data({ formId: null, result: null, error: "validation.invalid" }, { status: 400 });
      confirmAgreement({
        partnershipId: id,
        versionId: parsed.data.versionId,
        userId: user.id,
      });
      return redirectWithToast(back, {
        kind: "success",
        message: t("partners.agreement.confirmed"),
      });
    }
    const submission = validateAgreement(formData);
    if (submission.status !== "success") return data({ formId: AGREEMENT_FORM, result: submission.reply(), error: null }, { status: 400 });
    const { intent: _intent, ...values } = submission.value;
    const row = await saveAgreementVersion({
      partnershipId: id,
      userId: user.id,
      data: values,
      baseUrl: appUrl(),
    });
    return redirectWithToast(back, {
      kind: "success",
      message: t("partners.agreement.saved", { version: row.version }),
    });
  } catch (error) {
    if (error instanceof AgreementError) return data({ formId: null, result: null, error: `partners.agreement.errors.${error.code}` }, { status: 409 });
    throw error;
  }
}

export default function AgreementPage() {
  const { t } = useTranslation();
  const { view, rows, dates, me, member, organiser } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = view.version;
  const myConfirmation = view.members.find((m) => m.userId === me)?.confirmedAt;
  const base = `/partnerships/${view.partnership.id}/agreement`;
  return (
    <div className="stack agreement" style={{ maxWidth: "48rem" }}>
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("partners.agreement.title")}
        </Heading>
        <Paragraph className="muted">{view.partnership.cohortTitle}</Paragraph>
        <Paragraph>{t("partners.agreement.intro")}</Paragraph>
        {!member && organiser ? <Alert data-color="info">{t("partners.agreement.readOnly")}</Alert> : null}
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}

      {v ? (
        <section className="stack-sm" aria-labelledby="status-heading">
          <Heading level={2} data-size="md" id="status-heading">
            {t("partners.agreement.versionLine", {
              version: v.version,
              date: dates.version,
            })}
          </Heading>
          {!v.isLatest ? (
            <Alert data-color="warning">
              {t("partners.agreement.olderVersion")} <Link to={base}>{t("partners.agreement.showLatest")}</Link>
            </Alert>
          ) : view.inForce ? (
            <Tag data-color="success" data-testid="agreement-status">
              {t("partners.agreement.inForce")}
            </Tag>
          ) : (
            <Tag data-color="warning" data-testid="agreement-status">
              {t("partners.agreement.notInForce")}
            </Tag>
          )}
          <dl>
            {rows.map(([label, value]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <div className="row no-print">
            <Link to={`${base}/print${v.isLatest ? "" : `?version=${v.version}`}`}>{t("partners.agreement.print")}</Link>
            <a href={`${base}.pdf${v.isLatest ? "" : `?version=${v.version}`}`} download>
              {t("partners.agreement.pdf")}
            </a>
          </div>
        </section>
      ) : (
        <Paragraph>{t("partners.agreement.none")}</Paragraph>
      )}

      <section className="stack-sm" aria-labelledby="members-heading">
        <Heading level={2} data-size="md" id="members-heading">
          {t("partners.agreement.members")}
        </Heading>
        <ul className="stack-sm">
          {view.members.map((m) => (
            <li key={m.userId}>
              {m.name}, {t(`common.professions.${m.profession}`)}
              {m.practice ? `, ${m.practice}` : ""}
              {m.phone ? ` (${m.phone})` : ""} –{" "}
              {v?.isLatest && m.confirmedAt ? (
                <Tag data-color="success">
                  {t("partners.agreement.confirmedOn", {
                    date: dates.confirmed[m.userId],
                  })}
                </Tag>
              ) : (
                <Tag data-color="neutral">{t("partners.agreement.notConfirmed")}</Tag>
              )}
            </li>
          ))}
        </ul>
        {member && v?.isLatest && !myConfirmation ? (
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="versionId" value={v.id} />
            <Button type="submit">{t("partners.agreement.confirm", { version: v.version })}</Button>
          </Form>
        ) : null}
      </section>

      {member ? (
        v ? (
          <Details className="no-print">
            <Details.Summary>{t("partners.agreement.edit")}</Details.Summary>
            <Details.Content>
              <AgreementForm defaults={v.data} />
            </Details.Content>
          </Details>
        ) : (
          <section className="stack-sm" aria-labelledby="form-heading">
            <Heading level={2} data-size="md" id="form-heading">
              {t("partners.agreement.create")}
            </Heading>
            <AgreementForm />
          </section>
        )
      ) : null}

      {view.history.length ? (
        <section className="stack-sm no-print" aria-labelledby="history-heading">
          <Heading level={2} data-size="md" id="history-heading">
            {t("partners.agreement.history")}
          </Heading>
          <ol reversed>
            {view.history.map((h) => (
              <li key={h.id}>
                <Link to={`${base}?version=${h.version}`} aria-current={h.version === v?.version ? "page" : undefined}>
                  {t("partners.agreement.historyItem", {
                    version: h.version,
                    date: dates.history[h.id],
                    author: h.createdBy ?? "–",
                    count: h.confirmations,
                  })}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}


const AGREEMENT_FORM = "agreement";

/**
 * The agreement form: plain Designsystemet fields with the lazily loaded validator of the partner finder
 * (no form library on the page, which keeps a phone's first visit light). Until the validator arrives, and
 * without JavaScript, the action validates and its reply puts the same messages next to the same fields
 * and keeps what was typed.
 */
function AgreementForm({ defaults }: { defaults?: Record<string, unknown> }) {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { choices } = useLoaderData<typeof loader>();
  const reply = actionData && "formId" in actionData ? actionData : undefined;
  const { formProps, errorsOf } = useLazyFormsValidation(() => import("~/schemas/agreement").then((m) => m.validateAgreement), reply);
  const errors = errorsOf(AGREEMENT_FORM) ?? {};
  const initial = ((reply?.formId === AGREEMENT_FORM ? reply.result?.initialValue : undefined) ?? defaults ?? {}) as Record<string, unknown>;
  const field = (name: keyof typeof AGREEMENT_CONSTRAINT) => ({
    name,
    id: `${AGREEMENT_FORM}-${name}`,
    required: AGREEMENT_CONSTRAINT[name].required || undefined,
    error: errors[name]?.[0] ? fieldErrorText(t, errors[name][0]) : undefined,
    initial: initial[name],
  });
  const hint = t("partners.agreement.noPatientData");
  return (
    <Form method="post" className="form" id={AGREEMENT_FORM} {...formProps}>
      <input type="hidden" name="intent" value="save" />
      <Alert data-color="warning">{hint}</Alert>
      <FormErrors errors={errors[""]} />
      <RadioGroup
        {...field("meetingFormat")}
        legend={t("partners.agreement.fields.meetingFormat")}
        options={choices.meetingFormats.map((f) => ({
          value: f,
          label: t(`partners.agreement.meetingFormats.${f}`),
        }))}
      />
      <AgreementText
        {...field("meetingFrequency")}
        label={t("partners.agreement.fields.meetingFrequency")}
        description={t("partners.agreement.fields.meetingFrequencyHint")}
      />
      <CheckboxGroup
        {...field("channels")}
        legend={t("partners.agreement.fields.channels")}
        options={choices.channels.map((c) => ({
          value: c,
          label: t(`partners.agreement.channels.${c}`),
        }))}
      />
      <AgreementText {...field("channelsOther")} label={t("partners.agreement.fields.channelsOther")} />
      <AgreementText
        {...field("responseTime")}
        label={t("partners.agreement.fields.responseTime")}
        description={t("partners.agreement.fields.responseTimeHint")}
      />
      <AgreementText {...field("firstAppointmentDays")} label={t("partners.agreement.fields.firstAppointmentDays")} type="number" />
      <AgreementText {...field("prioritisation")} label={t("partners.agreement.fields.prioritisation")} description={hint} multiline rows={3} />
      <AgreementText {...field("contactPersons")} label={t("partners.agreement.fields.contactPersons")} description={hint} multiline rows={3} />
      <AgreementText {...field("navCollaboration")} label={t("partners.agreement.fields.navCollaboration")} description={hint} multiline rows={3} />
      <AgreementText {...field("targetPatients")} label={t("partners.agreement.fields.targetPatients")} description={hint} multiline rows={3} />
      <AgreementText {...field("reviewDate")} label={t("partners.agreement.fields.reviewDate")} type="date" />
      <AgreementText {...field("notes")} label={t("partners.agreement.fields.notes")} description={hint} multiline rows={4} />
      <Button type="submit" disabled={navigation.state === "submitting"}>
        {t("partners.agreement.save")}
      </Button>
    </Form>
  );
}

type FieldProps = { name: string; id: string; required?: boolean; error?: string; initial: unknown };

function AgreementText({
  name,
  id,
  required,
  error,
  initial,
  label,
  description,
  type = "text",
  multiline,
  rows,
}: FieldProps & { label: string; description?: string; type?: "text" | "number" | "date"; multiline?: boolean; rows?: number }) {
  const defaultValue = typeof initial === "string" || typeof initial === "number" ? String(initial) : undefined;
  return multiline ? (
    <Textfield multiline rows={rows ?? 4} id={id} name={name} label={label} description={description} error={error} required={required} defaultValue={defaultValue} />
  ) : (
    <Textfield id={id} name={name} type={type} label={label} description={description} error={error} required={required} defaultValue={defaultValue} />
  );
}

function RadioGroup({ name, id, error, initial, legend, options }: FieldProps & { legend: string; options: { value: string; label: string }[] }) {
  const errorId = `${id}-error`;
  return (
    <Fieldset aria-describedby={error ? errorId : undefined}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((o) => (
        <Radio key={o.value} name={name} value={o.value} label={o.label} defaultChecked={initial === o.value} aria-invalid={error ? true : undefined} />
      ))}
      {error ? <ValidationMessage id={errorId}>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}

function CheckboxGroup({ name, id, error, initial, legend, options }: FieldProps & { legend: string; options: { value: string; label: string }[] }) {
  const errorId = `${id}-error`;
  const chosen = Array.isArray(initial) ? (initial as string[]) : initial ? [String(initial)] : [];
  return (
    <Fieldset aria-describedby={error ? errorId : undefined}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((o) => (
        <Checkbox key={o.value} name={name} value={o.value} label={o.label} defaultChecked={chosen.includes(o.value)} aria-invalid={error ? true : undefined} />
      ))}
      {error ? <ValidationMessage id={errorId}>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}
