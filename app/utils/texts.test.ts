import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { getFixedT, i18nInstanceFor } from "~/i18next.server";
import { fixedPageTexts, labelMap, withName } from "./texts";

const KEYS = [
  "attendance.rollcall.statusFor",
  "registration.participants.moveToConfirmed",
  "registration.participants.moveToWaitlist",
  "partners.network.contact",
  "partners.page.sendRequestTo",
];
const NAMES = ["Åse Ødegård", "Anne-Lise O'Brien", "$& $1 {{name}}", "", "<b>x</b>"];

describe("texts translated once per page", () => {
  for (const lng of ["nb", "en"]) {
    it(`withName gives exactly what t gives (${lng})`, async () => {
      const t = await getFixedT(lng);
      for (const key of KEYS) {
        const text = withName(t, key);
        for (const name of NAMES) expect(text(name)).toBe(t(key, { name }));
      }
    });

    it(`labelMap gives what t gives for each value (${lng})`, async () => {
      const t = await getFixedT(lng);
      const labels = labelMap(t, "common.professions", ["gp", "physio", "other"] as const);
      expect(labels).toEqual({ gp: t("common.professions.gp"), physio: t("common.professions.physio"), other: t("common.professions.other") });
    });
  }

  it("falls back to t when the text does not hold the name once", async () => {
    const t = await getFixedT("nb");
    expect(withName(t, "common.professions.gp")("Ola")).toBe(t("common.professions.gp", { name: "Ola" }));
  });

  it("fixedPageTexts translates once per instance and language, and gives what t gives", async () => {
    let builds = 0;
    const useTexts = fixedPageTexts((t) => {
      builds++;
      return { title: t("attendance.rollcall.search"), professions: labelMap(t, "common.professions", ["gp", "physio", "other"] as const) };
    });
    function Page() {
      const texts = useTexts();
      return createElement("p", null, `${texts.title}|${texts.professions.gp}`);
    }
    const render = (lng: "nb" | "en") => renderToString(createElement(I18nextProvider, { i18n: i18nInstanceFor(lng) }, createElement(Page)));
    for (const lng of ["nb", "en", "nb", "en", "nb"] as const) {
      const t = await getFixedT(lng);
      expect(render(lng)).toBe(`<p>${t("attendance.rollcall.search")}|${t("common.professions.gp")}</p>`);
    }
    expect(builds).toBe(2);
  });
});
