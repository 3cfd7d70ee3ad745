import { describe, expect, it } from "vitest";
import { isCrossOriginWrite } from "./origin-check";

describe("cross-origin write check", () => {
  const host = "knutepunkt.no";
  it("lets reads through whatever their origin", () => {
    expect(isCrossOriginWrite("GET", { secFetchSite: "cross-site", origin: "https://evil.example", host })).toBe(false);
  });
  it("refuses a POST a browser marks cross-site or same-site", () => {
    expect(isCrossOriginWrite("POST", { secFetchSite: "cross-site", host })).toBe(true);
    expect(isCrossOriginWrite("POST", { secFetchSite: "same-site", host })).toBe(true);
  });
  it("refuses a POST whose Origin is another host, or null", () => {
    expect(isCrossOriginWrite("POST", { origin: "https://evil.example", host })).toBe(true);
    expect(isCrossOriginWrite("POST", { origin: "null", host })).toBe(true);
    expect(isCrossOriginWrite("DELETE", { origin: "not a url", host })).toBe(true);
  });
  it("accepts same-origin posts and clients that send neither header", () => {
    expect(isCrossOriginWrite("POST", { secFetchSite: "same-origin", origin: "https://knutepunkt.no", host })).toBe(false);
    expect(isCrossOriginWrite("POST", { host })).toBe(false);
  });
});
