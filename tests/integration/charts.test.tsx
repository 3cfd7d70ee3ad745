import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "~/components/bar-chart";
import { barChartSvg, chartImage, wrapLabel } from "~/models/charts.server";
import { chartResponse } from "~/utils/http.server";

const data = [
  { label: "1 – Ikke relevant", count: 3 },
  { label: "2", count: 10 },
  { label: "5 – Svært relevant", count: 40 },
];

describe("server-drawn bar charts", () => {
  it("draws a standalone SVG document with one bar and one count label per datum", () => {
    const svg = barChartSvg(data);
    // No recharts wrapper div: the whole response is one <svg> in the SVG namespace, sized by its attributes.
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*class="recharts-surface" width="340" height="118" viewBox="0 0 340 118">/);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toContain("<div");
    expect(svg).not.toContain("width:100%");
    expect(svg.match(/recharts-bar-rectangle"/g)).toHaveLength(3);
    for (const d of data) expect(svg).toContain(`>${d.count}</tspan>`);
    expect(svg).toContain("1 – Ikke relevant");
    expect(svg).not.toMatch(/\sid="/); // the same data draws the same image in every process
  });

  it("escapes option labels: markup in a label stays text in the SVG and the alt text", () => {
    const evil = [
      { label: "<img src=x onerror=alert(1)>", count: 2 },
      { label: `"><script>alert(1)</script>`, count: 1 },
      { label: "a&b", count: 1 },
    ];
    const svg = barChartSvg(evil);
    expect(svg).not.toMatch(/<img|<script/i);
    // Wrapped into lines on the axis (a word longer than a line is split).
    expect(svg).toContain(">&lt;img src=x</tspan>");
    expect(svg).toContain(">onerror=alert(1)&gt;</tspan>");
    expect(svg).toContain(">&quot;&gt;&lt;script&gt;alert(1)&lt;/</tspan>");
    expect(svg).toContain("a&amp;b");
    // The page: an <img> with the full labels and counts in its (escaped) alt text, the size set, no SVG.
    const chart = chartImage("/chart.svg", evil);
    const html = renderToStaticMarkup(<BarChart chart={chart} label="Spørsmål" />);
    expect(html).not.toMatch(/<script|<svg/i);
    // Two-line labels: taller rows than the one-line chart above.
    expect(html).toMatch(/^<figure class="bar-chart"[^>]*><img src="\/chart\.svg\?v=[\w-]{16}" alt="[^"]*" width="340" height="136"[^>]*\/><\/figure>$/);
    expect(html).toContain('alt="Spørsmål: &lt;img src=x onerror=alert(1)&gt; 2, &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; 1, a&amp;b 1"');
  });

  it("draws the same image for the same data, and a new one for other counts", () => {
    const a = barChartSvg(data);
    expect(barChartSvg(data.map((d) => ({ ...d })))).toBe(a);
    const b = barChartSvg(data.map((d, i) => (i === 1 ? { ...d, count: 11 } : d)));
    expect(b).not.toBe(a);
    expect(b).toContain(">11</tspan>");
  });

  it("versions the image URL by its content: same data, same URL; new counts, new URL", () => {
    const a = chartImage("/c.svg", data);
    expect(a).toMatchObject({ data, width: 340, height: 3 * 34 + 16 });
    expect(chartImage("/c.svg", data.map((d) => ({ ...d }))).src).toBe(a.src);
    expect(chartImage("/c.svg", data.map((d, i) => (i === 0 ? { ...d, count: 4 } : d))).src).not.toBe(a.src);
    expect(chartImage("/c.svg", data.map((d, i) => (i === 0 ? { ...d, label: "1 – Ikke nyttig" } : d))).src).not.toBe(a.src);
  });

  it("answers with the SVG: cached for a year at the current version, revalidated otherwise, 304 when unchanged", async () => {
    const { src } = chartImage("/c.svg", data);
    const current = chartResponse(new Request(`http://localhost${src}`), data);
    expect(current.status).toBe(200);
    expect(current.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(current.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    expect(await current.text()).toBe(barChartSvg(data));
    const etag = current.headers.get("ETag")!;
    expect(etag).toBe(`"${src.split("?v=")[1]}"`);

    // An old or missing version: the current image, but the browser must ask again next time.
    for (const url of ["http://localhost/c.svg?v=gammel", "http://localhost/c.svg"]) {
      const stale = chartResponse(new Request(url), data);
      expect([stale.status, stale.headers.get("Cache-Control")]).toEqual([200, "private, no-cache"]);
      expect(await stale.text()).toBe(barChartSvg(data));
    }
    const notModified = chartResponse(new Request("http://localhost/c.svg", { headers: { "If-None-Match": `W/${etag}` } }), data);
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    const changed = chartResponse(new Request("http://localhost/c.svg", { headers: { "If-None-Match": etag } }), [{ label: "2", count: 1 }]);
    expect(changed.status).toBe(200);
  });
});

describe("wrapLabel", () => {
  it("keeps every character, breaks between words, and no line is longer than the width", () => {
    for (const label of ["E-post fra kommunen", "Nettsiden til Legeforeningen og Fysioterapeutforbundet", "Fastlegeordningsevalueringsrapporten", "", "2"]) {
      const lines = wrapLabel(label);
      expect(lines.join(" ").replace(/\s+/g, "")).toBe(label.replace(/\s+/g, ""));
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(20);
    }
    expect(wrapLabel("Nettsiden til Legeforeningen og Fysioterapeutforbundet")).toEqual(["Nettsiden til", "Legeforeningen og", "Fysioterapeutforbund", "et"]);
  });
});
