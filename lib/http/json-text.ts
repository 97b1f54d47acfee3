// Checks JSON text before JSON.parse sees it: a syntax error names its line, column and offset
// (V8's messages often do not, and echo the input), and nesting is bounded so a "depth bomb" is
// refused before any recursive walker can overflow the stack. One pass, no recursion.

/** Where in the text a problem is: 0-based offset, 1-based line and column (in UTF-16 units). */
export interface JsonTextPosition {
  position: number;
  line: number;
  column: number;
}

export type JsonTextProblem = JsonTextPosition & { kind: "syntax" | "depth"; message: string };

export interface JsonTextOptions {
  /** Deepest nesting of arrays and objects allowed (the top-level value is depth 1). */
  maxDepth: number;
}

function positionOf(text: string, offset: number): JsonTextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { position: offset, line, column: offset - lineStart + 1 };
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function describe(text: string, i: number): string {
  if (i >= text.length) return "end of input";
  const ch = text.codePointAt(i)!;
  return ch < 0x20 ? `control character U+${ch.toString(16).padStart(4, "0").toUpperCase()}` : `"${String.fromCodePoint(ch)}"`;
}

type Frame = "array" | "object";
// What the scanner expects next.
type Expect = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";

/**
 * The first problem of `text` as JSON (a syntax error, or nesting deeper than `maxDepth`), or null
 * when JSON.parse will accept it and its nesting is within bounds.
 */
export function checkJsonText(text: string, { maxDepth }: JsonTextOptions): JsonTextProblem | null {
  const stack: Frame[] = [];
  let expect: Expect = "value";
  let i = 0;
  const fail = (at: number, message: string, kind: "syntax" | "depth" = "syntax"): JsonTextProblem => ({ kind, message, ...positionOf(text, at) });
  const unexpected = (wanted: string) => fail(i, `expected ${wanted} but found ${describe(text, i)}`);
  const afterValue = (): Expect => (stack.length === 0 ? "end" : "comma-or-close");

  while (true) {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      if (expect === "end") return null;
      return fail(i, stack.length === 0 && expect === "value" ? "no JSON value: the input is empty" : `unexpected end of input (an ${stack.at(-1) ?? "value"} is not closed)`);
    }
    const c = text[i]!;
    if (expect === "end") return unexpected("the end of input after the JSON value");
    if (expect === "colon") {
      if (c !== ":") return unexpected('":" after a property name');
      i++;
      expect = "value";
      continue;
    }
    if (expect === "comma-or-close") {
      const frame = stack.at(-1)!;
      const close = frame === "array" ? "]" : "}";
      if (c === ",") {
        i++;
        expect = frame === "array" ? "value" : "key";
      } else if (c === close) {
        i++;
        stack.pop();
        expect = afterValue();
      } else {
        return unexpected(`"," or "${close}" after ${frame === "array" ? "an array element" : "a property value"}`);
      }
      continue;
    }
    if ((expect === "value-or-close" && c === "]") || (expect === "key-or-close" && c === "}")) {
      i++;
      stack.pop();
      expect = afterValue();
      continue;
    }
    if (expect === "key" || expect === "key-or-close") {
      if (c !== '"') return unexpected(expect === "key" ? "a double-quoted property name" : 'a double-quoted property name or "}"');
      const end = scanString(text, i);
      if (typeof end !== "number") return fail(end.at, end.message);
      i = end;
      expect = "colon";
      continue;
    }
    // A value.
    if (c === "{" || c === "[") {
      if (stack.length >= maxDepth) return fail(i, `nesting deeper than ${maxDepth} levels`, "depth");
      stack.push(c === "{" ? "object" : "array");
      i++;
      expect = c === "{" ? "key-or-close" : "value-or-close";
      continue;
    }
    if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== "number") return fail(end.at, end.message);
      i = end;
    } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
      i += 4;
    } else if (text.startsWith("false", i)) {
      i += 5;
    } else {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return unexpected(expect === "value-or-close" ? 'a value or "]"' : "a value");
      i = NUMBER.lastIndex;
    }
    expect = afterValue();
  }
}

// The offset just past the closing quote, or the problem inside the string.
function scanString(text: string, start: number): number | { at: number; message: string } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { at: i, message: `${describe(text, i)} inside a string (escape it)` };
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, message: 'invalid "\\u" escape: expected 4 hex digits' };
        i += 5;
      } else if (next !== undefined && ESCAPES.has(next)) {
        i++;
      } else {
        return { at: i, message: `invalid escape "\\${next ?? ""}" in a string` };
      }
    }
  }
  return { at: start, message: "unterminated string" };
}

/** "line 3, column 7 (offset 41)". */
export function formatPosition(p: JsonTextPosition): string {
  return `line ${p.line}, column ${p.column} (offset ${p.position})`;
}
