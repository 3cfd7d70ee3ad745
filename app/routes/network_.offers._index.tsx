import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { Alert, Button, Checkbox, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CardForm, keepDataWhenOnlyOpenChanges, useOpenCard, withoutOpen } from "~/components/card-form";
import { FilterSelect } from "~/components/filter-select";
import { PlainTextareaField } from "~/components/forms";
import { OfferCard } from "~/components/offer-card";
import { Pagination } from "~/components/pagination";
import { toAppLocale } from "~/i18n";
import i18next from "~/i18next.server";
import { NetworkError, sendContactRequest } from "~/models/network.server";
import { listTreatmentForms, offerMunicipalityChoices, searchOffers } from "~/models/offers/offers.server";
import { requireNetworkMember } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Tilbud i nettverket – Knutepunkt" }];
export const shouldRevalidate = keepDataWhenOnlyOpenChanges;

const SearchSchema = z.object({
  form: z.coerce.number().int().positive().optional().catch(undefined),
  municipality: z.string().trim().max(80).optional().catch(undefined),
  neighbours: z.literal("1").optional().catch(undefined),
  takesNew: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const ContactSchema = z.object({
  offerId: z.coerce.number().int().positive(),
  toUserId: z.coerce.number().int().positive(),
  message: z.string().trim().min(1).max(1000),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireNetworkMember(request);
  const locale = toAppLocale(await i18next.getLocale(request));
  const query = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = searchOffers(
    { formId: query.form, municipality: query.municipality || undefined, neighbours: !!query.neighbours, takesNew: !!query.takesNew, page: query.page },
    locale
  );
  return {
    query: { form: query.form ? String(query.form) : "", municipality: query.municipality ?? "", neighbours: !!query.neighbours, takesNew: !!query.takesNew },
    forms: listTreatmentForms(locale),
    municipalities: offerMunicipalityChoices(),
    result,
    me: { id: user.id },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireNetworkMember(request);
  const t = await i18next.getFixedT(request);
  const parsed = ContactSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "partners.network.messageRequired", offerId: null }, { status: 400 });
  try {
    await sendContactRequest({ fromUserId: user.id, ...parsed.data });
  } catch (error) {
    if (error instanceof NetworkError) return data({ error: `partners.network.errors.${error.code}`, offerId: parsed.data.offerId }, { status: 409 });
    throw error;
  }
  return redirectWithToast(withoutOpen(new URL(request.url)), { kind: "success", message: t("partners.network.sent") });
}

export default function OffersPage() {
  const { t } = useTranslation();
  const { query, forms, municipalities, result, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const { openId, hrefFor, followToggle } = useOpenCard();
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("offers.title")}
        </Heading>
        <Paragraph>{t("offers.intro")}</Paragraph>
        <Paragraph>
          <Link to="/network/offers/mine">{t("offers.mine")}</Link> · <Link to="/network">{t("partners.network.title")}</Link>
        </Paragraph>
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}
      <Form method="get" role="search" className="row filters" aria-label={t("offers.search")}>
        <FilterSelect
          id="o-form"
          name="form"
          label={t("offers.form")}
          allLabel={t("offers.allForms")}
          options={forms.map((f) => ({ value: String(f.id), label: f.name }))}
          defaultValue={query.form}
        />
        <FilterSelect id="o-municipality" name="municipality" label={t("offers.municipality")} allLabel={t("offers.allMunicipalities")} options={municipalities} defaultValue={query.municipality} />
        <Checkbox name="neighbours" value="1" label={t("offers.neighbours")} defaultChecked={query.neighbours} />
        <Checkbox name="takesNew" value="1" label={t("offers.takesNew")} defaultChecked={query.takesNew} />
        <Button type="submit">{t("offers.searchButton")}</Button>
      </Form>
      <Paragraph role="status">{result.total === 0 ? t("offers.none") : t("offers.count", { count: result.total })}</Paragraph>
      {/* Clicks on a card's open and close links (plain links: see useOpenCard) come here. */}
      <ul className="grid-cards plain-list" onClick={followToggle}>
        {result.rows.map((o) => (
          <li key={o.id}>
            <OfferCard offer={o} headingLevel={2}>
              {o.userId !== me.id ? (
                <CardForm
                  id={o.id}
                  formId={`o-${o.id}-form`}
                  open={openId === o.id || actionData?.offerId === o.id}
                  hrefFor={hrefFor}
                  openLabel={t("offers.contact", { name: o.ownerName })}
                  closeLabel={t("common.cancel")}
                >
                  <Form method="post" className="form" id={`o-${o.id}-form`}>
                    <input type="hidden" name="offerId" value={o.id} />
                    <input type="hidden" name="toUserId" value={o.userId} />
                    <PlainTextareaField
                      id={`o-${o.id}-message`}
                      label={t("partners.network.message")}
                      description={t("common.noPatientData")}
                      error={actionData?.error && actionData.offerId === o.id ? t(actionData.error) : undefined}
                      name="message"
                      rows={3}
                      required
                      maxLength={1000}
                      autoFocus
                    />
                    <button className="ds-button" type="submit" disabled={submitting} suppressHydrationWarning>
                      {t("partners.network.send")}
                    </button>
                  </Form>
                </CardForm>
              ) : null}
            </OfferCard>
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pages={result.pages} label={t("offers.pagination")} />
    </div>
  );
}
