/** Resource route for the new-cohort form: is this address free? Answers as the organiser types. */
import type { LoaderFunctionArgs } from "react-router";
import { z } from "zod";
import { isSlugAvailable } from "~/models/cohorts/admin.server";
import { CohortFields } from "~/utils/cohort-validation";
import { requireAnyOrganiser } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnyOrganiser(request);
  const parsed = z.object({ slug: CohortFields.slug }).safeParse({ slug: new URL(request.url).searchParams.get("slug") ?? "" });
  if (!parsed.success) return { slug: null, available: false };
  return { slug: parsed.data.slug, available: isSlugAvailable(parsed.data.slug) };
}
