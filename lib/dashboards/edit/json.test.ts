import { describe, expect, it } from "vitest";
import { checkDashboardJson } from "./json";
import { dash, panel } from "./test-fixtures";

type Doc = Record<string, unknown> & { panels: Array<Record<string, Record<string, unknown>>> };
const text = (mutate: (doc: Doc) => void = () => undefined) => {
  const doc = structuredClone(dash([panel(1, 0)])) as unknown as Doc;
  mutate(doc);
  return JSON.stringify(doc, null, 2);
};

describe("checkDashboardJson", () => {
  it("accepts a valid dashboard", () => {
    expect(checkDashboardJson(text((d) => (d.title = "Renamed")), "u")).toMatchObject({ ok: true, dashboard: { title: "Renamed" } });
  });

  it.each([
    { name: "a grid position too wide", mutate: (d: Doc) => (d.panels[0]!.gridPos!.w = 30), paths: ["panels[0].gridPos.w"] },
    { name: "an empty title and unknown key", mutate: (d: Doc) => ((d.title = ""), (d.extra = 1)), paths: ["(root)", "title"] },
    { name: "another uid", mutate: (d: Doc) => (d.uid = "other"), paths: ["uid"] },
    { name: "no schemaVersion", mutate: (d: Doc) => delete d.schemaVersion, paths: ["schemaVersion"] },
  ])("names the path of $name", ({ mutate, paths }) => {
    const result = checkDashboardJson(text(mutate), "u");
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : [...new Set(result.issues.map((i) => i.path))].sort()).toEqual(paths);
  });

  it("names the line and column of a syntax error", () => {
    const result = checkDashboardJson('{\n  "uid": "u",\n  oops\n}', "u");
    expect(result.ok ? null : result.issues[0]).toMatchObject({ path: "(json)", message: expect.stringContaining("line 3") });
  });
});
