import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, useActionData, useLoaderData } from "react-router";
import { parseWithZod } from "@conform-to/zod/v4";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { OfferForm } from "~/components/offer-form";
import { toAppLocale } from "~/i18n";
import i18next from "~/i18next.server";
import { createOffer, listTreatmentForms, OfferError } from "~/models/offers/offers.server";
import { OfferSchema } from "~/models/offers/rules";
import { requireNetworkMember } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Nytt tilbud – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireNetworkMember(request);
  const locale = toAppLocale(await i18next.getLocale(request));
  return { forms: listTreatmentForms(locale), municipality: user.municipality ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireNetworkMember(request);
  const submission = parseWithZod(await request.formData(), { schema: OfferSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    createOffer(user.id, submission.value);
  } catch (error) {
    if (error instanceof OfferError) return data({ result: submission.reply({ fieldErrors: { formIds: [`offers.errors.${error.code}`] } }) }, { status: 400 });
    throw error;
  }
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/network/offers/mine", { kind: "success", message: t("offers.created") });
}

export default function NewOfferPage() {
  const { t } = useTranslation();
  const { forms, municipality } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("offers.addTitle")}
      </Heading>
      <Paragraph>{t("offers.mineIntro")}</Paragraph>
      <OfferForm forms={forms} defaults={{ municipality, published: "on" }} lastResult={actionData?.result} />
    </div>
  );
}
