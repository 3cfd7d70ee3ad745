import { describe, expect, it, vi } from "vitest";
import { createInstance } from "i18next";
import i18nConfig from "./i18n";
import { i18nInstanceFor, MAX_REMEMBERED_TEXTS } from "./i18next.server";
import { resources } from "./locales/resources";

/** Every key of a nested resource object, dotted. */
function keysOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** i18next's internal translator, whose translate() does the work the memo saves (not in i18next's types). */
function translatorOf(instance: ReturnType<typeof i18nInstanceFor>) {
  return (instance as unknown as { translator: { translate: (key: string, options?: unknown) => unknown } }).translator;
}

/** A plain instance without the remembered texts, to compare with. */
function plainInstance(lng: "nb" | "en") {
  const instance = createInstance();
  void instance.init({ ...i18nConfig, lng, resources, initImmediate: false });
  return instance.getFixedT(lng);
}

describe("remembered translations", () => {
  for (const lng of ["nb", "en"] as const) {
    it(`give what plain i18next gives for every key, with and without values (${lng})`, () => {
      const t = i18nInstanceFor(lng).getFixedT(lng);
      const plain = plainInstance(lng);
      const keys = keysOf(resources[lng].translation as Record<string, unknown>).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""));
      const optionSets = [undefined, { count: 0 }, { count: 1 }, { count: 7 }, { name: "Åse Ødegård", count: 2 }, { name: "$& {{x}}" }];
      for (const key of new Set(keys)) {
        for (const options of optionSets) {
          // Twice: the second answer comes from what was kept.
          expect(t(key, options as never)).toBe(plain(key, options as never));
          expect(t(key, options as never)).toBe(plain(key, options as never));
        }
      }
    });
  }

  it("makes a text once, and again for other values", () => {
    const instance = i18nInstanceFor("nb");
    const translate = vi.spyOn(translatorOf(instance), "translate");
    const t = instance.getFixedT("nb");
    const name = `Kari ${Math.random()}`;
    const first = t("attendance.rollcall.statusFor", { name });
    expect(t("attendance.rollcall.statusFor", { name })).toBe(first);
    expect(translate).toHaveBeenCalledTimes(1);
    expect(t("attendance.rollcall.statusFor", { name: `${name}!` })).not.toBe(first);
    expect(translate).toHaveBeenCalledTimes(2);
    translate.mockRestore();
  });

  it("passes calls with objects or functions among the options straight to i18next", () => {
    const instance = i18nInstanceFor("en");
    const t = instance.getFixedT("en");
    const translate = vi.spyOn(translatorOf(instance), "translate");
    const professions = plainInstance("en")("common.professions", { returnObjects: true });
    expect(professions).toMatchObject({ gp: "GP" });
    expect(t("common.professions", { returnObjects: true })).toEqual(professions);
    expect(t("common.professions", { returnObjects: true })).toEqual(professions);
    expect(translate.mock.calls.filter(([key]) => key === "common.professions")).toHaveLength(2);
    translate.mockClear();
    const withObject = { person: { name: "Ola" } };
    t("attendance.rollcall.statusFor", withObject);
    t("attendance.rollcall.statusFor", withObject);
    expect(translate).toHaveBeenCalledTimes(2);
    translate.mockRestore();
  });

  it("keeps a bounded number of texts", () => {
    const instance = i18nInstanceFor("nb");
    const t = instance.getFixedT("nb");
    const first = t("attendance.rollcall.statusFor", { name: "Første" });
    for (let i = 0; i < MAX_REMEMBERED_TEXTS + 10; i++) t("attendance.rollcall.statusFor", { name: `Person ${i}` });
    const translate = vi.spyOn(translatorOf(instance), "translate");
    expect(t("attendance.rollcall.statusFor", { name: "Første" })).toBe(first);
    expect(translate).toHaveBeenCalledTimes(1); // the oldest went, so it is made again
    translate.mockRestore();
  });
});
