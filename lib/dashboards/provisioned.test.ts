import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDashboard } from "./parse";

// The dashboards shipped in dashboards/ (provisioned by npm run demo) must always be valid.
const DIR = path.join(__dirname, "../../dashboards");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

describe("provisioned dashboards", () => {
  it.each(files)("%s parses, and its uid matches its file name", (file) => {
    const result = parseDashboard(JSON.parse(readFileSync(path.join(DIR, file), "utf8")));
    expect(result.ok ? [] : result.issues).toEqual([]);
    if (result.ok) expect(`${result.dashboard.uid}.json`).toBe(file);
  });

  it("together they use every panel type and variables with multi, All and chaining", () => {
    const dashboards = files.map((f) => JSON.parse(readFileSync(path.join(DIR, f), "utf8")));
    const types = new Set(dashboards.flatMap((d) => d.panels.flatMap((p: { type: string; panels?: Array<{ type: string }> }) => [p.type, ...(p.panels ?? []).map((c) => c.type)])));
    expect([...types].sort()).toEqual(expect.arrayContaining(["bargauge", "gauge", "heatmap", "row", "stat", "table", "text", "timeseries"]));
  });
});
