import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Alert, Button, Heading } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { isResetTokenValid, resetPassword } from "~/models/accounts.server";
import { createSession, sessionCookie } from "~/utils/auth.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { RESET_PASSWORD_CONSTRAINT } from "~/schemas/constraints";
import { validateReset } from "~/schemas/account";
import i18next from "~/i18next.server";

export const meta: MetaFunction = () => [{ title: "Nytt passord – Knutepunkt" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: isResetTokenValid(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = validateReset(await request.formData());
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const reset = await resetPassword(params.token ?? "", submission.value.password);
  if (!reset) {
    return data({ result: submission.reply({ formErrors: ["auth.reset.invalidLink"], hideFields }) }, { status: 400 });
  }
  const { token } = await createSession(reset.userId, reset.sessionGeneration);
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/", { kind: "success", message: t("auth.reset.done") }, {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/account").then((m) => m.validateReset));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: RESET_PASSWORD_CONSTRAINT,
    onValidate,
  });
  if (!valid && !actionData) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t("auth.reset.title")}
        </Heading>
        <Alert data-color="warning">{t("auth.reset.invalidLink")}</Alert>
        <Link to="/forgot-password">{t("auth.forgot.title")}</Link>
      </div>
    );
  }
  return (
    <div className="stack" style={{ maxWidth: "32rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.reset.title")}
      </Heading>
      {form.errors?.length ? <Alert data-color="danger">{t(form.errors[0]!)}</Alert> : null}
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.password} label={t("auth.fields.newPassword")} description={t("auth.fields.passwordHint")} type="password" autoComplete="new-password" />
        <TextField meta={fields.confirmPassword} label={t("auth.fields.confirmPassword")} type="password" autoComplete="new-password" />
        <div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth.reset.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
