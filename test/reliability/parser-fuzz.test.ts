import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDashboard } from "@/lib/dashboards/parse";
import { importGrafanaDashboard } from "@/lib/dashboards/import/grafana";
import { ImportError } from "@/lib/dashboards/import/grafana/report";
import { BinaryFrameError, decodeBinaryFrame } from "@/lib/promql/frames/binary-decode";
import { binaryFrameFuzzBody } from "@/lib/promql/frames/binary-fuzz";
import { recordFigure, REPO, runs } from "./harness";

// The parsers that take untrusted dashboard JSON, fuzzed directly: they never throw (the importer's
// ImportError is its documented refusal, with a message), refuse with issues that name a path,
// produce a dashboard the dashboard schema accepts unchanged, and never pollute Object.prototype.
// A new parser is one more line in PARSERS, with the documents its mutations start from.

type Outcome = { ok: true; value: unknown } | { ok: false; issues: { path: string; message: string }[] };

const seeds = (dir: string) =>
  readdirSync(path.join(REPO, dir))
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(path.join(REPO, dir, f), "utf8")) as Record<string, unknown>);

const DATASOURCES = [
  { id: "prom", name: "Prometheus", type: "prometheus" as const },
  { id: "thanos", name: "Thanos", type: "thanos" as const },
];

// `dashboardOutput: false`: the parser's output is not a dashboard (the re-parse check does not apply).
const PARSERS: { name: string; parse: (doc: unknown) => Outcome; seeds: Record<string, unknown>[]; runs: number; dashboardOutput?: false }[] = [
  {
    name: "parseDashboard",
    parse: (doc) => {
      const r = parseDashboard(doc);
      return r.ok ? { ok: true, value: r.dashboard } : { ok: false, issues: r.issues };
    },
    seeds: seeds("dashboards"),
    runs: runs(1_000, 100_000),
  },
  {
    // lib/dashboards/import/grafana on the Grafana fixtures (classic, legacy rows, kube-prometheus, Thanos, Knative) mutated.
    name: "importGrafanaDashboard",
    parse: (doc) => {
      try {
        const r = importGrafanaDashboard(doc, { datasources: DATASOURCES, defaultDatasource: "prom", datasourceMap: { "${DS_PROMETHEUS}": "thanos" } });
        for (const e of r.report) expect(typeof e.reason === "string" && /\S/.test(e.reason), JSON.stringify(e)).toBe(true);
        return { ok: true, value: r.dashboard };
      } catch (e) {
        if (e instanceof ImportError) return { ok: false, issues: [{ path: "", message: e.message }] };
        throw e;
      }
    },
    seeds: seeds("test/fixtures/grafana"),
    // About 30x slower per input than the parser (whole Grafana dashboards converted).
    runs: runs(100, 5_000),
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
    seeds: seeds("dashboards"),
    runs: runs(1_000, 100_000),
    dashboardOutput: false,
  },
];


function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** A seed dashboard with 1-3 fields replaced (or deleted, or given a __proto__ key). */
const mutated = (SEEDS: Record<string, unknown>[]) => fc
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

const input = (seedDocs: Record<string, unknown>[]) => fc.oneof({ weight: 5, arbitrary: mutated(seedDocs) }, { weight: 2, arbitrary: fc.anything({ maxDepth: 4, withObjectString: true, withNullPrototype: true }) }, { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }) }, nested);

// Inputs that once made a parser throw (found by this fuzz), replayed on every run.
const REGRESSIONS: [string, unknown][] = [
  ["empty threshold steps (field-config refine read steps[0])", { schemaVersion: 1, uid: "r1", title: "r", panels: [{ type: "stat", id: 1, title: "s", gridPos: { x: 0, y: 0, w: 4, h: 4 }, fieldConfig: { defaults: { thresholds: { mode: "absolute", steps: [] } } } }] }],
];

describe("dashboard parser fuzzing", () => {
  it.each(REGRESSIONS)("regression: %s → refused with a path, no throw", (_name, doc) => {
    const r = parseDashboard(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).join(" ")).toMatch(/thresholds\.steps/);
  });

  for (const parser of PARSERS) {
    const RUNS = parser.runs;
    it(`${parser.name}: ${RUNS} inputs, never throws, issues name a path, output re-parses to itself, no pollution`, { timeout: 3_600_000 }, () => {
      let accepted = 0;
      const refusals = new Map<string, number>();
      fc.assert(
        fc.property(input(parser.seeds), (doc) => {
          const r = parser.parse(doc);
          if (r.ok) {
            accepted++;
            if (parser.dashboardOutput !== false) {
              // The output is a dashboard the schema takes unchanged (after a trip through JSON, as it is stored).
              const again = parseDashboard(JSON.parse(JSON.stringify(r.value)));
              expect(again.ok, JSON.stringify(again.ok ? "" : again.issues)).toBe(true);
              if (again.ok) expect(again.dashboard).toEqual(r.value);
            }
          } else {
            expect(r.issues.length).toBeGreaterThan(0);
            const kind = r.issues[0]!.message.replace(/[:"].*$/s, "").slice(0, 60);
            refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
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
      if (parser.name !== "parseDashboard") console.log(parser.name, RUNS, "inputs,", accepted, "accepted; refusals:", JSON.stringify(Object.fromEntries(refusals)));
      // The mix reaches the accepting path too, so the idempotence check ran.
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
