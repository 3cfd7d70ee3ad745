import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "react-router";
import { getFormProps, useForm } from "@conform-to/react";
import { Button, Card, Checkbox, Fieldset, Heading, Paragraph } from "@digdir/designsystemet-react";
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
import { CohortSlug, validateSignup } from "~/schemas/signup";
import { courseForSignup, joinCourseAfterSignup } from "~/models/cohorts/signup.server";

export const meta: MetaFunction = () => [{ title: "Opprett konto – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // From a course page: `?cohort=<slug>`, shown on the form and signed up for with the account.
  const slug = CohortSlug.safeParse(new URL(request.url).searchParams.get("cohort"));
  const locale = toAppLocale(await i18next.getLocale(request));
  return { course: slug.success ? courseForSignup(slug.data, locale) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = validateSignup(await request.formData());
  const hidden = ["password", "confirmPassword"];
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  const { confirmPassword: _, redirectTo, cohort, ...input } = submission.value;
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
  // With a course, the account and the sign-up are one step: the person lands on the course's
  // confirmation (confirmed or waitlisted, with what to do next), or on the course page saying why not.
  const joined = cohort ? await joinCourseAfterSignup(cohort, user.id) : null;
  const to = joined ? (joined.joined ? `/cohorts/${joined.slug}/register` : `/cohorts/${joined.slug}`) : safeRedirect(redirectTo, "/");
  const response = await startSession(user, to);
  response.headers.append("Set-Cookie", await localeCookie.serialize(locale));
  const toast = joined && !joined.joined ? { kind: "warning" as const, message: t(joined.messageKey) } : { kind: "success" as const, message: t("auth.signup.welcome") };
  response.headers.append("Set-Cookie", await toastHeader(toast));
  return response;
}

export default function SignupPage() {
  const { t } = useTranslation();
  const { course } = useLoaderData<typeof loader>();
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
      {course ? <CourseSummary course={course} /> : <Paragraph>{t("auth.signup.intro")}</Paragraph>}
      <Form method="post" className="form" {...getFormProps(form)} {...triggerProps}>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        {course ? <input type="hidden" name="cohort" value={course.slug} /> : null}
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
        <Fieldset>
          <Fieldset.Legend>{t("auth.signup.visibilityLegend")}</Fieldset.Legend>
          {/*
            A <div>, not Fieldset.Description: Designsystemet makes a description part of the group's name, and
            this one names the profile fields. Each box points to it instead.
          */}
          <div id="visibility-what" className="ds-paragraph" data-size="sm">
            {t("auth.signup.visibilityWhat")}
          </div>
          {/* Unticked until the person ticks them: being seen is their choice, not a default. */}
          <Checkbox name="partnerProfileOptIn" value="on" label={t("auth.fields.partnerProfileOptIn")} defaultChecked={false} aria-describedby="visibility-what" />
          <Checkbox name="directoryOptIn" value="on" label={t("auth.fields.directoryOptIn")} defaultChecked={false} aria-describedby="visibility-what" />
        </Fieldset>
        <div>
          {/*
            A press on the button would first take the focus from the field being typed in; that field's
            blur check can then show an error above the button and move it away before the press ends, so
            the click is lost. Keeping the focus where it is lets the click submit (and the submit checks
            every field).
          */}
          <Button type="submit" disabled={busy} onMouseDown={(e) => e.preventDefault()}>
            {busy ? t("common.sending") : t("auth.signup.submit")}
          </Button>
        </div>
      </Form>
      <Paragraph>
        {t("auth.signup.haveAccount")}{" "}
        <Link to={course ? `/login?${new URLSearchParams({ redirectTo: `/cohorts/${course.slug}/register` })}` : "/login"}>{t("auth.login.title")}</Link>
      </Paragraph>
    </div>
  );
}

/** The course the account is made for, kept in view while filling in the form. */
function CourseSummary({ course }: { course: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["course"]> }) {
  const { t } = useTranslation();
  return (
    <Card data-color="accent" data-testid="signup-course">
      <div className="stack-sm">
        <Paragraph data-size="sm">{t("auth.signup.forCourse")}</Paragraph>
        <Heading level={2} data-size="sm">
          {course.title}
        </Heading>
        {course.siteName ? <Paragraph>{course.siteName}</Paragraph> : null}
        {course.evenings.length ? (
          <ul aria-label={t("registration.cohort.evenings")}>
            {course.evenings.map((e) => (
              <li key={e.number}>
                {t("registration.cohort.eveningN", { n: e.number })}: {e.when}
              </li>
            ))}
          </ul>
        ) : null}
        <Paragraph>{t(course.window === "open" ? "auth.signup.courseIntro" : "auth.signup.courseNotOpen")}</Paragraph>
      </div>
    </Card>
  );
}
