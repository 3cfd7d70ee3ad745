/**
 * Sign-up for a cohort. GET (after log-in or account creation) shows one confirm button; POST signs
 * the person up and sends them back to the cohort page with their status.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { getCohortBySlug } from "~/models/cohorts/pages.server";
import { getRegistration, RegistrationError, signUp } from "~/models/registration.server";
import i18next from "~/i18next.server";
import { notFound, requireUser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Knutepunkt` : "Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug!);
  if (!cohort || cohort.status === "draft") notFound();
  const existing = getRegistration(cohort.id, user.id);
  if (existing && (existing.status === "confirmed" || existing.status === "waitlisted")) throw redirect(`/cohorts/${cohort.slug}`);
  return { title: cohort.title, slug: cohort.slug };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohort = getCohortBySlug(params.slug!);
  if (!cohort || cohort.status === "draft") notFound();
  const t = await i18next.getFixedT(request);
  const back = `/cohorts/${cohort.slug}`;
  try {
    const before = getRegistration(cohort.id, user.id);
    const wasActive = before?.status === "confirmed" || before?.status === "waitlisted";
    const { registration, position } = await signUp(cohort.id, user.id);
    const message = wasActive
      ? t("registration.cohort.alreadySignedUp")
      : registration.status === "confirmed"
        ? t("registration.cohort.signedUpConfirmed")
        : t("registration.cohort.signedUpWaitlisted", { position });
    return redirectWithToast(back, { kind: registration.status === "confirmed" ? "success" : "info", message });
  } catch (error) {
    if (error instanceof RegistrationError) return redirectWithToast(back, { kind: "warning", message: t(error.messageKey) });
    throw error;
  }
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const { title, slug } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>
        <Link to={`/cohorts/${slug}`}>{t("registration.dashboard.openCohort")}</Link>
      </Paragraph>
      <Form method="post">
        <Button type="submit">{t("registration.cohort.signUp")}</Button>
      </Form>
    </div>
  );
}
