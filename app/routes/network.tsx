import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert, Button, Card, Details, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { PersonFacts, usePersonFactLabels } from "~/components/person-facts";
import { labelMap, withName } from "~/utils/texts";
import { PROFESSIONS } from "../../db/enums";
import { z } from "zod";
import { isParticipant, NetworkError, searchDirectory, sendContactRequest } from "~/models/network.server";
import { requireUser } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import i18next from "~/i18next.server";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Nettverket – Knutepunkt" }];

const SearchSchema = z.object({
  q: z.string().trim().max(120).optional().catch(undefined),
  municipality: z.string().trim().max(80).optional().catch(undefined),
  profession: z.enum(["gp", "physio", "other"]).optional().catch(undefined),
  competence: z.string().trim().max(120).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

const ContactSchema = z.object({
  toUserId: z.coerce.number().int().positive(),
  message: z.string().trim().min(1, { error: "validation.required" }).max(1000, { error: "validation.tooLong" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = SearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = searchDirectory({ ...query, profession: query.profession });
  return {
    query: {
      q: query.q ?? "",
      municipality: query.municipality ?? "",
      profession: query.profession ?? "",
      competence: query.competence ?? "",
    },
    result,
    me: {
      id: user.id,
      directoryOptIn: user.directoryOptIn,
      canContact: isParticipant(user.id),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await i18next.getFixedT(request);
  const parsed = ContactSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "partners.network.messageRequired", toUserId: null }, { status: 400 });
  try {
    await sendContactRequest({
      fromUserId: user.id,
      toUserId: parsed.data.toUserId,
      message: parsed.data.message,
    });
  } catch (error) {
    if (error instanceof NetworkError)
      return data(
        {
          error: `partners.network.errors.${error.code}`,
          toUserId: parsed.data.toUserId,
        },
        { status: 409 }
      );
    throw error;
  }
  const url = new URL(request.url);
  return redirectWithToast(`/network${url.search}`, {
    kind: "success",
    message: t("partners.network.sent"),
  });
}

export default function NetworkPage() {
  const { t } = useTranslation();
  const { query, result, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  // Translated once for the page, not per card (see labelMap).
  const factLabels = usePersonFactLabels();
  const professionLabels = labelMap(t, "common.professions", PROFESSIONS);
  const cardTexts = {
    partnership: t("partners.network.partnership"),
    message: t("partners.network.message"),
    noPatientData: t("common.noPatientData"),
    send: t("partners.network.send"),
    contact: withName(t, "partners.network.contact"),
  };
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("partners.network.title")}
        </Heading>
        <Paragraph>{t("partners.network.intro")}</Paragraph>
        {!me.directoryOptIn ? (
          <Paragraph className="muted">
            {t("partners.network.notListed")} <Link to="/profile">{t("partners.page.editProfile")}</Link>
          </Paragraph>
        ) : null}
      </div>
      {actionData?.error ? (
        <Alert data-color="danger" role="alert">
          {t(actionData.error)}
        </Alert>
      ) : null}
      <Form method="get" role="search" className="row filters" aria-label={t("partners.network.search")}>
        <Textfield name="q" label={t("partners.network.name")} defaultValue={query.q} />
        <Textfield name="municipality" label={t("partners.fields.municipality")} defaultValue={query.municipality} />
        <Field>
          <Label htmlFor="n-profession">{t("partners.page.filterProfession")}</Label>
          <Select id="n-profession" name="profession" defaultValue={query.profession}>
            <Select.Option value="">{t("partners.page.all")}</Select.Option>
            {(["gp", "physio", "other"] as const).map((p) => (
              <Select.Option key={p} value={p}>
                {t(`common.professionsPlural.${p}`)}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Textfield name="competence" label={t("partners.fields.specialCompetence")} defaultValue={query.competence} />
        <Button type="submit">{t("partners.network.searchButton")}</Button>
      </Form>
      <Paragraph role="status">{t("partners.network.count", { count: result.total })}</Paragraph>
      <ul className="grid-cards plain-list">
        {result.rows.map((r) => (
          <li key={r.id}>
            <Card aria-labelledby={`n-${r.id}`} className="network-card">
              <Card.Block>
                <Heading level={2} data-size="xs" id={`n-${r.id}`}>
                  {r.name}
                </Heading>
                <div className="row">
                  <Tag data-color={r.profession === "gp" ? "brand1" : "brand2"}>{professionLabels[r.profession]}</Tag>
                </div>
                <PersonFacts person={r} labels={factLabels}>
                  {r.partnerships.map((p) => (
                    <div key={p.partnershipId}>
                      <dt>{cardTexts.partnership}</dt>
                      <dd>
                        {p.partners.map((x) => `${x.name} (${professionLabels[x.profession]})`).join(", ") || "–"}{" "}
                        <span className="muted">– {p.cohortTitle}</span>
                      </dd>
                    </div>
                  ))}
                </PersonFacts>
              </Card.Block>
              {me.canContact && r.id !== me.id ? (
                <Details>
                  <Details.Summary>{cardTexts.contact(r.name)}</Details.Summary>
                  <Details.Content>
                    <Form method="post" className="form">
                      <input type="hidden" name="toUserId" value={r.id} />
                      <Textfield
                        name="message"
                        label={cardTexts.message}
                        description={cardTexts.noPatientData}
                        multiline
                        rows={3}
                        required
                        maxLength={1000}
                        error={actionData?.toUserId === r.id ? t(actionData.error) : undefined}
                      />
                      <Button type="submit" disabled={navigation.state === "submitting"}>
                        {cardTexts.send}
                      </Button>
                    </Form>
                  </Details.Content>
                </Details>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
      <Pagination page={result.page} pages={result.pages} label={t("partners.network.pagination")} />
    </div>
  );
}
