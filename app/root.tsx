import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "react-router";
import { data } from "react-router";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Button, Heading, Paragraph, Link as DsLink } from "@digdir/designsystemet-react";
import dsCss from "@digdir/designsystemet-css?url";
import themeCss from "@digdir/designsystemet-css/theme?url";
import appCss from "./styles/app.css?url";
import i18next from "./i18next.server";
import { getSessionUser } from "./utils/auth.server";
import { isAnyOrganiser } from "./utils/permissions.server";
import { getToast } from "./utils/toast.server";
import { AppShell } from "./components/app-shell";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: dsCss },
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Titles of the error pages (the root boundary renders them); every route names its own page otherwise.
const ERROR_TITLES = {
  nb: { 404: "Fant ikke siden", 403: "Ingen tilgang", 400: "Ugyldig forespørsel", other: "Noe gikk galt" },
  en: { 404: "Page not found", 403: "No access", 400: "Bad request", other: "Something went wrong" },
} as const;

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!error) return [{ title: "Knutepunkt" }];
  const titles = ERROR_TITLES[data?.locale === "en" ? "en" : "nb"];
  const status = isRouteErrorResponse(error) ? error.status : 0;
  const title = status === 404 || status === 403 || status === 400 ? titles[status] : titles.other;
  return [{ title: `${title} – Knutepunkt` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, { toast, headers }] = await Promise.all([
    i18next.getLocale(request),
    getSessionUser(request),
    getToast(request),
  ]);
  return data(
    {
      locale,
      toast,
      user: user
        ? {
            id: user.id,
            name: user.name,
            isAdmin: user.isAdmin,
            isOrganiser: isAnyOrganiser(user),
          }
        : null,
    },
    { headers: headers ?? undefined },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = root?.locale ?? "nb";
  return (
    <html lang={locale} data-color-scheme="light" data-color="accent">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, user, toast } = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  // After a client-side navigation the loader may name another language than the one hydrated with.
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
  return (
    <AppShell user={user} locale={locale} toast={toast}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof loader>("root");
  let title = t("common.errors.title");
  let body = t("common.errors.body");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("common.errors.notFoundTitle");
      body = t("common.errors.notFoundBody");
    } else if (error.status === 403) {
      title = t("common.errors.forbiddenTitle");
      body = t("common.errors.forbiddenBody");
    } else if (error.status === 400) {
      title = t("common.errors.badRequestTitle");
    }
  }
  return (
    <AppShell user={root?.user ?? null} locale={root?.locale ?? "nb"} toast={null}>
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{body}</Paragraph>
      <Paragraph>
        <DsLink href="/">{t("common.errors.goHome")}</DsLink>
      </Paragraph>
    </AppShell>
  );
}
