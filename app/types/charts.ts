/** Chart data as models compute it and components show it (kept apart so models never import components). */
export type BarDatum = { label: string; count: number };
/** A chart as loaders send it (made by `chartImage` in models/charts.server.tsx). */
export type ChartImage = { data: BarDatum[]; src: string; width: number; height: number };
