/**
 * Horizontal bar chart. The SVG is drawn by recharts on the server only (models/charts.server.tsx) and
 * comes in the loader data, so recharts is not in the browser bundle and the chart needs no JavaScript.
 * The figure is one image for screen readers (role="img" with the numbers in its label); the pages show
 * the same numbers in a table as well.
 */
export type BarDatum = { label: string; count: number };

export function BarChart({ chart, label, id }: { chart: { data: BarDatum[]; svg: string }; label: string; id?: string }) {
  return (
    <figure
      id={id}
      role="img"
      aria-label={`${label}: ${chart.data.map((d) => `${d.label} ${d.count}`).join(", ")}`}
      className="bar-chart"
      style={{ margin: 0, maxWidth: "100%", overflowX: "auto" }}
      // Safe: `svg` is React's own server rendering (renderToStaticMarkup) of the chart, which escaped every
      // label and number as text or attribute; no user input is concatenated into it (tested in
      // tests/integration/charts.test.tsx).
      dangerouslySetInnerHTML={{ __html: chart.svg }}
    />
  );
}
