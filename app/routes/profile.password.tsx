import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Heading } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/forms";
import { changePassword } from "~/models/accounts.server";
import { createSession, sessionCookie } from "~/utils/auth.server";
import { requireUser } from "~/utils/permissions.server";
import { throttledPasswordCheck } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { CHANGE_PASSWORD_CONSTRAINT } from "~/schemas/constraints";
import { validateChangePassword } from "~/schemas/account";
import i18next from "~/i18next.server";

export const meta: MetaFunction = () => [{ title: "Endre passord – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = validateChangePassword(await request.formData());
  const hideFields = ["currentPassword", "password", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }) }, { status: 400 });
  const { currentPassword, password } = submission.value;
  const checked = await throttledPasswordCheck(user.email, null, () => changePassword(user.id, currentPassword, password));
  if (checked.outcome !== "ok") {
    const blocked = checked.blockedMinutes > 0;
    return data(
      {
        result: submission.reply({ fieldErrors: { currentPassword: [blocked ? "auth.password.blocked" : "auth.password.wrongCurrent"] }, hideFields }),
        minutes: checked.blockedMinutes,
      },
      { status: blocked ? 429 : 400 },
    );
  }
  // Every session ended with the change; this device gets a fresh one, of the new generation.
  const { token } = await createSession(user.id, checked.value);
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/profile", { kind: "success", message: t("auth.password.done") }, {
    headers: { "Set-Cookie": await sessionCookie.serialize(token) },
  });
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/account").then((m) => m.validateChangePassword));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: CHANGE_PASSWORD_CONSTRAINT,
    onValidate,
  });
  return (
    <div className="stack" style={{ maxWidth: "32rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.password.title")}
      </Heading>
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.currentPassword} label={t("auth.fields.currentPassword")} type="password" autoComplete="current-password" />
        <TextField meta={fields.password} label={t("auth.fields.newPassword")} description={t("auth.fields.passwordHint")} type="password" autoComplete="new-password" />
        <TextField meta={fields.confirmPassword} label={t("auth.fields.confirmPassword")} type="password" autoComplete="new-password" />
        <div>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth.password.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
