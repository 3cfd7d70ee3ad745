import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server";

describe("renderMarkdown", () => {
  it("renders headings, lists and links", () => {
    const html = renderMarkdown("## Program\n\n- 17.00 Velkommen\n- [Lenke](https://example.no)");
    expect(html).toContain("<h4>Program</h4>");
    expect(html).toContain("<li>17.00 Velkommen</li>");
    expect(html).toContain('href="https://example.no"');
  });
  it("removes scripts, event handlers and javascript: links", () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror="alert(1)"> <a href="#" onclick="evil()">y</a>\n\n[x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:|<img/i);
    expect(html).toContain(">y</a>");
  });
  it("starts headings at h4 (the content sits under an evening's h3)", () => {
    expect(renderMarkdown("# Stor\n\n### Liten")).toBe("<h4>Stor</h4>\n<h5>Liten</h5>");
  });
});
