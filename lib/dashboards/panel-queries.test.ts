import { describe, expect, it } from "vitest";
import { planPanelQueries } from "./panel-queries";
import { panelSchema, type Panel } from "./schema";
import type { VariableState } from "./variables/types";

const datasources = [
  { id: "global", name: "G", type: "prometheus" as const, default: true, scrapeInterval: "15s" },
  { id: "east", name: "E", type: "prometheus" as const, default: false, scrapeInterval: "5s" },
];
const multi = (values: string[]): VariableState => ({ value: values, text: values, options: values.map((v) => ({ text: v, value: v })), multi: true, includeAll: true });
const panel = (over: Record<string, unknown>): Panel =>
  panelSchema.parse({ id: 1, type: "timeseries", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "up" }], ...over });

const H6 = 6 * 3600_000;
const base = { datasources, range: { startMs: 1_700_000_000_000 - H6, endMs: 1_700_000_000_000 }, widthPx: 1000, scope: {} };

describe("planPanelQueries", () => {
  it("computes Grafana's step for 6h over 1000 px (20s), aligned to the step", () => {
    const r = planPanelQueries({ ...base, panel: panel({}) });
    if (!r.ok) throw new Error(r.error);
    const q = r.queries[0]!;
    expect(q.stepS).toBe(20);
    expect(q.datasource).toBe("global");
    expect(q.startS % 20).toBe(0);
    expect(q.endS % 20).toBe(0);
    expect(q.endS).toBeLessThanOrEqual(1_700_000_000);
  });

  it("interpolates multi values as a regex alternation and $__rate_interval from the datasource's scrape interval", () => {
    const r = planPanelQueries({
      ...base,
      panel: panel({ datasource: "east", targets: [{ refId: "A", expr: 'rate(x{cluster=~"$cluster"}[$__rate_interval])', legendFormat: "{{cluster}} $env" }] }),
      scope: { cluster: multi(["east", "west"]), env: "prod" },
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.queries[0]!.expr).toBe('rate(x{cluster=~"(east|west)"}[25s])'); // max(20s + 5s, 4 × 5s)
    expect(r.queries[0]!.legendFormat).toBe("{{cluster}} prod");
  });

  it("a repeated clone's scope wins: $cluster is its own value", () => {
    const r = planPanelQueries({ ...base, panel: panel({ targets: [{ refId: "A", expr: 'up{cluster="$cluster"}' }] }), scope: { cluster: "west" } });
    expect(r.ok && r.queries[0]!.expr).toBe('up{cluster="west"}');
  });

  it("skips hidden and empty targets; instant targets evaluate at the range end", () => {
    const r = planPanelQueries({ ...base, panel: panel({ targets: [{ refId: "A", expr: "up", hide: true }, { refId: "B", expr: " " }, { refId: "C", expr: "up", instant: true }] }) });
    if (!r.ok) throw new Error(r.error);
    expect(r.queries.map((q) => q.refId)).toEqual(["C"]);
    expect(r.queries[0]!.endS).toBe(1_700_000_000);
  });

  it("honours a min step and maxDataPoints", () => {
    const r = planPanelQueries({ ...base, panel: panel({ maxDataPoints: 100, targets: [{ refId: "A", expr: "up", minStep: "5m" }] }) });
    expect(r.ok && r.queries[0]!.stepS).toBe(300);
  });

  it("names an unknown datasource, also through a variable", () => {
    expect(planPanelQueries({ ...base, panel: panel({ datasource: "nope" }) })).toEqual({ ok: false, error: 'unknown datasource "nope"' });
    expect(planPanelQueries({ ...base, panel: panel({ datasource: "$ds" }), scope: { ds: "east" } }).ok).toBe(true);
  });
});
