import { describe, expect, it } from "vitest";
import { diffLines, formatUnified, toHunks, type DiffLine } from "./line-diff";

const signs = (lines: DiffLine[]) => lines.map((l) => ({ equal: " ", added: "+", removed: "-" })[l.kind] + l.text).join("|");
const split = (s: string) => (s === "" ? [] : s.split(""));

// Rebuilding both sides from the diff is the property every diff must have.
function sides(lines: DiffLine[]): [string, string] {
  return [lines.filter((l) => l.kind !== "added").map((l) => l.text).join(""), lines.filter((l) => l.kind !== "removed").map((l) => l.text).join("")];
}

describe("diffLines", () => {
  it.each([
    ["equal", "abc", "abc", " a| b| c"],
    ["both empty", "", "", ""],
    ["all added", "", "ab", "+a|+b"],
    ["all removed", "ab", "", "-a|-b"],
    ["one changed in the middle", "abc", "aXc", " a|-b|+X| c"],
    ["insertion at the start", "bc", "abc", "+a| b| c"],
    ["deletion at the end", "abc", "ab", " a| b|-c"],
    ["Myers' example", "abcabba", "cbabac", "-a|-b| c|+b| a| b|-b| a|+c"],
  ])("%s", (_name, a, b, expected) => {
    const lines = diffLines(split(a), split(b));
    expect(signs(lines)).toBe(expected);
    expect(sides(lines)).toEqual([a, b]);
  });

  it("numbers lines on each side", () => {
    expect(diffLines(["a", "b"], ["a", "c"])).toEqual([
      { kind: "equal", text: "a", oldNo: 1, newNo: 1 },
      { kind: "removed", text: "b", oldNo: 2 },
      { kind: "added", text: "c", newNo: 2 },
    ]);
  });

  it.each([
    ["within the limit", 4, "-a|-b|+c|+d"],
    ["past the limit: removed block, then added block", 1, "-a|-b|+c|+d"],
  ])("large edits %s", (_name, maxEdits, expected) => {
    expect(signs(diffLines(["a", "b"], ["c", "d"], maxEdits))).toBe(expected);
  });

  it("keeps the shortest edit script on longer input", () => {
    const a = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    const b = a.filter((_, i) => i % 50 !== 7).map((l, i) => (i % 60 === 3 ? `${l}!` : l));
    const lines = diffLines(a, b);
    expect(sides(lines)).toEqual([a.join(""), b.join("")]);
    expect(lines.filter((l) => l.kind === "removed").length).toBe(6 + 5);
    expect(lines.filter((l) => l.kind === "added").length).toBe(5);
  });
});

describe("toHunks and formatUnified", () => {
  const before = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];
  it.each([
    ["no changes", before, 3, ""],
    ["a change near the start", ["1", "X", ...before.slice(2)], 3, "@@ -1,5 +1,5 @@\n 1\n-2\n+X\n 3\n 4\n 5"],
    ["an insertion at the end", [...before, "13"], 1, "@@ -12,1 +12,2 @@\n 12\n+13"],
    ["a deletion with no context", before.filter((l) => l !== "6"), 0, "@@ -6,1 +5,0 @@\n-6"],
    [
      "two changes far apart make two hunks",
      before.map((l) => (l === "2" || l === "11" ? `${l}!` : l)),
      1,
      "@@ -1,3 +1,3 @@\n 1\n-2\n+2!\n 3\n@@ -10,3 +10,3 @@\n 10\n-11\n+11!\n 12",
    ],
    [
      "two changes close together share a hunk",
      before.map((l) => (l === "2" || l === "5" ? `${l}!` : l)),
      1,
      "@@ -1,6 +1,6 @@\n 1\n-2\n+2!\n 3\n 4\n-5\n+5!\n 6",
    ],
  ])("%s", (_name, after, context, expected) => {
    expect(formatUnified(toHunks(diffLines(before, after), context))).toBe(expected);
  });

  it("starts an insertion into an empty file at 0", () => {
    expect(toHunks(diffLines([], ["a"]))).toEqual([{ oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: [{ kind: "added", text: "a", newNo: 1 }] }]);
  });
});
