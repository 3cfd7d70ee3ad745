import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCertificate, renderCertificatePdf } from "~/models/certificates.server";
import { isOrganiserOf, notFound, requireUser } from "~/utils/permissions.server";
import { appUrl } from "~/utils/env.server";

/** The certificate PDF: for its owner, the cohort's organisers and admins. Others get 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = Number(params.id);
  if (!Number.isSafeInteger(id)) notFound();
  const cert = getCertificate(id);
  if (!cert || (cert.userId !== user.id && !isOrganiserOf(user, cert.cohortId))) notFound();
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
