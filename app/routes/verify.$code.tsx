import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { data, useLoaderData } from "react-router";
import { useTranslation } from "react-i18next";
import { verifyCode } from "~/models/certificates.server";
import { formatDate } from "~/utils/time";
import { courseHoursText, formatNumber } from "~/utils/numbers";

export const meta: MetaFunction = () => [{ title: "Kontroller kursbevis – Knutepunkt" }, { name: "robots", content: "noindex" }];

/** Public: anyone holding the code may see whether the certificate is valid. Unknown codes say nothing more. */
export async function loader({ params }: LoaderFunctionArgs) {
  const found = verifyCode(params.code ?? "");
  const headers = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };
  if (!found) return data({ found: null }, { status: 404, headers });
  return data(
    {
      found: {
        name: found.name,
        courseTitle: found.courseTitle,
        cohortTitle: found.cohortTitle,
        hours: found.hours,
        approvingBody: found.approvingBody,
        approvalReference: found.approvalReference,
        courseHourMinutes: found.courseHourMinutes,
        eveningsAttended: found.eveningsAttended,
        issuedAt: found.issuedAt,
        revoked: !!found.revokedAt,
      },
    },
    { headers },
  );
}

// Plain elements with the Designsystemet classes (what Heading, Paragraph and Alert render): this public
// page is public and should cost no more to render than the log-in page.
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { found } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  if (!found) {
    return (
      <div className="stack" style={{ maxWidth: "40rem" }}>
        <h1 className="ds-heading" data-size="lg">
          {t("attendance.verify.notFoundTitle")}
        </h1>
        <p className="ds-paragraph">{t("attendance.verify.notFoundBody")}</p>
      </div>
    );
  }
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <h1 className="ds-heading" data-size="lg">
        {t("attendance.verify.title")}
      </h1>
      <div className="ds-alert" data-color={found.revoked ? "danger" : "success"}>
        <h2 className="ds-heading" data-size="xs">
          {t(found.revoked ? "attendance.verify.revoked" : "attendance.verify.valid")}
        </h2>
      </div>
      <dl className="stack-sm">
        <div>
          <dt className="muted">{t("attendance.verify.name")}</dt>
          <dd>{found.name}</dd>
        </div>
        <div>
          <dt className="muted">{t("attendance.verify.course")}</dt>
          <dd>
            {found.courseTitle} – {found.cohortTitle}
          </dd>
        </div>
        <div>
          <dt className="muted">{t("attendance.verify.hours")}</dt>
          <dd>{courseHoursText(t, found.hours, found.courseHourMinutes, lang)}</dd>
          <dd className="muted">{t("common.courseHours.definition", { minutes: formatNumber(found.courseHourMinutes, lang) })}</dd>
        </div>
        {found.approvingBody ? (
          <div>
            <dt className="muted">{t("attendance.verify.approvingBody")}</dt>
            <dd>
              {found.approvingBody}
              {found.approvalReference ? ` (${t("attendance.verify.reference")}: ${found.approvalReference})` : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt className="muted">{t("attendance.verify.evenings", { count: found.eveningsAttended.length })}</dt>
          <dd>
            <ul className="places">
              {found.eveningsAttended.map((e) => (
                <li key={e.number}>
                  {t("attendance.verify.evening", { number: e.number, date: formatDate(e.startsAt, lang) })}
                  {e.partialMinutes == null ? null : ` (${t("attendance.verify.partial", { minutes: formatNumber(e.partialMinutes, lang) })})`}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt className="muted">{t("attendance.verify.issuedAt")}</dt>
          <dd>{formatDate(found.issuedAt, lang)}</dd>
        </div>
      </dl>
    </div>
  );
}
