/**
 * Horizontal bar chart, shown as an image. The SVG is drawn by recharts on the server only
 * (models/charts.server.tsx) and served by a resource route next to the page, so recharts is not in the
 * browser bundle, the chart needs no JavaScript, and the browser caches it (the URL carries a version that
 * changes with the data). The alt text has the numbers; the pages show them in a table as well.
 */
import type { ChartImage } from "~/types/charts";

export function BarChart({ chart, label, id }: { chart: ChartImage; label: string; id?: string }) {
  return (
    <figure id={id} className="bar-chart" style={{ margin: 0 }}>
      <img
        src={chart.src}
        alt={`${label}: ${chart.data.map((d) => `${d.label} ${d.count}`).join(", ")}`}
        width={chart.width}
        height={chart.height}
        loading="lazy"
        style={{ display: "block", maxWidth: "100%", height: "auto" }}
      />
    </figure>
  );
}
