import { describe, expect, it } from "vitest";
import { HEATMAP_SCHEMES, toChartOption } from "./to-chart-option";

const buckets = { bucketLabels: ["0.5", "+Inf"], timesMs: [Date.UTC(2024, 0, 1, 10), Date.UTC(2024, 0, 1, 11)], counts: [[4, null], [0, 7]] };

describe("toChartOption (heatmap)", () => {
  const option = toChartOption({ buckets, colorScheme: "viridis", timezone: "utc" });

  it("puts times across and bucket bounds up, as categories", () => {
    expect(option.xAxis).toMatchObject({ type: "category", data: buckets.timesMs });
    expect(option.yAxis).toMatchObject({ type: "category", data: ["0.5", "+Inf"] });
  });

  it("emits [x, y, count] cells, skipping gaps", () => {
    expect(option.series).toEqual([expect.objectContaining({ type: "heatmap", data: [[0, 0, 4], [0, 1, 0], [1, 1, 7]] })]);
  });

  it("scales colour from 0 to the largest count with the chosen scheme", () => {
    expect(option.visualMap).toMatchObject({ min: 0, max: 7, inRange: { color: HEATMAP_SCHEMES.viridis } });
    expect(toChartOption({ buckets: { bucketLabels: [], timesMs: [], counts: [] }, colorScheme: "blues", timezone: "utc" }).visualMap).toMatchObject({ max: 1 });
  });

  it("labels the time axis and the tooltip in the dashboard's zone", () => {
    const axis = option.xAxis as { axisLabel: { formatter: (v: string) => string } };
    expect(axis.axisLabel.formatter(String(buckets.timesMs[0]))).toBe("10:00");
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    expect(tooltip.formatter({ value: [1, 1, 7] })).toBe("<div><b>2024-01-01 11:00:00</b></div><div>le +Inf: <b>7</b></div>");
  });
});
