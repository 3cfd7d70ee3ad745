import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "~/components/bar-chart";
import { barChartSvg, clearChartCache, MAX_CACHED, withSvg } from "~/models/charts.server";

const data = [
  { label: "1 – Ikke relevant", count: 3 },
  { label: "2", count: 10 },
  { label: "5 – Svært relevant", count: 40 },
];

describe("server-drawn bar charts", () => {
  it("draws an SVG with one bar and one count label per datum", () => {
    const svg = barChartSvg(data);
    expect(svg).toMatch(/^<div class="recharts-wrapper"[^>]*><svg class="recharts-surface"/);
    expect(svg.match(/recharts-bar-rectangle"/g)).toHaveLength(3);
    for (const d of data) expect(svg).toContain(`>${d.count}</tspan>`);
    expect(svg).toContain("1 – Ikke relevant");
    expect(svg).not.toMatch(/\sid="/); // cached markup may appear twice on a page
  });

  it("escapes option labels: markup in a label stays text", () => {
    const evil = [
      { label: "<img src=x onerror=alert(1)>", count: 2 },
      { label: `"><script>alert(1)</script>`, count: 1 },
      { label: "a&b", count: 1 },
    ];
    const chart = withSvg(evil);
    expect(chart.svg).not.toMatch(/<img|<script/i);
    expect(chart.svg).toContain("&lt;img src=x onerro…"); // cut to 18 characters on the axis
    expect(chart.svg).toContain("&quot;&gt;&lt;script&gt;alert(1…");
    expect(chart.svg).toContain("a&amp;b");
    // The page: the injected SVG and the aria-label (the full label) are both escaped.
    const html = renderToStaticMarkup(<BarChart chart={chart} label="Spørsmål" />);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('aria-label="Spørsmål: &lt;img src=x onerror=alert(1)&gt; 2, &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; 1, a&amp;b 1"');
    expect(html).toMatch(/^<figure role="img"[^>]*class="bar-chart"[^>]*><div class="recharts-wrapper"/);
  });

  it("memoises by data: same data gives the same string, other counts a new one; the cache is bounded", () => {
    clearChartCache();
    const a = barChartSvg(data);
    expect(barChartSvg(data.map((d) => ({ ...d })))).toBe(a);
    const b = barChartSvg(data.map((d, i) => (i === 1 ? { ...d, count: 11 } : d)));
    expect(b).not.toBe(a);
    expect(b).toContain(">11</tspan>");
    for (let i = 0; i < MAX_CACHED + 10; i++) barChartSvg([{ label: "x", count: i }]);
    // Still correct after eviction.
    expect(barChartSvg(data)).toBe(a);
  });
});
