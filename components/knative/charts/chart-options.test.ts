import { describe, expect, it } from "vitest";
import type { RevisionEvents } from "@/lib/knative/view/events";
import { viewSettingsFor } from "@/lib/knative/view/settings";
import { timelineFromMatrix } from "@/lib/knative/view/timeline";
import { concurrencyLines, eventMarkers, lineChartOption, podLines, tooltipHtml } from "./chart-options";

const START = 1_700_000_000;
const tl = timelineFromMatrix(
  [
    { metric: { __name__: "autoscaler_stable_request_concurrency" }, values: [[START, "40"], [START + 10, "90"]] },
    { metric: { __name__: "autoscaler_panic_request_concurrency" }, values: [[START, "50"], [START + 10, "300"]] },
    { metric: { __name__: "autoscaler_actual_pods" }, values: [[START, "0"], [START + 10, "3"]] },
    { metric: { __name__: "autoscaler_target_concurrency_per_pod" }, values: [[START, "70"], [START + 10, "70"]] },
  ],
  "opencensus", START, START + 10, 10,
);
const settings = viewSettingsFor(null);

describe("concurrencyLines", () => {
  it("divides totals by ready (≥ 1) and draws the target per pod", () => {
    const { lines, unit } = concurrencyLines(tl, settings);
    expect(unit).toBe("concurrency per pod");
    expect(lines.map((l) => [l.name, l.values])).toEqual([
      ["stable 60s avg per pod", [40, 30]],
      ["panic 6s avg per pod", [50, 100]],
      ["target per pod", [70, 70]],
    ]);
  });

  it.each([
    [null, /containerConcurrency unknown/, false],
    [0, /no hard limit/, false],
    [10, null, true],
  ])("containerConcurrency %s", (cc, note, drawn) => {
    const r = concurrencyLines(tl, { ...settings, containerConcurrency: cc });
    if (note) expect(r.limitNote).toMatch(note);
    else expect(r.limitNote).toBeNull();
    const limit = r.lines.find((l) => l.name.startsWith("containerConcurrency"));
    expect(Boolean(limit)).toBe(drawn);
    if (limit) expect(limit.values).toEqual([10, 10]);
  });

  it("draws pods as steps", () => {
    expect(podLines(tl).every((l) => l.step)).toBe(true);
    expect(podLines(tl).find((l) => l.name === "ready")?.values).toEqual([0, 3]);
  });
});

describe("lineChartOption", () => {
  const events: RevisionEvents = {
    panic: [{ startS: START, endS: START + 10, entry: null }],
    activator: [{ startS: START + 5, endS: START + 10 }],
    marks: [{ t: START + 10, kind: "cold-start", waitSeconds: 8 }],
  };
  const frame = { times: tl.times, startS: START, endS: START + 10, events, explain: () => ["panic: <b>x</b>"] };
  const option = lineChartOption(frame, concurrencyLines(tl, settings).lines, [{ name: "concurrency per pod" }]);
  const series = option.series as Array<Record<string, unknown>>;

  it("shades panic and activator bands and marks cold starts on the first series", () => {
    const area = series[0]!.markArea as { data: Array<[{ xAxis: number; name?: string }, { xAxis: number }]> };
    expect(area.data.map(([a, b]) => [a.name, a.xAxis, b.xAxis])).toEqual([
      ["activator in path", (START + 5) * 1000, (START + 10) * 1000],
      ["panic", START * 1000, (START + 10) * 1000],
    ]);
    const line = series[0]!.markLine as { data: Array<{ xAxis: number; name: string }> };
    expect(line.data).toMatchObject([{ xAxis: (START + 10) * 1000, name: "cold start 8s" }]);
    expect(series[1]!.markArea).toBeUndefined();
  });

  it("uses epoch ms on the x axis and starts the y axis at zero", () => {
    expect(series[0]!.data).toEqual([[START * 1000, 40], [(START + 10) * 1000, 30]]);
    expect((option.yAxis as Array<{ min: number }>)[0]!.min).toBe(0);
  });

  it("explains the moment in the tooltip with every text escaped", () => {
    const html = tooltipHtml([{ axisValue: START * 1000, seriesName: "<img src=x>", color: "#f00", value: [START * 1000, 1.23456] }], frame.explain);
    expect(html).toContain("panic: &#60;b&#62;x&#60;/b&#62;");
    expect(html).toContain("&#60;img src=x&#62;: <b>1.23</b>");
    expect(html).not.toContain("<img");
  });
});

describe("eventMarkers", () => {
  const band = (i: number) => ({ startS: START + i * 100, endS: START + i * 100 + 20 });
  const events = (n: number): RevisionEvents =>
    ({ panic: Array.from({ length: n }, (_, i) => ({ ...band(i), entry: null })), activator: [band(50)], marks: [] });
  const panicLabels = (n: number) =>
    (eventMarkers(events(n)).markArea?.data ?? [])
      .map(([from]) => from)
      .filter((p) => p.name === "panic")
      .map((p) => p.label?.show);

  it("labels a few panic bands, and none when they would collide", () => {
    expect(panicLabels(3)).toEqual([true, true, true]);
    expect(panicLabels(7)).toEqual(Array(7).fill(false));
  });
  it("draws every band at its time, activator bands unlabelled", () => {
    const data = eventMarkers(events(2)).markArea?.data ?? [];
    expect(data.map(([a, b]) => [a.name, a.xAxis, b.xAxis])).toEqual([
      ["activator in path", (START + 5000) * 1000, (START + 5020) * 1000],
      ["panic", START * 1000, (START + 20) * 1000],
      ["panic", (START + 100) * 1000, (START + 120) * 1000],
    ]);
  });
});
