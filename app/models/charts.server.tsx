/**
 * Bar charts drawn by recharts on the server only, as SVG markup. The browser gets the finished SVG in the
 * HTML (and in the loader data, for client-side navigation), never recharts itself (~100 kB gzip).
 *
 * Drawing one chart with recharts costs ~2 ms of CPU, and a survey's results page has ~10 of them, so the
 * markup is memoised: the key is the chart's data (labels and counts), which changes only when someone
 * answers. The accessible label (aria-label) is not in the SVG; the component adds it, translated.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart as RechartsBarChart, LabelList, XAxis, YAxis } from "recharts";
import type { BarDatum } from "~/components/bar-chart";
import { boundedMemo } from "~/utils/memo.server";

const WIDTH = 340; // fits a 390 px phone with the page padding
const ROW = 34;
const SHORT = 18; // longer labels are cut on the axis (the table and aria-label have them in full)

function Chart({ data }: { data: BarDatum[] }) {
  const clipped = data.map((d) => ({ ...d, short: d.label.length > SHORT ? `${d.label.slice(0, SHORT - 1)}…` : d.label }));
  return (
    <RechartsBarChart width={WIDTH} height={data.length * ROW + 16} data={clipped} layout="vertical" margin={{ top: 8, right: 36, bottom: 8, left: 8 }}>
      <XAxis type="number" hide allowDecimals={false} domain={[0, "dataMax"]} />
      <YAxis type="category" dataKey="short" width={130} tick={{ fontSize: 13, fill: "#1e2b3c" }} axisLine={false} tickLine={false} />
      <Bar dataKey="count" fill="#1e5f9e" isAnimationActive={false} barSize={22} radius={[0, 3, 3, 0]}>
        <LabelList dataKey="count" position="right" style={{ fontSize: 13, fill: "#1e2b3c" }} />
      </Bar>
    </RechartsBarChart>
  );
}

/** At most MAX_CACHED charts (~4 kB each) in a long-running server. */
export const MAX_CACHED = 500;
const drawn = boundedMemo<string>(MAX_CACHED);

/**
 * The chart as SVG markup (recharts' wrapper div and svg). React escapes every label and number while
 * rendering, so the string is safe to inject with dangerouslySetInnerHTML (see components/bar-chart.tsx).
 */
export function barChartSvg(data: BarDatum[]): string {
  return drawn.get(JSON.stringify(data.map((d) => [d.label, d.count])), () => {
    const markup = renderToStaticMarkup(<Chart data={data} />);
    // recharts numbers its clip path with a process-wide counter, and nothing refers to it here (no
    // animation, no overflow): drop it, so cached markup shown twice on one page does not repeat an id.
    if (markup.includes("url(#")) return markup;
    return markup.replace(/<defs><clipPath id="recharts\d+-clip">.*?<\/clipPath><\/defs>/, "");
  });
}

/** Chart data with its SVG, as the loaders send it to the BarChart component. */
export function withSvg(data: BarDatum[]) {
  return { data, svg: barChartSvg(data) };
}

export function clearChartCache() {
  drawn.clear();
}
