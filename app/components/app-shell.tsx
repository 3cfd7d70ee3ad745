import { Form, NavLink, useLocation } from "@remix-run/react";
import { Alert } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import type { Toast } from "~/utils/toast.server";

type ShellUser = { id: number; name: string; isAdmin: boolean; isOrganiser: boolean } | null;

/** Header with role-aware navigation and language switch, the page, and the footer. */
export function AppShell({
  user,
  locale,
  toast,
  children,
}: {
  user: ShellUser;
  locale: string;
  toast: Toast | null;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a href="/" className="app-header__brand">
            {t("common.appName")}
          </a>
          <nav className="app-nav" aria-label={t("common.nav.label")}>
            <ul>
              {user ? (
                <>
                  <li>
                    <NavLink to="/" end>
                      {t("common.nav.home")}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/network">{t("common.nav.network")}</NavLink>
                  </li>
                  {user.isOrganiser ? (
                    <li>
                      <NavLink to="/organiser">{t("common.nav.organiser")}</NavLink>
                    </li>
                  ) : null}
                  {user.isAdmin ? (
                    <li>
                      <NavLink to="/admin">{t("common.nav.admin")}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/profile">{t("common.nav.profile")}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout" style={{ display: "inline" }}>
                      <button type="submit" className="link-button">
                        {t("common.nav.logout")}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{t("common.nav.login")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">{t("common.nav.signup")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <Form method="post" action="/language" reloadDocument className="lang-switch" aria-label={t("common.language.label")}>
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" name="locale" value="nb" lang="nb" aria-pressed={locale === "nb"}>
              Norsk
            </button>
            <button type="submit" name="locale" value="en" lang="en" aria-pressed={locale === "en"}>
              English
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {toast ? (
          <Alert data-color={toast.kind} className="toast" role="status">
            {toast.message}
          </Alert>
        ) : null}
        {children}
      </main>
      <footer className="app-footer">
        <div className="app-footer__inner stack-sm">
          <span>{t("common.footer.about")}</span>
          <span>{t("common.footer.noPatientData")}</span>
          <a href="/privacy">{t("common.nav.privacy")}</a>
        </div>
      </footer>
    </>
  );
}
