import { describe, expect, it } from "vitest";
import nb from "./nb";
import en from "./en";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  it("English has exactly the keys bokmål has", () => {
    expect(keys(en).sort()).toEqual(keys(nb).sort());
  });
  it("no text is empty", () => {
    for (const lang of [nb, en]) {
      for (const key of keys(lang)) {
        const value = key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang);
        expect(String(value).trim(), key).not.toBe("");
      }
    }
  });
});
