import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkJsonText, formatPosition } from "./json-text";

const check = (text: string, maxDepth = 200) => checkJsonText(text, { maxDepth });
const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe("checkJsonText", () => {
  it.each([
    ["{}"],
    ["[]"],
    ['  {"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9\\"\\\\"]}  '],
    ['"just a string"'],
    ["0"],
    ['{"__proto__": {"polluted": true}}'],
  ])("accepts %s", (text) => {
    expect(check(text)).toBeNull();
    expect(parses(text)).toBe(true);
  });

  it.each([
    ['{"a":}', 1, 6, 'expected a value but found "}"'],
    ['{"a":1,}', 1, 8, 'expected a double-quoted property name but found "}"'],
    ["[1,2", 1, 5, "unexpected end of input (an array is not closed)"],
    ["hello", 1, 1, 'expected a value but found "h"'],
    ['{\n  "a" 1\n}', 2, 7, 'expected ":" after a property name but found "1"'],
    ["", 1, 1, "no JSON value: the input is empty"],
    ['{"a":"x\ny"}', 1, 8, "control character U+000A inside a string (escape it)"],
    ["[1] x", 1, 5, 'expected the end of input after the JSON value but found "x"'],
    ['{"a":tru}', 1, 6, 'expected a value but found "t"'],
    ['["\\x"]', 1, 3, 'invalid escape "\\x" in a string'],
    ['["abc', 1, 2, "unterminated string"],
    ["[01]", 1, 3, 'expected "," or "]" after an array element but found "1"'],
    ["{'a': 1}", 1, 2, "expected a double-quoted property name or \"}\" but found \"'\""],
  ])("refuses %j at line %i, column %i: %s", (text, line, column, message) => {
    const problem = check(text);
    expect(problem).toMatchObject({ kind: "syntax", line, column, message });
    expect(parses(text)).toBe(false);
  });

  it("bounds nesting: depth 200 passes, 201 fails at the opening bracket that goes too deep", () => {
    expect(check("[".repeat(200) + "]".repeat(200))).toBeNull();
    const problem = check(`{"a":${"[".repeat(200)}${"]".repeat(200)}}`);
    expect(problem).toMatchObject({ kind: "depth", message: "nesting deeper than 200 levels", position: 5 + 199 });
  });

  it("handles a 100,000-level bomb without recursion (refuses it at depth 201)", () => {
    const bomb = "[".repeat(100_000) + "]".repeat(100_000);
    expect(check(bomb)).toMatchObject({ kind: "depth", position: 200 });
    // An unclosed bomb too: the depth is the problem, not the truncation.
    expect(check('{"x":'.repeat(50_000))).toMatchObject({ kind: "depth" });
  });

  it("agrees with JSON.parse on random JSON and on random mutations of it", () => {
    const mutated = fc.tuple(fc.json(), fc.nat(), fc.constantFrom("", ",", "]", "}", '"', ":", "\\", "x", "\n", "1", "-", "{", "[")).map(([json, at, insert]) => {
      const i = at % (json.length + 1);
      return json.slice(0, i) + insert + json.slice(i + (at % 3 === 0 ? 1 : 0));
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        expect(check(text, 10_000) === null).toBe(parses(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("formats a position for messages", () => {
    expect(formatPosition({ position: 41, line: 3, column: 7 })).toBe("line 3, column 7 (offset 41)");
  });
});
