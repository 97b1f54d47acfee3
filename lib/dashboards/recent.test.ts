import { describe, expect, it } from "vitest";
import { parseRecent, pushRecent } from "./recent";

describe("recently viewed", () => {
  it("moves a viewed uid to the front without duplicates, keeping at most max", () => {
    expect(pushRecent(["a", "b", "c"], "b")).toEqual(["b", "a", "c"]);
    expect(pushRecent(["a", "b", "c"], "d", 3)).toEqual(["d", "a", "b"]);
    expect(pushRecent([], "a")).toEqual(["a"]);
  });

  it("reads only a list of uid-shaped strings from storage", () => {
    expect(parseRecent('["a","b"]')).toEqual(["a", "b"]);
    expect(parseRecent('["a", 1, "../x", null, "ok-1"]')).toEqual(["a", "ok-1"]);
    expect(parseRecent("{oops")).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent(null)).toEqual([]);
  });
});
