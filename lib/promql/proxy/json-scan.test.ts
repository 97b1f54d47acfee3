import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkUpstreamBody, headOf, parseUpstreamBody } from "./envelope";
import { scanJson } from "./json-scan";

const FIXTURES = path.join(__dirname, "../../../test/fixtures/prometheus");
const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => readFileSync(path.join(FIXTURES, f)));

function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(Buffer.from(bytes).toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

const enc = (s: string) => Buffer.from(s, "utf8");

// Bytes JSON is made of, plus a few that must be refused; random documents of them are mostly invalid.
const alphabet = fc.constantFrom(...'{}[]:,"\\ \n\t\r0123456789-+.eEtrufalsn/bu\u0001\u00e9x'.split(""));

describe("scanJson accepts exactly what JSON.parse accepts", () => {
  it("on random JSON values (serialised, with random whitespace)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom("", " ", "\n", "\t\r "), (v, ws) => {
        const text = ws + JSON.stringify(v, null, ws.length ? 1 : undefined) + ws;
        expect(scanJson(enc(text)).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("on random strings of JSON's own characters", () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (chars) => {
        const bytes = enc(chars.join(""));
        expect(scanJson(bytes).ok).toBe(parses(bytes));
      }),
      { numRuns: 8000 },
    );
  });

  it("on every truncation and on single-byte corruptions of a real Prometheus answer", () => {
    const body = readFileSync(path.join(FIXTURES, "query_range.json"));
    for (let cut = 0; cut < body.length; cut++) expect(scanJson(body.subarray(0, cut)).ok).toBe(parses(body.subarray(0, cut)));
    fc.assert(
      fc.property(fc.nat(body.length - 1), fc.constantFrom(0x00, 0x22, 0x2c, 0x5b, 0x5d, 0x7b, 0x7d, 0x3a, 0x5c, 0x2d, 0x31, 0x61, 0x20, 0xff), (at, byte) => {
        const copy = Buffer.from(body);
        copy[at] = byte;
        expect(scanJson(copy).ok).toBe(parses(copy));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["\uFEFF{}", false],
    ["01", false],
    ["-", false],
    ["1.", false],
    ["1e", false],
    ["1e+", false],
    ['"\\x"', false],
    ['"\\u12g4"', false],
    ['"\\u00e9"', true],
    ["[1,]", false],
    ['{"a":1,}', false],
    ["{} {}", false],
    ["  [ ]  ", true],
    ['"a\u0007"', false],
    ["\u00a0{}", false],
    ["nul", false],
    ["truex", false],
  ])("%j", (text, ok) => {
    expect(parses(enc(text))).toBe(ok);
    expect(scanJson(enc(text)).ok).toBe(ok);
  });

  it("finds the top-level members (the last of repeated keys, escaped keys decoded) and counts data.result", () => {
    const text = '{"status":"error","st\\u0061tus":"success","data":{"result":[1],"resultType":"vector","result":[{"a":[1,2]},[],{}]},"x":[{"data":1}]}';
    const r = scanJson(enc(text));
    expect(r.ok).toBe(true);
    expect(JSON.parse(text.slice(r.members.get("status")!.start, r.members.get("status")!.end))).toBe("success");
    expect(r.resultCount).toBe(3);
    expect(text.slice(r.resultType!.start, r.resultType!.end)).toBe('"vector"');
    expect([...r.members.keys()]).toEqual(["status", "data", "x"]);
    expect(scanJson(enc('{"data":{"result":[1,2]},"data":{"result":"x"}}')).resultCount).toBeUndefined();
    expect(scanJson(enc('{"data":{"result":[]}}')).resultCount).toBe(0);
  });
});

describe("checkUpstreamBody agrees with parseUpstreamBody", () => {
  const cases = [
    ...fixtures,
    ...['{"foo":1}', '{"status":"ok","data":1}', '{"status":"success"}', '{"status":"success","data":null}', "[1,2]", "null", "", '{"status":"error","warnings":null}', '{"status":"error","warnings":["a",1]}', '{"status":"success","data":{},"warnings":["w"],"infos":["i"]}', "<html>502</html>", '{"status":"success","data":{"resul'].map(enc),
  ];
  it.each(cases.map((c, i) => [i, c] as const))("case %i", (_i, body) => {
    const full = parseUpstreamBody(body.toString("utf8"), "application/json");
    const cheap = checkUpstreamBody(body, "application/json");
    if ("reason" in full) {
      expect(cheap).toEqual({ reason: full.reason });
      return;
    }
    expect("head" in cheap).toBe(true);
    if (!("head" in cheap)) return;
    expect(cheap.head).toEqual(headOf(full.envelope));
    const result = (full.envelope.data as { result?: unknown } | undefined)?.result;
    expect(cheap.resultCount).toBe(Array.isArray(result) ? result.length : undefined);
  });
});
