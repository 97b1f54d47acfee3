/**
 * A validating scan of a JSON document in UTF-8 bytes that builds no objects: it accepts exactly
 * what `JSON.parse(bytes.toString("utf8"))` accepts (RFC 8259 grammar, the four whitespace bytes,
 * no BOM; bytes of 0x80 and up inside strings are not checked, as the decoder replaces invalid
 * UTF-8 with U+FFFD instead of failing) and reports where the top-level object's members and the
 * elements of `data.result` are. The proxy uses it to check a large upstream body it relays as
 * received: JSON.parse of a 2.5 MB matrix builds ~350,000 objects and strings only to be thrown
 * away (issue 7 B1).
 */

/** Where a top-level member's value lies in the bytes ([start, end)). */
export interface Span {
  start: number;
  end: number;
}

export interface ScanResult {
  /** Whether the whole input is one JSON value (surrounded by whitespace only). */
  ok: boolean;
  /** Whether the value is an object; only then are `members` and `data` filled in. */
  object: boolean;
  /** The top-level object's members by key (the last one wins, as in JSON.parse). */
  members: Map<string, Span>;
  /** `data.resultType`'s value span, when `data` is an object holding it. */
  resultType?: Span;
  /** The number of elements of `data.result`, when it is an array. */
  resultCount?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

// Container kinds on the stack.
const OBJ = 1;
const ARR = 2;

// Scans a string starting at the opening quote; returns the index after the closing quote, or -1.
function scanString(b: Uint8Array, i: number): number {
  const n = b.length;
  let j = i + 1;
  for (;;) {
    if (j >= n) return -1;
    const c = b[j]!;
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return -1;
    if (c === BACKSLASH) {
      const e = b[j + 1];
      if (e === 0x75) {
        if (j + 5 >= n || !isHex(b[j + 2]!) || !isHex(b[j + 3]!) || !isHex(b[j + 4]!) || !isHex(b[j + 5]!)) return -1;
        j += 6;
        continue;
      }
      if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      return -1;
    }
    j++;
  }
}

function digits(b: Uint8Array, j: number): number {
  const n = b.length;
  while (j < n && b[j]! >= 0x30 && b[j]! <= 0x39) j++;
  return j;
}

// Scans a number at i; returns the index after it, or -1.
function scanNumber(b: Uint8Array, i: number): number {
  const n = b.length;
  let j = i;
  if (b[j] === 0x2d) j++;
  if (j >= n) return -1;
  if (b[j] === 0x30) j++;
  else if (b[j]! >= 0x31 && b[j]! <= 0x39) j = digits(b, j + 1);
  else return -1;
  if (b[j] === 0x2e) {
    const k = digits(b, j + 1);
    if (k === j + 1) return -1;
    j = k;
  }
  if (b[j] === 0x65 || b[j] === 0x45) {
    j++;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    const k = digits(b, j);
    if (k === j) return -1;
    j = k;
  }
  return j;
}

/** Scans `b`; never throws. */
export function scanJson(b: Uint8Array): ScanResult {
  const members = new Map<string, Span>();
  const out: ScanResult = { ok: false, object: false, members };
  const n = b.length;
  let i = 0;
  // Open containers (OBJ/ARR) and where each began; depth 0 = top level.
  const stack: number[] = [];
  const starts: number[] = [];
  let depth = 0;
  // The key of the current top-level member, and of the current member of `data` (when `data` is an object).
  let topKey: string | undefined;
  let dataKey: string | undefined;
  // Whether the container at depth 2 is `data.result`'s array (its elements are counted).
  let inResult = false;
  let resultCount = 0;

  const keyText = (from: number, to: number): string => {
    let s = "";
    for (let k = from + 1; k < to - 1; k++) {
      const c = b[k]!;
      // Escapes or non-ASCII (rare in keys): decoded as JSON.parse decodes them.
      if (c === BACKSLASH || c >= 0x80) return JSON.parse(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString("utf8")) as string;
      s += String.fromCharCode(c);
    }
    return s;
  };

  // A member's key at [from, to): remembered at the depths whose spans are reported. A repeated key
  // replaces the earlier member (JSON.parse keeps the last), so what was found under it is forgotten.
  const setKey = (from: number, to: number) => {
    if (depth === 1) {
      topKey = keyText(from, to);
      dataKey = undefined;
      if (topKey === "data") {
        delete out.resultType;
        delete out.resultCount;
      }
    } else if (depth === 2 && topKey === "data" && stack[1] === OBJ) {
      dataKey = keyText(from, to);
      if (dataKey === "result") delete out.resultCount;
      if (dataKey === "resultType") delete out.resultType;
    }
  };

  // A member's key and its colon at `at` (after `{` or `,`, whitespace skipped): the index after the
  // colon, or -1 when the grammar is broken there.
  const readKey = (at: number): number => {
    if (b[at] !== QUOTE) return -1;
    const k = scanString(b, at);
    if (k < 0) return -1;
    setKey(at, k);
    let j = k;
    while (j < n && isWs(b[j]!)) j++;
    return b[j] === 0x3a ? j + 1 : -1;
  };

  // After a complete value [start, i) whose parent is at `depth`.
  const valueDone = (start: number) => {
    if (depth === 1) {
      if (out.object && topKey !== undefined) members.set(topKey, { start, end: i });
    } else if (depth === 2 && topKey === "data" && stack[1] === OBJ && dataKey === "resultType") out.resultType = { start, end: i };
  };

  // A value is expected at i (after skipping whitespace).
  let expectValue = true;
  for (;;) {
    while (i < n && isWs(b[i]!)) i++;
    if (i >= n) {
      if (!expectValue && depth === 0) out.ok = true;
      return out;
    }
    const c = b[i]!;
    if (expectValue) {
      if (inResult && depth === 3) resultCount++;
      if (c === 0x7b || c === 0x5b) {
        if (depth === 0 && c === 0x7b) out.object = true;
        stack[depth] = c === 0x7b ? OBJ : ARR;
        starts[depth] = i;
        depth++;
        if (depth === 3 && c === 0x5b && topKey === "data" && stack[1] === OBJ && dataKey === "result") {
          inResult = true;
          resultCount = 0;
        }
        i++;
        while (i < n && isWs(b[i]!)) i++;
        if (i >= n) return out;
        const d = b[i]!;
        if (c === 0x5b) {
          if (d === 0x5d) {
            expectValue = false;
            continue; // closed below
          }
          continue; // first element
        }
        if (d === 0x7d) {
          expectValue = false;
          continue; // closed below
        }
        i = readKey(i);
        if (i < 0) return out;
        continue;
      }
      let end: number;
      if (c === QUOTE) end = scanString(b, i);
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) end = scanNumber(b, i);
      else if (c === 0x74) end = literal(b, i, "true");
      else if (c === 0x66) end = literal(b, i, "false");
      else if (c === 0x6e) end = literal(b, i, "null");
      else return out;
      if (end < 0) return out;
      const start = i;
      i = end;
      if (depth <= 2) valueDone(start);
      expectValue = false;
      continue;
    }
    // After a value: a comma, the closing bracket of the open container, or the end.
    if (depth === 0) return out; // something after the top-level value
    const top = stack[depth - 1]!;
    if (c === 0x2c) {
      i++;
      if (top === OBJ) {
        while (i < n && isWs(b[i]!)) i++;
        i = readKey(i);
        if (i < 0) return out;
      }
      expectValue = true;
      continue;
    }
    if ((top === OBJ && c === 0x7d) || (top === ARR && c === 0x5d)) {
      i++;
      depth--;
      if (depth === 2 && inResult) {
        inResult = false;
        out.resultCount = resultCount;
      }
      if (depth <= 2) valueDone(starts[depth]!);
      continue;
    }
    return out;
  }
}

function literal(b: Uint8Array, i: number, word: string): number {
  for (let k = 0; k < word.length; k++) if (b[i + k] !== word.charCodeAt(k)) return -1;
  return i + word.length;
}
