import { describe, expect, it } from "vitest";
import { pageWindow } from "./pagination";

describe("pageWindow", () => {
  it("gives the requested page, or the nearest real one for a missing, odd or out-of-range request", () => {
    expect(pageWindow(45, 2, 20)).toEqual({ page: 2, pages: 3, limit: 20, offset: 20 });
    expect(pageWindow(45, 99, 20)).toMatchObject({ page: 3, offset: 40 });
    expect(pageWindow(45, 0, 20)).toMatchObject({ page: 1, offset: 0 });
    expect(pageWindow(45, Number("abc"), 20)).toMatchObject({ page: 1 });
    expect(pageWindow(45, 2.7, 20)).toMatchObject({ page: 2 });
    expect(pageWindow(45, undefined, 20)).toMatchObject({ page: 1 });
    expect(pageWindow(0, 5, 20)).toEqual({ page: 1, pages: 1, limit: 20, offset: 0 });
  });
});
