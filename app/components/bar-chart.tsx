/**
 * Horizontal bar chart drawn by recharts on the server (fixed size, no animation), so the SVG is in the
 * HTML and needs no JavaScript. The figure is one image for screen readers (role="img" with the numbers
 * in its label); the pages show the same numbers in a table as well.
 */
import { Bar, BarChart as RechartsBarChart, LabelList, XAxis, YAxis } from "recharts";

export type BarDatum = { label: string; count: number };

const WIDTH = 340; // fits a 390 px phone with the page padding
const ROW = 34;

export function BarChart({ data, label, id }: { data: BarDatum[]; label: string; id?: string }) {
  const clipped = data.map((d) => ({ ...d, short: d.label.length > 18 ? `${d.label.slice(0, 17)}…` : d.label }));
  return (
    <figure
      id={id}
      role="img"
      aria-label={`${label}: ${data.map((d) => `${d.label} ${d.count}`).join(", ")}`}
      className="bar-chart"
      style={{ margin: 0, maxWidth: "100%", overflowX: "auto" }}
    >
      <RechartsBarChart width={WIDTH} height={data.length * ROW + 16} data={clipped} layout="vertical" margin={{ top: 8, right: 36, bottom: 8, left: 8 }}>
        <XAxis type="number" hide allowDecimals={false} domain={[0, "dataMax"]} />
        <YAxis type="category" dataKey="short" width={130} tick={{ fontSize: 13, fill: "#1e2b3c" }} axisLine={false} tickLine={false} />
        <Bar dataKey="count" fill="#1e5f9e" isAnimationActive={false} barSize={22} radius={[0, 3, 3, 0]}>
          <LabelList dataKey="count" position="right" style={{ fontSize: 13, fill: "#1e2b3c" }} />
        </Bar>
      </RechartsBarChart>
    </figure>
  );
}
