import type { LoaderFunctionArgs, MetaFunction } from "react-router";
import { Link, useLoaderData } from "react-router";
import { Button, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import QRCode from "qrcode";
import { checkinWindow, ensureCheckinCode, getEvening } from "~/models/attendance.server";
import { notFound, requireCohortOrganiser } from "~/utils/permissions.server";
import { appUrl } from "~/utils/env.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Innsjekking – Knutepunkt" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await requireCohortOrganiser(request, params.slug!);
  const n = Number(params.n);
  const evening = Number.isSafeInteger(n) ? getEvening(cohort.id, n) : undefined;
  if (!evening) notFound();
  const code = ensureCheckinCode(evening.id);
  const base = appUrl();
  const url = `${base}/checkin?code=${code}`;
  // Rendered on the server by the qrcode package: an SVG string made only from our own URL.
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const w = checkinWindow(evening);
  return { cohort: { slug: cohort.slug, title: cohort.title }, number: evening.number, code, svg, shortUrl: `${base.replace(/^https?:\/\//, "")}/checkin`, opensAt: w.opensAt, closesAt: w.closesAt };
}

export default function CheckinScreen() {
  const { t, i18n } = useTranslation();
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ alignItems: "center", textAlign: "center" }}>
      <div className="row no-print">
        <Link to={`/cohorts/${d.cohort.slug}/evenings/${d.number}/attendance`}>{t("attendance.screen.back")}</Link>
        <Button type="button" variant="secondary" data-size="sm" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
          {t("attendance.screen.fullscreen")}
        </Button>
      </div>
      <Heading level={1} data-size="lg">
        {t("attendance.screen.title", { number: d.number })}
      </Heading>
      <Paragraph data-size="lg">{t("attendance.screen.instructions", { url: d.shortUrl })}</Paragraph>
      <p aria-label={t("attendance.screen.code")} style={{ fontSize: "clamp(3rem, 15vw, 9rem)", fontWeight: 700, letterSpacing: ".15em", margin: 0, fontFamily: "ui-monospace, monospace" }} data-testid="checkin-code">
        {d.code}
      </p>
      <div role="img" aria-label={t("attendance.screen.qr")} style={{ width: "min(80vw, 22rem)" }} dangerouslySetInnerHTML={{ __html: d.svg }} />
      <Paragraph className="muted">
        {t("attendance.screen.window", { opens: formatDateTime(d.opensAt, i18n.language), closes: formatDateTime(d.closesAt, i18n.language) })}
      </Paragraph>
    </div>
  );
}
