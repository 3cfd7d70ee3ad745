import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { agreementRows } from "~/models/agreement-schema";
import { getAgreement } from "~/models/agreements.server";
import { requireAgreementAccess } from "~/utils/permissions.server";
import { formatDate } from "~/utils/time";
import partnersCss from "~/styles/partners.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: partnersCss }];
export const meta: MetaFunction = () => [{ title: "Samarbeidsavtale (utskrift) – Knutepunkt" }];

/** A clean A4 print view of one version (the latest unless ?version=N). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  await requireAgreementAccess(request, id);
  const version = Number(new URL(request.url).searchParams.get("version")) || undefined;
  return { view: getAgreement(id, { version })! };
}

export default function AgreementPrint() {
  const { t, i18n } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const v = view.version;
  return (
    <article className="stack agreement agreement-print">
      <div className="row no-print">
        <Link to={`/partnerships/${view.partnership.id}/agreement`}>{t("partners.agreement.back")}</Link>
        <Button type="button" variant="secondary" onClick={() => window.print()}>
          {t("partners.agreement.printNow")}
        </Button>
      </div>
      <Heading level={1} data-size="lg">
        {t("partners.agreement.title")}
      </Heading>
      <Paragraph>{view.partnership.cohortTitle}</Paragraph>
      {v ? (
        <>
          <Paragraph>
            {t("partners.agreement.versionLine", { version: v.version, date: formatDate(v.createdAt, i18n.language) })}.{" "}
            <strong>{view.inForce ? t("partners.agreement.inForce") : t("partners.agreement.notInForce")}</strong>
          </Paragraph>
          <Heading level={2} data-size="sm">
            {t("partners.agreement.members")}
          </Heading>
          <ul>
            {view.members.map((m) => (
              <li key={m.userId}>
                {m.name}, {t(`common.professions.${m.profession}`)}
                {m.practice ? `, ${m.practice}` : ""}
                {m.municipality ? ` (${m.municipality})` : ""} –{" "}
                {v.isLatest && m.confirmedAt
                  ? t("partners.agreement.confirmedOn", { date: formatDate(m.confirmedAt, i18n.language) })
                  : t("partners.agreement.notConfirmed")}
              </li>
            ))}
          </ul>
          <dl>
            {agreementRows(v.data, t, i18n.language).map(([label, value]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <Paragraph>{t("partners.agreement.none")}</Paragraph>
      )}
      <Paragraph data-size="sm" className="muted">
        {t("common.footer.noPatientData")}
      </Paragraph>
    </article>
  );
}
