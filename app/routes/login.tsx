import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useNavigation, useSearchParams } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "~/components/forms";
import { startSession, verifyLogin } from "~/utils/auth.server";
import { isAnyOrganiser, requireAnonymous } from "~/utils/permissions.server";
import { clientIp, throttledPasswordCheck } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { useLazyValidation } from "~/utils/lazy-validation";
import { localeCookie } from "~/i18next.server";
import { LOGIN_CONSTRAINT } from "~/schemas/constraints";
import { validateLogin } from "~/schemas/login";

export const meta: MetaFunction = () => [{ title: "Logg inn – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = validateLogin(await request.formData());
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const checked = await throttledPasswordCheck(email, clientIp(request), () => verifyLogin(email, password));
  if (checked.outcome !== "ok") {
    const minutes = checked.blockedMinutes;
    return data(
      {
        result: submission.reply({ formErrors: [minutes > 0 ? "auth.login.blocked" : "auth.login.invalid"], hideFields: ["password"] }),
        minutes,
      },
      { status: minutes > 0 ? 429 : 400 },
    );
  }
  const user = checked.value;
  // Without a page to return to, organisers and admins start in their workspace, not the participant dashboard.
  const response = await startSession(user, safeRedirect(redirectTo, isAnyOrganiser(user) ? "/organiser" : "/"));
  response.headers.append("Set-Cookie", await localeCookie.serialize(user.locale));
  return response;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/login").then((m) => m.validateLogin));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: LOGIN_CONSTRAINT,
    onValidate,
    shouldRevalidate: "onBlur",
  });
  const minutes = actionData && "minutes" in actionData ? actionData.minutes : 0;
  const formErrors = form.errors?.map((e) => t(e, { minutes }));
  return (
    <div className="stack" style={{ maxWidth: "32rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.login.title")}
      </Heading>
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <FormErrors errors={formErrors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.email} label={t("auth.fields.email")} type="email" autoComplete="email" />
        <TextField meta={fields.password} label={t("auth.fields.password")} type="password" autoComplete="current-password" />
        <div className="row">
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("common.sending") : t("auth.login.submit")}
          </Button>
          <Link to="/forgot-password">{t("auth.login.forgot")}</Link>
        </div>
      </Form>
      <Paragraph>
        {t("auth.login.noAccount")} <Link to="/signup">{t("auth.signup.title")}</Link>
      </Paragraph>
    </div>
  );
}
