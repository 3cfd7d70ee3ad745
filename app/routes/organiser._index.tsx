import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Button, Card, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { listOrganisedCohorts } from "~/models/cohorts/pages.server";
import { organiserTodos } from "~/models/cohorts/organiser-overview.server";
import { formatDateTime } from "~/utils/time";
import { requireAnyOrganiser } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Kursansvarlig – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyOrganiser(request);
  const cohorts = listOrganisedCohorts(user);
  const todos = organiserTodos(cohorts.map((c) => c.id));
  return {
    cohorts: cohorts.map((c) => {
      const todo = todos.get(c.id)!;
      return {
        ...c,
        ...todo,
        nextEvening: todo.nextEvening ? { ...todo.nextEvening, when: formatDateTime(todo.nextEvening.startsAt) } : null,
      };
    }),
  };
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
      <div className="row">
        <Button asChild>
          <Link to="/organiser/cohorts/new">{t("registration.organiser.create")}</Link>
        </Button>
        <Button asChild variant="secondary">
          <Link to="/organiser/meetings/new">{t("meetings.create.link")}</Link>
        </Button>
      </div>
      {cohorts.length === 0 ? (
        <Paragraph>{t("registration.organiser.none")}</Paragraph>
      ) : (
        <div className="grid-cards">
          {cohorts.map((c) => (
            <Card key={c.id} id={`kurs-${c.slug}`}>
              <div className="stack-sm">
                <Heading level={2} data-size="xs">
                  <Link to={`/cohorts/${c.slug}`}>{c.title}</Link>
                </Heading>
                <Paragraph className="muted">{c.siteName}</Paragraph>
                <div>
                  <Tag>{t(`registration.organiser.status.${c.status}`)}</Tag>
                </div>
                <Paragraph>{t("registration.organiser.confirmedCount", { gp: c.confirmedGp, physio: c.confirmedPhysio })}</Paragraph>
                <Paragraph data-size="sm">
                  {c.nextEvening
                    ? t("organiserHome.nextEvening", { number: c.nextEvening.number, theme: c.nextEvening.theme, when: c.nextEvening.when })
                    : t("organiserHome.noNextEvening")}
                </Paragraph>
                <Todos slug={c.slug} todo={c} />
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

function Todos({
  slug,
  todo,
}: {
  slug: string;
  todo: { unmarkedEvenings: { number: number; missing: number }[]; unpaired: number; openSurveys: number; certificatesToIssue: number };
}) {
  const { t } = useTranslation();
  const base = `/cohorts/${slug}`;
  const items = [
    ...todo.unmarkedEvenings.map((e) => ({
      key: `evening-${e.number}`,
      to: `${base}/evenings/${e.number}/attendance`,
      text: t("organiserHome.unmarked", { number: e.number, count: e.missing }),
    })),
    ...(todo.unpaired ? [{ key: "unpaired", to: `${base}/matching`, text: t("organiserHome.unpaired", { count: todo.unpaired }) }] : []),
    ...(todo.openSurveys ? [{ key: "surveys", to: `${base}/surveys`, text: t("organiserHome.openSurveys", { count: todo.openSurveys }) }] : []),
    ...(todo.certificatesToIssue
      ? [{ key: "certificates", to: `${base}/credits`, text: t("organiserHome.certificates", { count: todo.certificatesToIssue }) }]
      : []),
  ];
  return (
    <div className="stack-sm">
      <Heading level={3} data-size="2xs">
        {t("organiserHome.todos")}
      </Heading>
      {items.length === 0 ? (
        <Paragraph data-size="sm">{t("organiserHome.nothingToDo")}</Paragraph>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.key}>
              <Link to={i.to}>{i.text}</Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
