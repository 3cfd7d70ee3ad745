import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18next.server";
import { labelMap, withName } from "./texts";

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
});
