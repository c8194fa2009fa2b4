// What the page reports about itself (window.gobaselineDashboard.view()), for its browser test,
// the speed bench, and anyone inspecting it from the console. DOM-free, so node code can share it.

export interface DashboardView {
  /** A failed request or script error, or null. */
  error: string | null;
  /** ms from navigation to the first chart drawn (performance.now() at that draw). */
  firstChartMs: number | null;
  /** Change points drawn on the trend chart, and their lines under it. */
  marksDrawn: number;
  changes: string[];
  /** Points of the trend chart's median series. */
  trendPoints: number;
  /** Machines drawn in the comparison chart. */
  compareSeries: number;
  /** Rows of the newest run's table. */
  latestRows: number;
  /** Whether the I/O heat map of an `analyze io` was drawn. */
  ioHeatMap: boolean;
}
