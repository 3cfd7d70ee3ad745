import { describe, expect, it } from "vitest";
import { boundedMemo } from "../../app/utils/memo";
import { renderMarkdown } from "../../app/utils/markdown.server";

describe("boundedMemo", () => {
  it("makes a value once per key and forgets the oldest beyond its bound", () => {
    const memo = boundedMemo<string>(2);
    let made = 0;
    const make = (v: string) => () => {
      made++;
      return v.toUpperCase();
    };
    expect(memo.get("a", make("a"))).toBe("A");
    expect(memo.get("a", make("a"))).toBe("A");
    expect(made).toBe(1);
    memo.get("b", make("b"));
    memo.get("c", make("c")); // "a" is the oldest: it goes
    expect(memo.size).toBe(2);
    memo.get("a", make("a"));
    expect(made).toBe(4);
  });

  it("makes a kept value again when the caller says it is no longer usable", () => {
    const memo = boundedMemo<{ madeAt: number }>(2);
    let clock = 1;
    const make = () => ({ madeAt: clock });
    const freshEnough = (kept: { madeAt: number }) => clock - kept.madeAt < 10;
    const first = memo.get("list", make, freshEnough);
    clock = 5;
    expect(memo.get("list", make, freshEnough)).toBe(first);
    clock = 20;
    const second = memo.get("list", make, freshEnough);
    expect(second).toEqual({ madeAt: 20 });
    expect(memo.get("list", make)).toBe(second); // the newer one replaced it
    expect(memo.size).toBe(1);
  });
});

describe("renderMarkdown", () => {
  it("gives the same safe HTML on every call for the same text", () => {
    const source = "## Tema\n\n<script>alert(1)</script>\n\n[lenke](javascript:alert(1)) og **fet** tekst";
    const first = renderMarkdown(source);
    expect(first).toContain("<h4>Tema</h4>");
    expect(first).toContain("<strong>fet</strong>");
    expect(first).not.toContain("<script");
    expect(first).not.toContain("javascript:");
    expect(renderMarkdown(source)).toBe(first);
    expect(renderMarkdown("   ")).toBe("");
  });
});
