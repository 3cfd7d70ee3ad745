import type { ActionFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { requestPasswordReset } from "~/models/accounts.server";
import { appUrl } from "~/utils/env.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { FORGOT_PASSWORD_CONSTRAINT } from "~/schemas/constraints";
import { validateForgot } from "~/schemas/account";

export const meta: MetaFunction = () => [{ title: "Glemt passord – Knutepunkt" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = validateForgot(await request.formData());
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(submission.value.email, appUrl());
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/account").then((m) => m.validateForgot));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: FORGOT_PASSWORD_CONSTRAINT,
    onValidate,
  });
  return (
    <div className="stack" style={{ maxWidth: "32rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.forgot.title")}
      </Heading>
      <Paragraph>{t("auth.forgot.intro")}</Paragraph>
      {actionData?.sent ? (
        <Alert data-color="success" role="status">
          {t("auth.forgot.sent")}
        </Alert>
      ) : null}
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.email} label={t("auth.fields.email")} type="email" autoComplete="email" />
        <div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth.forgot.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
