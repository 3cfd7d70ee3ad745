import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser build loads only part of @digdir/designsystemet-web (app/designsystemet-web.ts).
 * Components that need a module left out must not be used until it is added there.
 */
const NEEDS: Record<string, string[]> = {
  Breadcrumbs: ["ds-breadcrumbs"],
  Combobox: ["popover"],
  Dropdown: ["popover"],
  EXPERIMENTAL_Suggestion: ["ds-suggestion"],
  Suggestion: ["ds-suggestion"],
  Pagination: ["ds-pagination"],
  Popover: ["popover"],
  Search: ["ds-field"],
  Tabs: ["ds-tabs"],
  ToggleGroup: ["toggle-group", "focusgroup"],
  Tooltip: ["tooltip"],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe("Designsystemet web subset", () => {
  it("includes every web module the used Designsystemet components need", () => {
    const used = new Set<string>();
    for (const file of sourceFiles("app")) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@digdir\/designsystemet-react"/g)) {
        for (const name of m[1]!.split(",")) used.add(name.trim().split(/\s+as\s+/)[0]!.replace(/^type\s+/, ""));
      }
    }
    expect(used.size).toBeGreaterThan(5);
    const subset = fs.readFileSync("app/designsystemet-web.ts", "utf8");
    const missing = [...used].flatMap((c) =>
      (NEEDS[c] ?? []).filter((mod) => !subset.includes(`"@digdir/designsystemet-web/${mod}"`)).map((mod) => `${c} needs ${mod}`),
    );
    expect(missing).toEqual([]);
  });

  it("is what the browser build imports instead of the whole package", () => {
    expect(fs.readFileSync("vite.config.ts", "utf8")).toMatch(/find: \/\^@digdir\\\/designsystemet-web\$\//);
    expect(fs.readFileSync("app/entry.client.tsx", "utf8")).toContain('import "@digdir/designsystemet-web";');
  });
});
