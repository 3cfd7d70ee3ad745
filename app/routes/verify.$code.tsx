import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Heading, Paragraph } from "@digdir/designsystemet-react";
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

export default function VerifyPage() {
  const { t, i18n } = useTranslation();
  const { found } = useLoaderData<typeof loader>();
  if (!found) {
    return (
      <div className="stack" style={{ maxWidth: "40rem" }}>
        <Heading level={1} data-size="lg">
          {t("attendance.verify.notFoundTitle")}
        </Heading>
        <Paragraph>{t("attendance.verify.notFoundBody")}</Paragraph>
      </div>
    );
  }
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <Heading level={1} data-size="lg">
        {t("attendance.verify.title")}
      </Heading>
      <Alert data-color={found.revoked ? "danger" : "success"}>
        <Heading level={2} data-size="xs">
          {t(found.revoked ? "attendance.verify.revoked" : "attendance.verify.valid")}
        </Heading>
      </Alert>
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
          <dd>{found.hours.toLocaleString(i18n.language === "en" ? "en-GB" : "nb-NO")}</dd>
        </div>
        <div>
          <dt className="muted">{t("attendance.verify.issuedAt")}</dt>
          <dd>{formatDate(found.issuedAt, i18n.language)}</dd>
        </div>
      </dl>
    </div>
  );
}
