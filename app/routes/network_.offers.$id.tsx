import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, useActionData, useLoaderData } from "react-router";
import { parseWithZod } from "@conform-to/zod/v4";
import { Heading } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { OfferForm } from "~/components/offer-form";
import { toAppLocale } from "~/i18n";
import i18next from "~/i18next.server";
import { getOwnOffer, listTreatmentForms, OfferError, updateOffer } from "~/models/offers/offers.server";
import { OfferSchema } from "~/models/offers/rules";
import { notFound, requireNetworkMember } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Endre tilbudet – Knutepunkt" }];

const Params = z.object({ id: z.coerce.number().int().positive() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireNetworkMember(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  const offer = getOwnOffer(user.id, parsed.data.id);
  if (!offer) notFound();
  const locale = toAppLocale(await i18next.getLocale(request));
  return {
    forms: listTreatmentForms(locale),
    defaults: {
      formIds: offer.formIds.map(String),
      description: offer.description,
      municipality: offer.municipality,
      address: offer.address,
      takesNewPatients: offer.takesNewPatients ? ("yes" as const) : ("no" as const),
      waitingWeeks: offer.waitingWeeks === null ? "" : String(offer.waitingWeeks),
      contactChannel: offer.contactChannel,
      contactDetail: offer.contactDetail,
      published: offer.published ? ("on" as const) : ("" as const),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireNetworkMember(request);
  const parsed = Params.safeParse(params);
  if (!parsed.success) notFound();
  // Someone else's offer is not found, whatever was sent.
  if (!getOwnOffer(user.id, parsed.data.id)) notFound();
  const submission = parseWithZod(await request.formData(), { schema: OfferSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    updateOffer(user.id, parsed.data.id, submission.value);
  } catch (error) {
    if (error instanceof OfferError && error.code === "notFound") notFound();
    if (error instanceof OfferError) return data({ result: submission.reply({ fieldErrors: { formIds: [`offers.errors.${error.code}`] } }) }, { status: 400 });
    throw error;
  }
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/network/offers/mine", { kind: "success", message: t("offers.saved") });
}

export default function EditOfferPage() {
  const { t } = useTranslation();
  const { forms, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("offers.editTitle")}
      </Heading>
      <OfferForm forms={forms} defaults={defaults} lastResult={actionData?.result} />
    </div>
  );
}
