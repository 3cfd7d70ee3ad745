import { Form, NavLink, useLocation } from "react-router";
import { useEffect, useRef } from "react";
import { Alert } from "@digdir/designsystemet-react";
import type { Toast } from "~/utils/toast.server";
import { fixedPageTexts } from "~/utils/texts";

type ShellUser = { id: number; name: string; isAdmin: boolean; isOrganiser: boolean } | null;

// Every page renders the shell: its texts are translated once per language (app/utils/texts.ts).
const useShellTexts = fixedPageTexts((t) => ({
  skipToContent: t("common.skipToContent"),
  appName: t("common.appName"),
  navLabel: t("common.nav.label"),
  home: t("common.nav.home"),
  network: t("common.nav.network"),
  organiser: t("common.nav.organiser"),
  admin: t("common.nav.admin"),
  profile: t("common.nav.profile"),
  logout: t("common.nav.logout"),
  login: t("common.nav.login"),
  signup: t("common.nav.signup"),
  languageLabel: t("common.language.label"),
  about: t("common.footer.about"),
  noPatientData: t("common.footer.noPatientData"),
  privacy: t("common.nav.privacy"),
  accessibility: t("accessibility.footerLink"),
}));

const ENTRY = /^\/(login|signup)\/?$/;

/**
 * After logging in (or signing up) the page changes under the person: screen reader and keyboard users
 * start at the new page's main heading rather than at the top of the document. Works whether the log-in
 * form was posted by the browser (the referrer is /login) or by React Router (the previous location was /login).
 */
function useFocusHeadingAfterLogin(pathname: string, key: string) {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    let from = previous.current;
    const reloaded = (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.type === "reload";
    if (from === null && document.referrer && !reloaded) {
      const referrer = new URL(document.referrer);
      if (referrer.origin === window.location.origin) from = referrer.pathname;
    }
    previous.current = pathname;
    if (!from || !ENTRY.test(from) || ENTRY.test(pathname)) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [pathname, key]);
}

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
  const texts = useShellTexts();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useFocusHeadingAfterLogin(location.pathname, location.key);
  return (
    <>
      <a className="skip-link" href="#main">
        {texts.skipToContent}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a href="/" className="app-header__brand">
            {texts.appName}
          </a>
          <nav className="app-nav" aria-label={texts.navLabel}>
            <ul>
              {user ? (
                <>
                  <li>
                    <NavLink to="/" end>
                      {texts.home}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink to="/network">{texts.network}</NavLink>
                  </li>
                  {user.isOrganiser ? (
                    <li>
                      <NavLink to="/organiser">{texts.organiser}</NavLink>
                    </li>
                  ) : null}
                  {user.isAdmin ? (
                    <li>
                      <NavLink to="/admin">{texts.admin}</NavLink>
                    </li>
                  ) : null}
                  <li>
                    <NavLink to="/profile">{texts.profile}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout" style={{ display: "inline" }}>
                      <button type="submit" className="link-button">
                        {texts.logout}
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">{texts.login}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">{texts.signup}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <Form method="post" action="/language" reloadDocument className="lang-switch" aria-label={texts.languageLabel}>
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
          <span>{texts.about}</span>
          <span>{texts.noPatientData}</span>
          <a href="/privacy">{texts.privacy}</a>
          <a href="/tilgjengelighet">{texts.accessibility}</a>
        </div>
      </footer>
    </>
  );
}
