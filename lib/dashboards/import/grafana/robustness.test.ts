// Whatever JSON comes in, the importer returns a schema-valid dashboard or throws ImportError:
// never another exception (the route would answer 500). Fixture dashboards with random parts
// replaced by random JSON values.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dashboardSchema } from "@/lib/dashboards/schema";
import { ImportError, importGrafanaDashboard } from "./index";

// Copies of ../shared/fixtures/grafana-dashboards (with their .source.txt): the project never reads ../shared at test time.
const DIR = path.resolve(process.cwd(), "test/fixtures/grafana");
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(path.join(DIR, f), "utf8")) as unknown);
const OPTIONS = { datasources: [{ id: "prom", name: "Prometheus", type: "prometheus" }], defaultDatasource: "prom" };

/** Every path to a value inside a JSON document. */
function paths(doc: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<[unknown, Array<string | number>]> = [[doc, []]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((c, i) => stack.push([c, [...p, i]]));
    else if (v !== null && typeof v === "object") for (const [k, c] of Object.entries(v)) stack.push([c, [...p, k]]);
  }
  return out;
}

function replaceAt(doc: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node: unknown = copy;
  for (const key of at.slice(0, -1)) node = node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined;
  // An earlier replacement may have removed the path: leave the document as it is.
  if (node === null || typeof node !== "object") return doc;
  (node as Record<string | number, unknown>)[at.at(-1)!] = value;
  return copy;
}

const FIXTURE_PATHS = FIXTURES.map(paths);

describe("random damage to real dashboards", () => {
  it("imports or throws ImportError, never anything else", () => {
    const mutation = fc.record({
      fixture: fc.nat({ max: FIXTURES.length - 1 }),
      picks: fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(mutation, ({ fixture, picks }) => {
        let doc = FIXTURES[fixture];
        const all = FIXTURE_PATHS[fixture]!;
        for (const [n, value] of picks) doc = replaceAt(doc, all[n % all.length]!, value);
        try {
          const result = importGrafanaDashboard(doc, OPTIONS);
          expect(dashboardSchema.safeParse(result.dashboard).success).toBe(true);
          for (const e of result.report) expect(typeof e.reason).toBe("string");
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
        }
      }),
      { numRuns: 120 },
    );
  });
});
