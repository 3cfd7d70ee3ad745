import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, useActionData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { CheckboxField, TextField } from "~/components/forms";
import { deleteAccount } from "~/models/privacy.server";
import { sessionCookie, verifyLogin } from "~/utils/auth.server";
import { requireUser } from "~/utils/permissions.server";
import { throttledPasswordCheck } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { DELETE_ACCOUNT_CONSTRAINT } from "~/schemas/constraints";
import { validateDelete } from "~/schemas/account";

export const meta: MetaFunction = () => [{ title: "Slett kontoen – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = validateDelete(await request.formData());
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  const { password } = submission.value;
  const checked = await throttledPasswordCheck(user.email, null, () => verifyLogin(user.email, password));
  if (checked.outcome !== "ok") {
    const blocked = checked.blockedMinutes > 0;
    return data(
      {
        result: submission.reply({ fieldErrors: { password: [blocked ? "auth.password.blocked" : "auth.deleteAccount.wrongPassword"] }, hideFields: ["password"] }),
        minutes: checked.blockedMinutes,
      },
      { status: blocked ? 429 : 400 },
    );
  }
  await deleteAccount(user.id);
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/", { kind: "info", message: t("auth.deleteAccount.done") }, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

export default function DeleteAccountPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps } = useLazyValidation(() => import("~/schemas/account").then((m) => m.validateDelete));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: DELETE_ACCOUNT_CONSTRAINT,
    onValidate,
  });
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.deleteAccount.title")}
      </Heading>
      <Paragraph>{t("auth.deleteAccount.intro")}</Paragraph>
      <ul>
        {(["what1", "what2", "what3", "what4", "what5", "what6", "what7"] as const).map((k) => (
          <li key={k}>{t(`auth.deleteAccount.${k}`)}</li>
        ))}
      </ul>
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.password} label={t("auth.deleteAccount.password")} type="password" autoComplete="current-password" />
        <CheckboxField meta={fields.confirm} label={t("auth.deleteAccount.confirm")} />
        {fields.confirm.errors?.length ? <Paragraph data-color="danger">{t(fields.confirm.errors[0]!)}</Paragraph> : null}
        <div>
          <Button type="submit" data-color="danger" disabled={navigation.state === "submitting"}>
            {t("auth.deleteAccount.submit")}
          </Button>
        </div>
      </Form>
    </div>
  );
}
