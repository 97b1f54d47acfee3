import { describe, expect, it } from "vitest";
import { diffDashboards } from "./index";
import { diffJson } from "./json-diff";
import { formatValue, summarizeChanges } from "./summary";

const panel = (id: number, title: string, extra: Record<string, unknown> = {}) => ({ id, type: "timeseries", title, ...extra });
const dash = (extra: Record<string, unknown> = {}) => ({ title: "Service", tags: ["a"], panels: [panel(1, "CPU"), panel(2, "Errors")], templating: { list: [{ name: "env", type: "custom", query: "a,b" }] }, ...extra });
const texts = (before: unknown, after: unknown) => summarizeChanges(diffJson(before, after), before, after).map((s) => s.text);

describe("formatValue", () => {
  it.each([
    [undefined, "nothing"],
    ["A", '"A"'],
    [3, "3"],
    [null, "null"],
    [["a", "b"], '["a","b"]'],
    ["x".repeat(100), `"${"x".repeat(78)}…`],
  ])("%j -> %s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe("summarizeChanges", () => {
  it.each<[string, unknown, unknown, string[]]>([
    ["a dashboard field", dash(), dash({ title: "Svc" }), ['Dashboard title changed from "Service" to "Svc"']],
    ["tags", dash(), dash({ tags: ["a", "b"] }), ['Dashboard tags changed from ["a"] to ["a","b"]']],
    ["a panel title, named by its old title", dash(), dash({ panels: [panel(1, "CPU"), panel(2, "Failures")] }), ['Panel “Errors” title changed from "Errors" to "Failures"']],
    [
      "a nested panel field",
      dash(),
      dash({ panels: [panel(1, "CPU", { fieldConfig: { defaults: { unit: "s" } } }), panel(2, "Errors")] }),
      ['Panel “CPU” fieldConfig added: {"defaults":{"unit":"s"}}'],
    ],
    [
      "a query of a panel, by refId",
      dash({ panels: [panel(1, "CPU", { targets: [{ refId: "A", expr: "up" }, { refId: "B", expr: "x" }] })] }),
      dash({ panels: [panel(1, "CPU", { targets: [{ refId: "B", expr: "y" }, { refId: "C", expr: "z" }] })] }),
      ["Removed query A of panel “CPU”", 'Query B of panel “CPU” expr changed from "x" to "y"', "Added query C of panel “CPU”"],
    ],
    [
      "reordered queries",
      dash({ panels: [panel(1, "CPU", { targets: [{ refId: "A" }, { refId: "B" }] })] }),
      dash({ panels: [panel(1, "CPU", { targets: [{ refId: "B" }, { refId: "A" }] })] }),
      ["Query order of panel “CPU” changed from A, B to B, A"],
    ],
    [
      "a query of a panel in a row",
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(1, "CPU", { targets: [{ refId: "A", expr: "up" }] })] }] }),
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(1, "CPU", { targets: [{ refId: "A", expr: "down" }] })] }] }),
      ['Query A of panel “CPU” in row “Infra” expr changed from "up" to "down"'],
    ],
    ["an added panel", dash(), dash({ panels: [panel(1, "CPU"), panel(2, "Errors"), panel(3, "Latency")] }), ["Added panel “Latency” (timeseries)"]],
    ["a removed panel", dash(), dash({ panels: [panel(2, "Errors")] }), ["Removed panel “CPU”"]],
    ["an untitled panel by id", dash({ panels: [panel(7, "")] }), dash({ panels: [panel(7, "", { description: "d" })] }), ['Panel #7 description added: "d"']],
    ["reordered panels", dash(), dash({ panels: [panel(2, "Errors"), panel(1, "CPU")] }), ["Panel order changed from 1, 2 to 2, 1"]],
    [
      "a panel in a row",
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(1, "CPU")] }] }),
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(1, "CPU", { description: "x" })] }] }),
      ['Panel “CPU” in row “Infra” description added: "x"'],
    ],
    [
      "a removed panel in a row",
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(1, "CPU"), panel(2, "Mem")] }] }),
      dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [panel(2, "Mem")] }] }),
      ["Removed panel “CPU” in row “Infra”"],
    ],
    ["an added row", dash({ panels: [] }), dash({ panels: [{ id: 9, type: "row", title: "Infra", panels: [] }] }), ["Added row “Infra”"]],
    [
      "a variable field",
      dash(),
      dash({ templating: { list: [{ name: "env", type: "custom", query: "a,b,c" }] } }),
      ['Variable “env” query changed from "a,b" to "a,b,c"'],
    ],
    [
      "an added and a removed variable",
      dash(),
      dash({ templating: { list: [{ name: "job", type: "query", query: "up" }] } }),
      ["Removed variable “env”", "Added variable “job” (query)"],
    ],
    [
      "reordered variables",
      dash({ templating: { list: [{ name: "a" }, { name: "b" }] } }),
      dash({ templating: { list: [{ name: "b" }, { name: "a" }] } }),
      ["Variable order changed from a, b to b, a"],
    ],
    ["a removed dashboard field", dash({ description: "old" }), dash(), ['Dashboard description removed (was "old")']],
  ])("%s", (_name, before, after, expected) => {
    expect(texts(before, after)).toEqual(expected);
  });

  it("keeps kind and path beside the text", () => {
    expect(summarizeChanges(diffJson(dash(), dash({ title: "X" })), dash(), dash({ title: "X" }))).toEqual([
      { kind: "changed", path: "title", text: 'Dashboard title changed from "Service" to "X"' },
    ]);
  });
});

describe("diffDashboards", () => {
  it("gives the summary and the JSON line diff together", () => {
    const d = diffDashboards(dash(), dash({ title: "Svc" }), 0);
    expect(d.summary.map((s) => s.text)).toEqual(['Dashboard title changed from "Service" to "Svc"']);
    expect(d.hunks).toHaveLength(1);
    expect(d.hunks[0]?.lines.map((l) => `${l.kind}:${l.text}`)).toEqual(['removed:  "title": "Service",', 'added:  "title": "Svc",']);
    expect([d.linesAdded, d.linesRemoved]).toEqual([1, 1]);
  });

  it("finds nothing between equal documents", () => {
    expect(diffDashboards(dash(), dash())).toEqual({ changes: [], summary: [], hunks: [], linesAdded: 0, linesRemoved: 0 });
  });
});
