import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDashboard } from "@/lib/dashboards/parse";
import { BinaryFrameError, decodeBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { binaryFrameFuzzBody } from "@/lib/promql/frames/binary-fuzz";
import { recordFigure, REPO, runs } from "./harness";

// The parsers that take untrusted dashboard JSON, fuzzed directly: they never throw, refuse with
// issues that name a path, accept their own output unchanged, and never pollute Object.prototype.
// A new parser (e.g. the Grafana importer) is one more line in PARSERS.

type Outcome = { ok: true; value: unknown } | { ok: false; issues: { path: string; message: string }[] };
const PARSERS: { name: string; parse: (doc: unknown) => Outcome; idempotent: boolean }[] = [
  {
    name: "parseDashboard",
    parse: (doc) => {
      const r = parseDashboard(doc);
      return r.ok ? { ok: true, value: r.dashboard } : { ok: false, issues: r.issues };
    },
    idempotent: true,
  },
  {
    // Binary frames (lib/promql/frames/binary-format.ts): each input picks a truncation or byte garbling of a valid body.
    name: "decodeBinaryFrame",
    parse: (doc) => {
      try {
        return { ok: true, value: decodeBinaryFrame(binaryFrameFuzzBody(doc)) };
      } catch (e) {
        if (!(e instanceof BinaryFrameError)) throw e;
        return { ok: false, issues: [{ path: e.where, message: e.message }] };
      }
    },
    idempotent: false,
  },
];

const RUNS = runs(1_000, 100_000);

const SEEDS = readdirSync(path.join(REPO, "dashboards"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(path.join(REPO, "dashboards", f), "utf8")) as Record<string, unknown>);

function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** A seed dashboard with 1-3 fields replaced (or deleted, or given a __proto__ key). */
const mutated = fc
  .tuple(fc.nat(SEEDS.length - 1), fc.array(fc.tuple(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined), fc.constant("__proto__"))), { minLength: 1, maxLength: 3 }))
  .map(([s, edits]) => {
    const doc = structuredClone(SEEDS[s]!);
    for (const [i, value] of edits) {
      const all = paths(doc).filter((p) => p.length > 0);
      const at = all[i % all.length]!;
      let node = doc as Record<string | number, unknown>;
      for (const k of at.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      const key = at.at(-1)!;
      if (value === undefined) delete node[key];
      else if (value === "__proto__") node[key] = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
      else node[key] = value;
    }
    return doc as unknown;
  });

const nested = fc.integer({ min: 10, max: 3_000 }).map((n) => {
  let v: unknown = { uid: "deep", title: "deep", schemaVersion: 1, panels: [] };
  for (let i = 0; i < n; i++) v = { panels: [v] };
  return v;
});

const input = fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }) }, nested);

describe("dashboard parser fuzzing", () => {
  for (const parser of PARSERS) {
    it(`${parser.name}: ${RUNS} inputs, never throws, issues name a path, output re-parses to itself, no pollution`, { timeout: 3_600_000 }, () => {
      let accepted = 0;
      fc.assert(
        fc.property(input, (doc) => {
          const r = parser.parse(doc);
          if (r.ok) {
            accepted++;
            if (parser.idempotent) {
              const again = parser.parse(JSON.parse(JSON.stringify(r.value)));
              expect(again.ok).toBe(true);
              if (again.ok) expect(again.value).toEqual(r.value);
            }
          } else {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const issue of r.issues) {
              expect(typeof issue.path).toBe("string");
              expect(issue.message).toMatch(/\S/);
            }
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, seed: Number(process.env.ORRERY_FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
      recordFigure({ suite: "parser fuzz", parser: parser.name, runs: RUNS, accepted, throws: 0 });
      // The mix reaches the accepting path too, so the idempotence check ran.
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
