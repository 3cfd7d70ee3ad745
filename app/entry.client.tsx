// Designsystemet's global behaviour (custom elements, details/dialog/invoker polyfills) on every
// page; in the browser build this is the subset in app/designsystemet-web.ts (see vite.config.ts).
import "@digdir/designsystemet-web";
import { HydratedRouter } from "react-router/dom";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import i18nConfig, { toAppLocale } from "./i18n";

async function hydrate() {
  // Only the page's language is downloaded; the language switch reloads the document.
  const lng = toAppLocale(document.documentElement.lang);
  const translation = lng === "en" ? (await import("./locales/en")).default : (await import("./locales/nb")).default;
  await i18next.use(initReactI18next).init({ ...i18nConfig, lng, resources: { [lng]: { translation } } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
