import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyCode } from "~/models/certificates.server";
import { formatDate } from "~/utils/time";

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
        issuedAt: found.issuedAt,
        revoked: !!found.revokedAt,
      },
    },
    { headers },
  );
}

/** One hours format per language (an Intl.NumberFormat costs more to make than the rest of the page). */
const hoursFormats = new Map<string, Intl.NumberFormat>();
function formatHours(hours: number, lang: string) {
  const locale = lang === "en" ? "en-GB" : "nb-NO";
  let f = hoursFormats.get(locale);
  if (!f) hoursFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f.format(hours);
}

// Plain elements with the Designsystemet classes (what Heading, Paragraph and Alert render): this public
// page must cost no more than the log-in page (issue 7).
export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { found } = useLoaderData<typeof loader>();
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
          <dd>{formatHours(found.hours, i18n.language)}</dd>
        </div>
        <div>
          <dt className="muted">{t("attendance.verify.issuedAt")}</dt>
          <dd>{formatDate(found.issuedAt, i18n.language)}</dd>
        </div>
      </dl>
    </div>
  );
}
