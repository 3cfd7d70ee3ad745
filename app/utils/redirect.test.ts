import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => expect(safeRedirect("/cohorts/x?y=1")).toBe("/cohorts/x?y=1"));
  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "", null, undefined])("refuses %s", (to) =>
    expect(safeRedirect(to as string, "/home")).toBe("/home"),
  );
});
