/** One-time messages ("Lagret") shown by the root after a redirect, kept in their own cookie. */
import { createCookieSessionStorage, redirect } from "react-router";
import { createAppCookie } from "./cookies.server";
import { env } from "./env.server";

export type Toast = { kind: "success" | "info" | "warning" | "danger"; message: string };

let storage: ReturnType<typeof createCookieSessionStorage<{ toast: Toast }, { toast: Toast }>> | undefined;
function toastStorage() {
  storage ??= createCookieSessionStorage<{ toast: Toast }, { toast: Toast }>({
    cookie: createAppCookie("kp_toast", { secrets: [env().sessionSecret] }),
  });
  return storage;
}

export async function toastHeader(toast: Toast) {
  const session = await toastStorage().getSession();
  session.flash("toast", toast);
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { ...init, headers });
}

export async function getToast(request: Request): Promise<{ toast: Toast | null; headers: Headers | null }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  if (!toast) return { toast: null, headers: null };
  return { toast, headers: new Headers({ "Set-Cookie": await toastStorage().destroySession(session) }) };
}
