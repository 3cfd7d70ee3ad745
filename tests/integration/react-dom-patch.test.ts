import { createRequire } from "node:module";
import path from "node:path";
import { Writable } from "node:stream";
import { createElement as h, Suspense } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

// The production Node build of react-dom/server (what `npm start` runs; tests run with NODE_ENV=test,
// which would pick the development build), the file patches/react-dom+18.3.1.patch changes
// (docs/decisions/008).
const require = createRequire(import.meta.url);
const productionBuild = path.join(path.dirname(require.resolve("react-dom/server")), "cjs/react-dom-server.node.production.min.js");
const { renderToPipeableStream } = require(productionBuild) as typeof import("react-dom/server");

/** Renders like app/entry.server.tsx (everything ready, then piped) and keeps every write React makes. */
function renderPiped(element: React.ReactElement) {
  return new Promise<{ html: string; writes: number }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const destination = new Writable({
      write(chunk: Uint8Array, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
      final(done) {
        resolve({ html: Buffer.concat(chunks).toString("utf8"), writes: chunks.length });
        done();
      },
    });
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(destination), onShellError: reject });
  });
}

/** A long list like the roll call: 400 rows with Norwegian letters, an emoji (4 UTF-8 bytes) and escaping. */
function longList() {
  return h(
    "ul",
    null,
    Array.from({ length: 400 }, (_, i) =>
      h(
        "li",
        { key: i, className: "rollcall-row", "data-status": i % 2 ? "present" : "absent" },
        h("span", { id: `name-${i}` }, `Åse Ødegård-Ærø ${i} 🙂 <&> "sitat"`),
        ["Til stede", "Delvis", "Fravær"].map((s) => h("button", { key: s, type: "button", "aria-pressed": s === "Delvis" }, s)),
      ),
    ),
  );
}

describe("react-dom/server patch: a document is encoded in a few large writes", () => {
  it("writes the same HTML as renderToString, multi-byte characters intact across write boundaries", async () => {
    const { html, writes } = await renderPiped(longList());
    expect(html).toBe(renderToString(longList()));
    expect(html).toContain("Åse Ødegård-Ærø 399 🙂 &lt;&amp;&gt; &quot;sitat&quot;");
    expect(Buffer.byteLength(html)).toBeGreaterThan(100_000);
    // Unpatched, React copies every small string into 2 kB views: one write per 2 kB (> 50 here).
    // Patched, strings are joined and encoded once per 16 kB.
    expect(writes).toBeLessThanOrEqual(Math.ceil(Buffer.byteLength(html) / 16_384) + 2);
  });

  it("still streams a Suspense boundary that resolves after the shell", async () => {
    let resolveData!: (value: string) => void;
    const data = new Promise<string>((resolve) => (resolveData = resolve));
    let value: string | undefined;
    data.then((v) => (value = v));
    function Late() {
      if (value === undefined) throw data;
      return h("p", null, value);
    }
    const rendering = renderPiped(h("main", null, h("h1", null, "Oppmøte"), h(Suspense, { fallback: h("p", null, "Laster …") }, h(Late))));
    setTimeout(() => resolveData("Lagret ✓"), 5);
    const { html } = await rendering;
    expect(html).toContain("<h1>Oppmøte</h1>");
    expect(html).toContain("Lagret ✓");
  });
});
