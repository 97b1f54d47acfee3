import { describe, expect, it } from "vitest";
import { CHART_PAINTED_MARK, PAGE_MARKS } from "@/components/charts/painted-mark";
import { milestones, type PageTimings } from "./page-trace";

const timings = (over: Partial<PageTimings> = {}): PageTimings => ({
  html: { requestStart: 1, responseStart: 20, responseEnd: 30, domInteractive: 200, domContentLoaded: 250 },
  resources: [
    { name: "/_next/static/chunks/a.js", initiatorType: "script", startTime: 40, responseEnd: 120 },
    { name: "/api/queries", initiatorType: "fetch", startTime: 60, responseEnd: 300 },
    { name: "/api/ds/prom/api/v1/query_range", initiatorType: "fetch", startTime: 700, responseEnd: 760 },
    { name: "/_next/static/chunks/late.js", initiatorType: "script", startTime: 600, responseEnd: 650 },
  ],
  painted: [900, 1100],
  marks: [
    { name: PAGE_MARKS.panelQueriesAsked, startTime: 500 },
    { name: PAGE_MARKS.echartsReady, startTime: 640 },
    { name: PAGE_MARKS.chartFirstDraw, startTime: 820 },
    { name: PAGE_MARKS.chartFirstDraw, startTime: 1050 },
    { name: "orrery:something-else", startTime: 10 },
  ],
  ...over,
});

describe("a dashboard navigation's milestones", () => {
  it("reads the network from Resource Timing and the page's phases from its marks", () => {
    const m = milestones(timings(), "/api/dashboards/x");
    expect(m).toMatchObject({
      htmlFirstByte: 20,
      // Only scripts asked for before DOMContentLoaded are the HTML's.
      scriptsDone: 120,
      firstQueryStarted: 60,
      lastQueryStarted: 700,
      lastQueryDone: 760,
      queries: 2,
      panelQueriesAsked: 500,
      echartsReady: 640,
      firstDrawStarted: 820,
      lastDrawStarted: 1050,
      firstPainted: 900,
      allPainted: 1100,
    });
    expect(m.dashboardRequested).toBeNaN();
  });

  it("gives NaN for a phase the page did not mark (e.g. a build without the marks)", () => {
    const m = milestones(timings({ marks: [] }), "/api/dashboards/x");
    expect([m.panelQueriesAsked, m.echartsReady, m.firstDrawStarted, m.lastDrawStarted]).toEqual([NaN, NaN, NaN, NaN]);
    expect(CHART_PAINTED_MARK.startsWith("orrery:")).toBe(true);
  });
});
