import { describe, expect, it } from "vitest";
import { searchOf } from "./search-params";

describe("searchOf", () => {
  it("keeps repeated names in order, encodes values and drops absent ones", () => {
    const search = searchOf({ from: "now-6h", "var-job": ["a b", "c&d"], to: undefined });
    expect(search).toBe("from=now-6h&var-job=a+b&var-job=c%26d");
    expect(new URLSearchParams(search).getAll("var-job")).toEqual(["a b", "c&d"]);
  });
});
