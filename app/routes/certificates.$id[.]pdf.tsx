import type { LoaderFunctionArgs } from "react-router";
import { renderCertificatePdf } from "~/models/certificates.server";
import { notFound, requireCertificateAccess } from "~/utils/permissions.server";
import { appUrl } from "~/utils/env.server";

/** The certificate PDF: for its owner, the cohort's organisers and admins. Others get 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: cert } = await requireCertificateAccess(request, Number(params.id));
  const pdf = await renderCertificatePdf(cert.id, appUrl());
  if (!pdf) notFound();
  return new Response(pdf as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="kursbevis-${cert.id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
