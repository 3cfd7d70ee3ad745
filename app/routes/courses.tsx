/**
 * /courses: every open course (published, registration not over), soonest first, 20 a page, optionally
 * at one place. Public. The front page shows the first few and links here.
 */
import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, Link, useLoaderData } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { FilterSelect } from "~/components/filter-select";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CourseCards } from "~/components/course-cards";
import { Pagination } from "~/components/pagination";
import { courseCards, listSitesWithOpenCohorts, openCohortsPageOf } from "~/models/cohorts/catalogue.server";
import i18next from "~/i18next.server";
import { toAppLocale } from "~/i18n";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.metaTitle ?? "Knutepunkt" }];

const QuerySchema = z.object({
  // Anything that is not a number gives page 1; pageWindow turns the rest into the nearest real page.
  page: z.coerce.number().optional().catch(undefined),
  site: z
    .string()
    .trim()
    .max(80)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = toAppLocale(await i18next.getLocale(request));
  const t = await i18next.getFixedT(locale);
  const now = new Date();
  const sites = listSitesWithOpenCohorts(now);
  const result = openCohortsPageOf({ page: query.page, site: query.site }, now);
  return {
    courses: courseCards(result.rows, locale, now),
    total: result.total,
    page: result.page,
    pages: result.pages,
    site: query.site ?? "",
    sites,
    metaTitle: result.page > 1 ? t("courses.metaTitlePage", { page: result.page }) : t("courses.metaTitle"),
  };
}

export default function CoursesPage() {
  const { t } = useTranslation();
  const { courses, total, page, pages, site, sites } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="stack-sm">
        <Heading level={1} data-size="lg">
          {t("courses.title")}
        </Heading>
        <Paragraph>{t("courses.intro")}</Paragraph>
      </div>
      {sites.length > 1 || site ? (
        <Form method="get" role="search" className="row course-filter" aria-label={t("courses.filter")}>
          <FilterSelect
            id="courses-site"
            name="site"
            label={t("courses.site")}
            allLabel={t("courses.allSites")}
            options={sites.map((s) => ({ value: s.slug, label: `${s.name} (${s.count})` }))}
            defaultValue={site}
          />
          <Button type="submit" variant="secondary">
            {t("courses.show")}
          </Button>
        </Form>
      ) : null}
      <Paragraph role="status" data-testid="courses-count">
        {t("courses.count", { count: total })}
      </Paragraph>
      {courses.length === 0 ? (
        <div className="stack-sm" data-testid="courses-empty">
          {site ? (
            <>
              <Paragraph>{t("courses.emptyAtSite")}</Paragraph>
              <Paragraph>
                <Link to="/courses">{t("courses.showAllSites")}</Link>
              </Paragraph>
            </>
          ) : (
            <>
              <Paragraph>{t("courses.empty")}</Paragraph>
              <Paragraph>
                <Link to="/">{t("courses.backHome")}</Link>
              </Paragraph>
            </>
          )}
        </div>
      ) : (
        <CourseCards courses={courses} headingLevel={2} />
      )}
      <Pagination page={page} pages={pages} label={t("courses.pagination")} />
    </div>
  );
}
