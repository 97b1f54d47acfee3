import { describe, expect, it } from "vitest";
import { panelDataToCsv } from "./csv";
import { Samples } from "@/lib/panels/samples";

describe("panelDataToCsv", () => {
  it("writes one row per sample with a column per label, gaps empty", () => {
    const csv = panelDataToCsv({
      series: [
        { refId: "A", name: "east", labels: { cluster: "east", job: "api" }, samples: Samples.fromPairs([[0, 1.5], [15_000, null]]) },
        { refId: "A", name: "west", labels: { cluster: "west" }, samples: Samples.fromPairs([[0, 2]]) },
      ],
      instant: [],
    });
    expect(csv).toBe(
      "Series,cluster,job,Time,Value\r\n" +
        "east,east,api,1970-01-01T00:00:00.000Z,1.5\r\n" +
        "east,east,api,1970-01-01T00:00:15.000Z,\r\n" +
        "west,west,,1970-01-01T00:00:00.000Z,2\r\n",
    );
  });

  it("quotes commas, quotes and line breaks, and defuses spreadsheet formulas", () => {
    const csv = panelDataToCsv({
      series: [],
      instant: [{ refId: "A", name: 'a,"b"', labels: { path: "=HYPERLINK(\"x\")", note: "line\nbreak", neg: "-5" }, value: -1, timeMs: 0 }],
    });
    expect(csv.split("\r\n")[1]).toBe('"a,""b""",-5,"line\nbreak","\'=HYPERLINK(""x"")",1970-01-01T00:00:00.000Z,-1');
  });

  it("has only the header when there is no data", () => {
    expect(panelDataToCsv({ series: [], instant: [] })).toBe("Series,Time,Value\r\n");
  });
});
