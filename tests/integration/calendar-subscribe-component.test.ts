/** Server-renders the subscribe components with the real translations (no missing keys, right links). */
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router";
import i18nConfig from "../../app/i18n";
import { resources } from "../../app/locales/resources";
import { CohortCalendarSubscribe, PersonalCalendarSubscribe } from "../../app/components/calendar-subscribe";

async function render(element: React.ReactElement, lng = "nb") {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nConfig, resources, lng });
  // <Form> needs a data router around it.
  const routes = [{ path: "/", element }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw context;
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(StaticRouterProvider, { router, context })));
}

const links = {
  https: "https://kp.example/calendar/abc.def.ics",
  webcal: "webcal://kp.example/calendar/abc.def.ics",
  google: "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Fkp.example%2Fcalendar%2Fabc.def.ics",
  outlook: "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Fkp.example%2Fcalendar%2Fabc.def.ics&name=Knutepunkt",
};

describe("calendar subscribe components", () => {
  it("the personal variant has all links, the privacy note and the regenerate button", async () => {
    const html = await render(createElement(PersonalCalendarSubscribe, { links }));
    expect(html).toContain(`href="${links.webcal}"`);
    expect(html).toContain(`value="${links.https}"`);
    expect(html).toContain("calendar.google.com/calendar/r?cid=webcal%3A%2F%2F");
    expect(html).toContain("outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F");
    expect(html).toContain("Alle som har den, kan se datoene");
    expect(html).toContain("Lag ny lenke");
    expect(html).not.toMatch(/calendar\.(subscribe|page)\./);
  });

  it("the public variant has the links and one download per evening, but no personal parts", async () => {
    const html = await render(
      createElement(CohortCalendarSubscribe, {
        links,
        evenings: [1, 2].map((n) => ({ number: n, href: `/cohorts/x/evenings/${n}.ics` })),
      }),
      "en",
    );
    expect(html).toContain("Subscribe in your calendar");
    expect(html).toContain('href="/cohorts/x/evenings/2.ics"');
    expect(html).toContain("Download evening 2 (.ics)");
    expect(html).not.toContain("Make a new link");
    expect(html).not.toContain("Anyone who has it");
  });
});
