import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { useLoaderData } from "react-router";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { OrganiserNav } from "~/components/organiser-nav";
import { TableWrap } from "~/components/table-wrap";
import { listEvenings } from "~/models/cohorts/pages.server";
import { cohortCollaborationSummary, COLLABORATION_K } from "~/models/collaboration-log.server";
import { requireCohortOrganiser } from "~/utils/permissions.server";
import { CONTACT_FORMS } from "../../db/enums";

export const meta: MetaFunction = () => [{ title: "Samarbeid etter kurset – Knutepunkt" }];

/** Organisers see the cohort's collaboration logs only as figures over at least COLLABORATION_K partnerships. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  return {
    cohort: { slug: cohort.slug, title: cohort.title },
    eveningNumbers: listEvenings(cohort.id).map((e) => e.number),
    k: COLLABORATION_K,
    summary: cohortCollaborationSummary(cohort.id),
  };
}

export default function CohortCollaboration() {
  const { t } = useTranslation();
  const { cohort, eveningNumbers, k, summary } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("collaboration.organiser.title")}
        </Heading>
        <Paragraph className="muted">{cohort.title}</Paragraph>
        <OrganiserNav slug={cohort.slug} eveningNumbers={eveningNumbers} />
        <Paragraph>{t("collaboration.organiser.intro")}</Paragraph>
      </div>
      {summary.tooFew ? (
        <Alert data-color="info" data-testid="collaboration-too-few">
          {t("collaboration.organiser.tooFew", { k, count: summary.partnerships })}
        </Alert>
      ) : (
        <section className="stack-sm" data-testid="collaboration-summary">
          <Paragraph>{t("collaboration.organiser.partnerships", { count: summary.partnerships })}</Paragraph>
          <Paragraph>
            {t("collaboration.organiser.recent", { percent: summary.recentShare, count: summary.withRecentContact, total: summary.partnerships })}
          </Paragraph>
          <TableWrap labelledBy="per-form-heading">
            <table className="ds-table">
              <caption id="per-form-heading">{t("collaboration.organiser.perForm")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("collaboration.organiser.form")}</th>
                  <th scope="col">{t("collaboration.organiser.contacts")}</th>
                </tr>
              </thead>
              <tbody>
                {CONTACT_FORMS.map((f) => (
                  <tr key={f}>
                    <td>{t(`collaboration.forms.${f}`)}</td>
                    <td>{summary.perForm[f]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
    </div>
  );
}
