import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Alert, Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { requestPasswordReset } from "~/models/accounts.server";
import { appUrl } from "~/utils/env.server";
import { EmailSchema } from "~/utils/user-validation";

const ForgotSchema = z.object({ email: EmailSchema });

export const meta: MetaFunction = () => [{ title: "Glemt passord – Knutepunkt" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await requestPasswordReset(submission.value.email, appUrl());
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ForgotSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
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
      <Form method="post" className="form" {...getFormProps(form)}>
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
