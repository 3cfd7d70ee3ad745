import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { checkInWithCode } from "~/models/attendance.server";
import { requireUser } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/time";
import { useLazyValidation } from "~/utils/lazy-validation";
import { CHECKIN_CONSTRAINT } from "~/schemas/constraints";
import { validateCheckin } from "~/schemas/checkin";

export const meta: MetaFunction = () => [{ title: "Sjekk inn – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const code = new URL(request.url).searchParams.get("code") ?? "";
  return { code: code.slice(0, 20) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = validateCheckin(await request.formData());
  if (submission.status !== "success") return data({ result: submission.reply(), outcome: null }, { status: 400 });
  const r = checkInWithCode(submission.value.code, user.id);
  if (r.ok) {
    return { result: submission.reply({ resetForm: true }), outcome: { ok: true as const, key: r.already ? "attendance.checkin.already" : "attendance.checkin.success", values: { number: r.eveningNumber, cohort: r.cohortTitle } } };
  }
  const values: Record<string, string | number> = { ...r.reason.values };
  for (const k of ["opensAt", "closesAt"] as const) {
    if (typeof values[k] === "string") values[k.replace("At", "")] = formatDateTime(new Date(values[k] as string), user.locale);
  }
  return data({ result: submission.reply({ formErrors: [r.reason.key] }), outcome: { ok: false as const, key: r.reason.key, values } }, { status: 400 });
}

export default function CheckinPage() {
  const { t } = useTranslation();
  const { code } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/checkin").then((m) => m.validateCheckin));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { code },
    constraint: CHECKIN_CONSTRAINT,
    onValidate,
    shouldValidate: "onSubmit",
  });
  const outcome = actionData?.outcome;
  return (
    <div className="stack" style={{ maxWidth: "30rem" }}>
      <Heading level={1} data-size="lg">
        {t("attendance.checkin.title")}
      </Heading>
      <Paragraph>{t("attendance.checkin.intro")}</Paragraph>
      {outcome ? (
        <Alert data-color={outcome.ok ? "success" : "danger"} role={outcome.ok ? "status" : "alert"}>
          {t(outcome.key, outcome.values)}
        </Alert>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.code} label={t("attendance.checkin.code")} autoComplete="off" />
        <div>
          <Button type="submit" data-size="lg" disabled={navigation.state === "submitting"}>
            {t("attendance.checkin.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
