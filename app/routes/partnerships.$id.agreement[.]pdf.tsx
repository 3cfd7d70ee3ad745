import type { LoaderFunctionArgs } from "react-router";
import { agreementPdf, getAgreement } from "~/models/agreements.server";
import { requireAgreementAccess } from "~/utils/permissions.server";
import i18next from "~/i18next.server";

/** The agreement as an A4 PDF (pdf-lib, Helvetica/WinAnsi keeps æøå). Same access as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = Number(params.id);
  await requireAgreementAccess(request, id);
  const version = Number(new URL(request.url).searchParams.get("version")) || undefined;
  const view = getAgreement(id, { version })!;
  const locale = (await i18next.getLocale(request)) === "en" ? "en" : "nb";
  const bytes = await agreementPdf(view, locale);
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="samarbeidsavtale-${id}${view.version ? `-v${view.version.version}` : ""}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
