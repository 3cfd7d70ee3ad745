import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField } from "~/components/forms";
import { updateProfile } from "~/models/accounts.server";
import { requireUser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { useLazyValidation } from "~/utils/lazy-validation";
import { PROFILE_CONSTRAINT } from "~/schemas/constraints";
import { validateProfile } from "~/schemas/profile";
import i18next, { localeCookie } from "~/i18next.server";

export const meta: MetaFunction = () => [{ title: "Min profil – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    profile: {
      name: user.name,
      email: user.email,
      profession: user.profession,
      hprNumber: user.hprNumber ?? "",
      practice: user.practice ?? "",
      municipality: user.municipality ?? "",
      phone: user.phone ?? "",
      specialCompetence: user.specialCompetence ?? "",
      about: user.about ?? "",
      partnerProfileOptIn: user.partnerProfileOptIn,
      directoryOptIn: user.directoryOptIn,
      locale: user.locale,
      notifyEveningReminders: user.notifyEveningReminders,
      notifyPartnerReminders: user.notifyPartnerReminders,
      notifySurveyReminders: user.notifySurveyReminders,
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = validateProfile(await request.formData());
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  updateProfile(user.id, {
    ...v,
    hprNumber: v.hprNumber || null,
    practice: v.practice || null,
    municipality: v.municipality || null,
    phone: v.phone || null,
    specialCompetence: v.specialCompetence || null,
    about: v.about || null,
  });
  const t = await i18next.getFixedT(v.locale);
  return redirectWithToast("/profile", { kind: "success", message: t("auth.profile.saved") }, {
    headers: { "Set-Cookie": await localeCookie.serialize(v.locale) },
  });
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { onValidate, triggerProps, validateOn } = useLazyValidation(() => import("~/schemas/profile").then((m) => m.validateProfile));
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: {
      ...profile,
      partnerProfileOptIn: profile.partnerProfileOptIn ? "on" : undefined,
      directoryOptIn: profile.directoryOptIn ? "on" : undefined,
      notifyEveningReminders: profile.notifyEveningReminders ? "on" : undefined,
      notifyPartnerReminders: profile.notifyPartnerReminders ? "on" : undefined,
      notifySurveyReminders: profile.notifySurveyReminders ? "on" : undefined,
    },
    constraint: PROFILE_CONSTRAINT,
    onValidate,
    shouldValidate: validateOn("onBlur"),
  });
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <Heading level={1} data-size="lg">
        {t("auth.profile.title")}
      </Heading>
      <Paragraph>{t("auth.profile.intro")}</Paragraph>
      <Paragraph className="muted">
        {t("auth.fields.email")}: {profile.email}
      </Paragraph>
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <TextField meta={fields.name} label={t("auth.fields.name")} autoComplete="name" />
        <SelectField
          meta={fields.profession}
          label={t("auth.fields.profession")}
          options={(["gp", "physio", "other"] as const).map((p) => ({ value: p, label: t(`common.professions.${p}`) }))}
        />
        <TextField meta={fields.hprNumber} label={t("auth.fields.hprNumber")} description={t("auth.fields.hprHint")} />
        <TextField meta={fields.practice} label={t("auth.fields.practice")} />
        <TextField meta={fields.municipality} label={t("auth.fields.municipality")} />
        <TextField meta={fields.phone} label={t("auth.fields.phone")} type="tel" />
        <TextField
          meta={fields.specialCompetence}
          label={t("auth.fields.specialCompetence")}
          description={t("auth.fields.specialCompetenceHint")}
        />
        <TextField meta={fields.about} label={t("auth.fields.about")} description={t("common.noPatientData")} multiline rows={4} />
        <Fieldset>
          <Fieldset.Legend>{t("auth.profile.visibility")}</Fieldset.Legend>
          <CheckboxField meta={fields.partnerProfileOptIn} label={t("auth.fields.partnerProfileOptIn")} />
          <CheckboxField meta={fields.directoryOptIn} label={t("auth.fields.directoryOptIn")} />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>{t("calendar.profile.legend")}</Fieldset.Legend>
          <CheckboxField meta={fields.notifyEveningReminders} label={t("calendar.profile.notifyEveningReminders")} />
          <CheckboxField meta={fields.notifyPartnerReminders} label={t("calendar.profile.notifyPartnerReminders")} />
          <CheckboxField meta={fields.notifySurveyReminders} label={t("calendar.profile.notifySurveyReminders")} />
        </Fieldset>
        <SelectField
          meta={fields.locale}
          label={t("auth.fields.locale")}
          options={[
            { value: "nb", label: t("common.language.nb") },
            { value: "en", label: t("common.language.en") },
          ]}
        />
        <div className="row">
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth.profile.submit")}
          </Button>
          <Link to="/profile/password">{t("auth.profile.changePassword")}</Link>
        </div>
      </Form>
      <section className="stack-sm" aria-labelledby="your-data">
        <Heading level={2} data-size="sm" id="your-data">
          {t("auth.profile.yourData")}
        </Heading>
        <Paragraph>{t("auth.profile.exportIntro")}</Paragraph>
        <a href="/profile/export" download>
          {t("auth.profile.exportData")}
        </a>
        <Link to="/profile/delete">{t("auth.deleteAccount.link")}</Link>
      </section>
    </div>
  );
}
