import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link } from "react-router";
import { Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Administrasjon – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

export default function AdminIndex() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("admin.title")}
      </Heading>
      <Paragraph>{t("admin.intro")}</Paragraph>
      <ul>
        <li>
          <Link to="/admin/outbox">{t("admin.outbox.title")}</Link>
        </li>
      </ul>
    </div>
  );
}
