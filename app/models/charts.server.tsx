/**
 * Bar charts drawn by recharts on the server only, as standalone SVG images. Pages send a chart's numbers
 * and the URL of its image (`chartImage`); a resource route answers that URL with the SVG
 * (`chartResponse` in utils/http.server.ts), which the browser caches. The browser never gets recharts, and the SVG
 * is sent once per change of the data instead of twice per page view (in the HTML and again in the loader
 * data). See docs/decisions/004-dates-markdown-and-exports.md.
 *
 * The version in the image URL is a hash of the chart's data and of the drawing code, so it changes whenever
 * the image can, without drawing the chart for every page that links to it.
 * The accessible text (the img's alt) is not in the SVG; the component adds it, translated.
 */
import crypto from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart as RechartsBarChart, LabelList, XAxis, YAxis } from "recharts";
import type { BarDatum, ChartImage } from "~/types/charts";

const WIDTH = 340; // fits a 390 px phone with the page padding
const LABEL_WIDTH = 150; // the axis labels' column; the bars get the rest
const WRAP = 20; // characters per label line at 13 px in LABEL_WIDTH
const LINE = 16; // label line height
const ROW = 34; // a bar's row with a one-line label
// A row is as tall as the longest label's lines need, so every row has room for its whole label.
const rowHeight = (data: BarDatum[]) => Math.max(ROW, Math.max(1, ...data.map((d) => wrapLabel(d.label).length)) * LINE + 8);
const heightOf = (data: BarDatum[]) => data.length * rowHeight(data) + 16;
// An SVG image cannot use the page's fonts or CSS: the same font stack as the page (Designsystemet's Inter first).
const FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/**
 * A label in lines of at most WRAP characters, broken between words (a longer word is split): SVG text
 * does not wrap by itself, and a cut label hides what the bar counts.
 */
export function wrapLabel(label: string, width = WRAP): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter(Boolean)) {
    for (let rest = word; rest; ) {
      const candidate = line ? `${line} ${rest}` : rest;
      if (candidate.length <= width) {
        line = candidate;
        rest = "";
      } else if (line) {
        lines.push(line);
        line = "";
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** An axis label as <tspan> lines, centred on its bar. */
function WrappedTick({ x, y, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const lines = wrapLabel(String(payload?.value ?? ""));
  return (
    <text x={x} y={y} textAnchor="end" fontSize={13} fill="#1e2b3c">
      {lines.map((line, i) => (
        // 4.5 px (about 0.35em) moves the text's middle, not its baseline, onto the bar's centre.
        <tspan key={i} x={x} dy={i === 0 ? 4.5 - ((lines.length - 1) * LINE) / 2 : LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function Chart({ data }: { data: BarDatum[] }) {
  return (
    <RechartsBarChart width={WIDTH} height={heightOf(data)} data={data} layout="vertical" margin={{ top: 8, right: 36, bottom: 8, left: 8 }}>
      <XAxis type="number" hide allowDecimals={false} domain={[0, "dataMax"]} />
      <YAxis type="category" dataKey="label" width={LABEL_WIDTH} tick={<WrappedTick />} interval={0} axisLine={false} tickLine={false} />
      <Bar dataKey="count" fill="#1e5f9e" isAnimationActive={false} barSize={22} radius={[0, 3, 3, 0]}>
        <LabelList dataKey="count" position="right" style={{ fontSize: 13, fill: "#1e2b3c" }} />
      </Bar>
    </RechartsBarChart>
  );
}

export type Drawn = { svg: string; version: string };

// The drawing itself (this module's chart code and sizes): part of every version, so a changed drawing
// gets new image URLs even where the data is the same.
const DRAWING = `${Chart}|${WrappedTick}|${wrapLabel}|${WIDTH}|${LABEL_WIDTH}|${WRAP}|${LINE}|${ROW}|${FONT}`;

/** The version of a chart's image: what it shows and how it is drawn. */
export function chartVersion(data: BarDatum[]): string {
  return crypto.createHash("sha256").update(DRAWING).update(JSON.stringify(data)).digest("base64url").slice(0, 16);
}

/** The chart's SVG and its version. */
export function drawChart(data: BarDatum[]): Drawn {
  let markup = renderToStaticMarkup(<Chart data={data} />);
  // recharts numbers its clip path with a process-wide counter, and nothing refers to it here (no
  // animation, no overflow): drop it, so the same data gives the same image (and version) in every process.
  if (!markup.includes("url(#")) markup = markup.replace(/<defs><clipPath id="recharts\d+-clip">.*?<\/clipPath><\/defs>/, "");
  // A standalone SVG document: recharts' <svg> without its wrapper <div>, with the SVG namespace (an <img>
  // shows nothing without it), its own font, and its size from width/height (not the wrapper's 100 %).
  const start = markup.indexOf("<svg ");
  const end = markup.lastIndexOf("</svg>");
  if (start < 0 || end < 0) throw new Error("recharts drew no <svg>");
  const svg = markup
    .slice(start, end + "</svg>".length)
    .replace(/^<svg ([^>]*?) ?style="width:100%;height:100%"/, "<svg $1")
    .replace(/^<svg /, `<svg xmlns="http://www.w3.org/2000/svg" font-family="${FONT}" `);
  return { svg, version: chartVersion(data) };
}

/**
 * The chart as a standalone SVG document. React escapes every label and number while rendering (as text or
 * attribute), so labels cannot add markup (tested in tests/integration/charts.test.tsx).
 */
export function barChartSvg(data: BarDatum[]): string {
  return drawChart(data).svg;
}

/**
 * What a loader sends for a chart: its numbers (for the alt text), its size (so the page does not jump while
 * the image loads) and the image's URL at `path` with the current version (`?v=`).
 */
export function chartImage(path: string, data: BarDatum[]): ChartImage {
  return { data, src: `${path}?v=${chartVersion(data)}`, width: WIDTH, height: heightOf(data) };
}
