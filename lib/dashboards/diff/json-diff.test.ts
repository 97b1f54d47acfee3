import { describe, expect, it } from "vitest";
import { diffJson, formatPath, jsonEqual, matchKeyOf, type JsonChange } from "./json-diff";

const panel = (id: number, title: string, extra: Record<string, unknown> = {}) => ({ id, type: "stat", title, ...extra });
const brief = (changes: JsonChange[]) => changes.map(({ path, kind, before, after, reordered }) => ({ path, kind, before, after, ...(reordered ? { reordered } : {}) }));

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["title"], "title"],
    [["panels", 2, "title"], "panels[2].title"],
    [["templating", "list", 0, "current", "value"], "templating.list[0].current.value"],
    [["a b", 0], '["a b"][0]'],
    [["x", "my-key"], 'x["my-key"]'],
  ] as const)("%j -> %s", (segments, path) => {
    expect(formatPath(segments)).toBe(path);
  });
});

describe("jsonEqual", () => {
  it.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: [] }, { a: {} }, false],
    [null, {}, false],
    ["1", 1, false],
  ])("%j vs %j -> %s", (a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
  });
});

describe("matchKeyOf", () => {
  it.each([
    ["panels by id", [{ id: 1 }], [{ id: 2 }, { id: 1 }], "id"],
    ["variables by name", [{ name: "a" }], [{ name: "b" }], "name"],
    ["queries by refId", [{ refId: "A" }], [{ refId: "B" }], "refId"],
    ["id wins over name", [{ id: 1, name: "a" }], [{ id: 1, name: "b" }], "id"],
    ["position when one lacks the key", [{ id: 1 }, { title: "x" }], [{ id: 1 }], null],
    ["position when a key repeats", [{ id: 1 }, { id: 1 }], [{ id: 1 }], null],
    ["position for plain values", [1, 2], [2], null],
    ["position for two empty arrays", [], [], null],
  ] as const)("%s", (_name, a, b, key) => {
    expect(matchKeyOf(a, b)).toBe(key);
  });
});

describe("diffJson", () => {
  it.each<[string, unknown, unknown, ReturnType<typeof brief>]>([
    ["equal documents", { title: "A", panels: [panel(1, "x")] }, { title: "A", panels: [panel(1, "x")] }, []],
    ["a changed field", { title: "A" }, { title: "B" }, [{ path: "title", kind: "changed", before: "A", after: "B" }]],
    ["an added field", { title: "A" }, { title: "A", description: "d" }, [{ path: "description", kind: "added", before: undefined, after: "d" }]],
    ["a removed field", { a: { b: 1, c: 2 } }, { a: { b: 1 } }, [{ path: "a.c", kind: "removed", before: 2, after: undefined }]],
    ["a type change", { a: { b: 1 } }, { a: [1] }, [{ path: "a", kind: "changed", before: { b: 1 }, after: [1] }]],
    ["plain arrays as one value", { tags: ["a", "b"] }, { tags: ["b"] }, [{ path: "tags", kind: "changed", before: ["a", "b"], after: ["b"] }]],
    [
      "panels matched by id after one is inserted in front",
      { panels: [panel(1, "CPU"), panel(2, "Errors")] },
      { panels: [panel(3, "New"), panel(1, "CPU"), panel(2, "Failures")] },
      [
        { path: "panels[0]", kind: "added", before: undefined, after: panel(3, "New") },
        { path: "panels[2].title", kind: "changed", before: "Errors", after: "Failures" },
      ],
    ],
    [
      "a removed panel keeps its old index",
      { panels: [panel(1, "CPU"), panel(2, "Errors")] },
      { panels: [panel(2, "Errors")] },
      [{ path: "panels[0]", kind: "removed", before: panel(1, "CPU"), after: undefined }],
    ],
    [
      "reordered panels",
      { panels: [panel(1, "a"), panel(2, "b")] },
      { panels: [panel(2, "b"), panel(1, "a")] },
      [{ path: "panels", kind: "changed", before: [1, 2], after: [2, 1], reordered: true }],
    ],
    [
      "panels without ids by position",
      { panels: [{ title: "a" }, { title: "b" }] },
      { panels: [{ title: "b" }] },
      [
        { path: "panels[0].title", kind: "changed", before: "a", after: "b" },
        { path: "panels[1]", kind: "removed", before: { title: "b" }, after: undefined },
      ],
    ],
    [
      "variables by name",
      { templating: { list: [{ name: "env", query: "a" }, { name: "job", query: "x" }] } },
      { templating: { list: [{ name: "job", query: "y" }, { name: "pod", query: "p" }] } },
      [
        { path: "templating.list[0]", kind: "removed", before: { name: "env", query: "a" }, after: undefined },
        { path: "templating.list[0].query", kind: "changed", before: "x", after: "y" },
        { path: "templating.list[1]", kind: "added", before: undefined, after: { name: "pod", query: "p" } },
      ],
    ],
    [
      "a panel in a collapsed row",
      { panels: [{ id: 9, type: "row", panels: [panel(1, "a")] }] },
      { panels: [{ id: 9, type: "row", panels: [panel(1, "b")] }] },
      [{ path: "panels[0].panels[0].title", kind: "changed", before: "a", after: "b" }],
    ],
    [
      "queries by refId",
      { targets: [{ refId: "A", expr: "up" }, { refId: "B", expr: "x" }] },
      { targets: [{ refId: "B", expr: "x" }] },
      [{ path: "targets[0]", kind: "removed", before: { refId: "A", expr: "up" }, after: undefined }],
    ],
    ["undefined counts as absent", { a: 1, b: undefined }, { a: 1 }, []],
    ["a root primitive", 1, 2, [{ path: "", kind: "changed", before: 1, after: 2 }]],
  ])("%s", (_name, before, after, expected) => {
    expect(brief(diffJson(before, after))).toEqual(expected);
  });

  it("gives segments that name the same place as the path", () => {
    const [c] = diffJson({ panels: [panel(1, "a")] }, { panels: [panel(1, "b")] });
    expect(c?.segments).toEqual(["panels", 0, "title"]);
  });
});
