import { describe, expect, it } from "vitest";
import { keepDataWhenOnlyOpenChanges, withoutOpen } from "./card-form";

const check = (current: string, next: string, formMethod?: string) =>
  keepDataWhenOnlyOpenChanges({
    currentUrl: new URL(current, "http://x"),
    nextUrl: new URL(next, "http://x"),
    formMethod: formMethod as never,
    defaultShouldRevalidate: true,
    currentParams: {},
    nextParams: {},
  } as Parameters<typeof keepDataWhenOnlyOpenChanges>[0]);

describe("opening a card's form", () => {
  it("keeps the page's data when only ?open= changes", () => {
    expect(check("/network?municipality=Malvik", "/network?municipality=Malvik&open=7")).toBe(false);
    expect(check("/network?open=7&municipality=Malvik", "/network?municipality=Malvik")).toBe(false);
    expect(check("/network?open=7", "/network?open=9")).toBe(false);
  });

  it("revalidates for other changes and for submissions", () => {
    expect(check("/network?municipality=Malvik", "/network?municipality=Levanger&open=7")).toBe(true);
    expect(check("/network?page=1", "/network?page=2")).toBe(true);
    expect(check("/network?open=7", "/network?open=7", "POST")).toBe(true);
    expect(check("/cohorts/a/partners?open=7", "/cohorts/b/partners?open=7")).toBe(true);
  });

  it("closes the form after a send, keeping the filters", () => {
    expect(withoutOpen(new URL("http://x/network?municipality=Malvik&open=7"))).toBe("/network?municipality=Malvik");
    expect(withoutOpen(new URL("http://x/network?open=7"))).toBe("/network");
  });
});
