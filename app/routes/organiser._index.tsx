import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { listOrganisedCohorts } from "~/models/cohorts/pages.server";
import { requireAnyOrganiser } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Kursansvarlig – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyOrganiser(request);
  return { cohorts: listOrganisedCohorts(user) };
}

export default function OrganiserHome() {
  const { t } = useTranslation();
  const { cohorts } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("registration.organiser.title")}
      </Heading>
      <Paragraph>{t("registration.organiser.intro")}</Paragraph>
      <div>
        <Button asChild>
          <Link to="/organiser/cohorts/new">{t("registration.organiser.create")}</Link>
        </Button>
      </div>
      {cohorts.length === 0 ? (
        <Paragraph>{t("registration.organiser.none")}</Paragraph>
      ) : (
        <div className="grid-cards">
          {cohorts.map((c) => (
            <Card key={c.id}>
              <div className="stack-sm">
                <Heading level={2} data-size="xs">
                  <Link to={`/cohorts/${c.slug}`}>{c.title}</Link>
                </Heading>
                <Paragraph className="muted">{c.siteName}</Paragraph>
                <div>
                  <Tag>{t(`registration.organiser.status.${c.status}`)}</Tag>
                </div>
                <Paragraph>{t("registration.organiser.confirmedCount", { gp: c.confirmedGp, physio: c.confirmedPhysio })}</Paragraph>
                <div className="row">
                  <Link to={`/cohorts/${c.slug}/manage`}>{t("registration.organiser.manage")}</Link>
                  <Link to={`/cohorts/${c.slug}/participants`}>{t("registration.organiser.participants")}</Link>
                </div>
              </div>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
