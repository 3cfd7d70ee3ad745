import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField, TextField } from "~/components/forms";
import { createUser, EmailTakenError, findUserByEmail } from "~/models/accounts.server";
import { startSession } from "~/utils/auth.server";
import { requireAnonymous } from "~/utils/permissions.server";
import { safeRedirect } from "~/utils/redirect";
import i18next, { localeCookie } from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { toastHeader } from "~/utils/toast.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { SIGNUP_CONSTRAINT } from "~/schemas/constraints";
import { validateSignup } from "~/schemas/signup";

export const meta: MetaFunction = () => [{ title: "Opprett konto – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = validateSignup(await request.formData());
  const hidden = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  const { confirmPassword: _, redirectTo, ...input } = submission.value;
  const emailTaken = () =>
    data(
      { result: submission.reply({ fieldErrors: { email: ["auth.signup.emailTaken"] }, hideFields: hidden }) },
      { status: 400 },
    );
  if (findUserByEmail(input.email)) return emailTaken();
  const locale = toAppLocale(await i18next.getLocale(request));
  let user;
  try {
    user = await createUser({ ...input, locale });
  } catch (error) {
    if (error instanceof EmailTakenError) return emailTaken(); // a double submit raced the check above
    throw error;
  }
  const t = await i18next.getFixedT(locale);
  const response = await startSession(user, safeRedirect(redirectTo, "/"));
  response.headers.append("Set-Cookie", await localeCookie.serialize(locale));
  response.headers.append("Set-Cookie", await toastHeader({ kind: "success", message: t("auth.signup.welcome") }));
  return response;
}

export default function SignupPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { onValidate, triggerProps, validateOn } = useLazyValidation(() => import("~/schemas/signup").then((m) => m.validateSignup));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: SIGNUP_CONSTRAINT,
    onValidate,
    shouldValidate: validateOn("onBlur"),
    shouldRevalidate: validateOn("onInput"),
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="stack" style={{ maxWidth: "36rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.signup.title")}
      </Heading>
      <Paragraph>{t("auth.signup.intro")}</Paragraph>
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.name} label={t("auth.fields.name")} autoComplete="name" />
        <TextField meta={fields.email} label={t("auth.fields.email")} type="email" autoComplete="email" />
        <SelectField
          meta={fields.profession}
          label={t("auth.fields.profession")}
          placeholder="—"
          options={(["gp", "physio", "other"] as const).map((p) => ({ value: p, label: t(`common.professions.${p}`) }))}
        />
        <TextField meta={fields.hprNumber} label={t("auth.fields.hprNumber")} description={t("auth.fields.hprHint")} />
        <TextField meta={fields.practice} label={t("auth.fields.practice")} autoComplete="organization" />
        <TextField meta={fields.municipality} label={t("auth.fields.municipality")} autoComplete="address-level2" />
        <TextField meta={fields.phone} label={t("auth.fields.phone")} type="tel" autoComplete="tel" />
        <TextField
          meta={fields.password}
          label={t("auth.fields.password")}
          description={t("auth.fields.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <TextField meta={fields.confirmPassword} label={t("auth.fields.confirmPassword")} type="password" autoComplete="new-password" />
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("common.sending") : t("auth.signup.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        {t("auth.signup.haveAccount")} <Link to="/login">{t("auth.login.title")}</Link>
      </Paragraph>
    </div>
  );
}
