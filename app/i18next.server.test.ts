import { describe, expect, it } from "vitest";
import { createInstance } from "i18next";
import i18nConfig from "./i18n";
import { i18nInstanceFor } from "./i18next.server";
import { resources } from "./locales/resources";

/** Every key of a nested resource object, dotted. */
function keysOf(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keysOf(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** A plain instance of its own, to compare with. */
function plainInstance(lng: "nb" | "en") {
  const instance = createInstance();
  void instance.init({ ...i18nConfig, lng, resources, initImmediate: false });
  return instance.getFixedT(lng);
}

describe("the shared i18next instance of each language", () => {
  for (const lng of ["nb", "en"] as const) {
    it(`gives what plain i18next gives for every key, with and without values (${lng})`, () => {
      const t = i18nInstanceFor(lng).getFixedT(lng);
      const plain = plainInstance(lng);
      const keys = keysOf(resources[lng].translation as Record<string, unknown>).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, ""));
      const optionSets = [undefined, { count: 0 }, { count: 1 }, { count: 7 }, { name: "Åse Ødegård", count: 2 }, { name: "$& {{x}}" }];
      for (const key of new Set(keys)) {
        for (const options of optionSets) {
          expect(t(key, options as never)).toBe(plain(key, options as never));
        }
      }
    });
  }
});
