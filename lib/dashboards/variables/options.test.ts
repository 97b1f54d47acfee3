import { describe, expect, it } from "vitest";
import { sortOptions, stringToJsRegex, toVariableOptions, type VariableSort } from "./options";

const texts = (...values: string[]) => values.map((text) => ({ text }));
const opts = (...values: string[]) => values.map((v) => ({ text: v, value: v }));

describe("toVariableOptions: regex", () => {
  const pods = texts("api-7d9f-abc", "api-7d9f-def", "web-55c-xyz", "worker");
  it.each<[string, Array<{ text: string; value: string }>]>([
    ["", opts("api-7d9f-abc", "api-7d9f-def", "web-55c-xyz", "worker")],
    ["api.*", opts("api-7d9f-abc", "api-7d9f-def")], // a bare pattern must match the whole value
    ["api", []],
    ["/api/", opts("api-7d9f-abc", "api-7d9f-def")], // /.../ is unanchored
    ["/^(\\w+)-/", opts("api", "web")], // the first capture group becomes the value; then de-duplicated
    ["/(?<value>\\w+)-(?<text>\\w+)-/", [{ value: "api", text: "7d9f" }, { value: "web", text: "55c" }]],
    ["/(?<text>\\w+)-/", opts("api", "web")],
    ["/WORKER/i", opts("worker")],
  ])("%j", (regex, expected) => {
    expect(toVariableOptions(pods, regex, "none")).toEqual(expected);
  });

  it("makes an option of every match with the g flag", () => {
    expect(toVariableOptions(texts("a=1,b=2", "c=3"), "/(\\w)=/g", "none")).toEqual(opts("a", "b", "c"));
  });

  it("keeps a value's text when it has one", () => {
    expect(toVariableOptions([{ text: "Thanos", value: "thanos" }], "", "none")).toEqual([{ text: "Thanos", value: "thanos" }]);
  });

  it("throws on an invalid /regex/", () => {
    expect(() => stringToJsRegex("/a/q")).toThrow("is not a valid regular expression");
    expect(() => toVariableOptions(texts("a"), "(", "none")).toThrow();
  });
});

describe("sortOptions (sortVariableValues)", () => {
  const values = opts("b10", "B2", "a1", "c", "b2");
  it.each<[VariableSort, string[]]>([
    ["none", ["b10", "B2", "a1", "c", "b2"]],
    ["alpha-asc", ["B2", "a1", "b10", "b2", "c"]], // code-unit order: upper case first
    ["alpha-desc", ["c", "b2", "b10", "a1", "B2"]],
    ["num-asc", ["c", "a1", "B2", "b2", "b10"]], // by the first number; none counts as -1
    ["num-desc", ["b10", "b2", "B2", "a1", "c"]], // ties reversed, as Grafana reverses the ascending sort
    ["alpha-ci-asc", ["a1", "b10", "B2", "b2", "c"]],
    ["alpha-ci-desc", ["c", "b2", "B2", "b10", "a1"]],
  ])("%s", (sort, expected) => {
    expect(sortOptions(values, sort).map((o) => o.text)).toEqual(expected);
  });

  it("dedupes before sorting, keeping the first", () => {
    expect(toVariableOptions([{ text: "x", value: "1" }, { text: "y", value: "1" }, { text: "a", value: "2" }], "", "alpha-asc")).toEqual([
      { text: "a", value: "2" },
      { text: "x", value: "1" },
    ]);
  });
});
