import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, Link, useLoaderData, useNavigation } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { OfferCard } from "~/components/offer-card";
import { toAppLocale } from "~/i18n";
import i18next from "~/i18next.server";
import { confirmOffer, deleteOffer, myOffers, OfferError } from "~/models/offers/offers.server";
import { notFound, requireNetworkMember } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Mine tilbud – Knutepunkt" }];

const ActionSchema = z.object({ intent: z.enum(["confirm", "delete"]), offerId: z.coerce.number().int().positive() });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireNetworkMember(request);
  const locale = toAppLocale(await i18next.getLocale(request));
  return {
    offers: myOffers(user.id, locale).map((o) => ({ ...o, ownerName: user.name, ownerProfession: user.profession, practice: user.practice })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireNetworkMember(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const { intent, offerId } = parsed.data;
  try {
    if (intent === "confirm") confirmOffer(user.id, offerId);
    else deleteOffer(user.id, offerId);
  } catch (error) {
    if (error instanceof OfferError) notFound();
    throw error;
  }
  const t = await i18next.getFixedT(request);
  return redirectWithToast("/network/offers/mine", { kind: "success", message: t(intent === "confirm" ? "offers.confirmed" : "offers.deleted") });
}

export default function MyOffersPage() {
  const { t } = useTranslation();
  const { offers } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("offers.mine")}
        </Heading>
        <Paragraph>{t("offers.mineIntro")}</Paragraph>
        <Paragraph>
          <Link to="/network/offers/new">{t("offers.add")}</Link> · <Link to="/network/offers">{t("offers.title")}</Link>
        </Paragraph>
      </div>
      {offers.length === 0 ? <Paragraph>{t("offers.noneOfMine")}</Paragraph> : null}
      <ul className="grid-cards plain-list">
        {offers.map((o) => (
          <li key={o.id}>
            <OfferCard offer={o} headingLevel={2}>
              <div className="ds-card__block row">
                <span className="ds-tag" data-color={o.published ? "success" : "neutral"}>
                  {o.published ? t("offers.published") : t("offers.notPublished")}
                </span>
                <Form method="post">
                  <input type="hidden" name="offerId" value={o.id} />
                  <Button type="submit" name="intent" value="confirm" variant="secondary" disabled={busy}>
                    {t("offers.confirm")}
                  </Button>
                </Form>
                <Link to={`/network/offers/${o.id}`}>{t("offers.edit")}</Link>
                <Form method="post">
                  <input type="hidden" name="offerId" value={o.id} />
                  <Button type="submit" name="intent" value="delete" variant="tertiary" data-color="danger" disabled={busy}>
                    {t("offers.delete")}
                  </Button>
                </Form>
              </div>
            </OfferCard>
          </li>
        ))}
      </ul>
    </div>
  );
}
