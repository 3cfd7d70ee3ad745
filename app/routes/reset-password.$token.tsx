import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Heading } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { isResetTokenValid, resetPassword } from "~/models/accounts.server";
import { createSession, sessionCookie } from "~/utils/auth.server";
import { redirectWithToast } from "~/utils/toast.server";
import { PasswordSchema } from "~/utils/user-validation";
import i18next from "~/i18next.server";

const ResetSchema = z
  .object({ password: PasswordSchema, confirmPassword: z.string({ error: "validation.required" }) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], error: "auth.signup.passwordMismatch" });

export const meta: MetaFunction = () => [{ title: "Nytt passord – Knutepunkt" }];

export async function loader({ params }: LoaderFunctionArgs) {
  return { valid: isResetTokenValid(params.token ?? "") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
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
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ResetSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
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
      <Form method="post" className="form" {...getFormProps(form)}>
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
