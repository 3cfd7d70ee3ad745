import type { ActionFunctionArgs } from "react-router";
import { redirect } from "react-router";
import { localeCookie } from "~/i18next.server";
import { toAppLocale } from "~/i18n";
import { updateProfile } from "~/models/accounts.server";
import { getUserId } from "~/utils/permissions.server";
import { safeRedirect } from "~/utils/redirect";

export async function loader() {
  return redirect("/");
}

/** The language switch: remembered in a cookie, and on the profile when logged in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = toAppLocale(form.get("locale"));
  const userId = await getUserId(request);
  if (userId) updateProfile(userId, { locale });
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await localeCookie.serialize(locale) },
  });
}
