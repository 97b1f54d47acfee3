// Every query of every imported fixture panel can be planned as Orrery sends it: variables and
// Grafana built-ins interpolated, a step computed, no `$name` of a dashboard variable left over.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planPanelQueries } from "@/lib/dashboards/panel-queries";
import type { VariableState } from "@/lib/dashboards/variables/types";
import { importGrafanaDashboard } from "./index";

// Copies of ../shared/fixtures/grafana-dashboards (with their .source.txt): the project never reads ../shared at test time.
const DIR = path.resolve(process.cwd(), "test/fixtures/grafana");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json"));
const DATASOURCES = [{ id: "prom", name: "Prometheus", type: "prometheus" as const, default: true, scrapeInterval: "15s" }];

function state(value: string): VariableState {
  return { value, text: value, options: [{ text: value, value }], multi: false, includeAll: false };
}

describe.each(FILES)("%s", (file) => {
  it("plans every panel's queries with the variables resolved", () => {
    const { dashboard } = importGrafanaDashboard(JSON.parse(readFileSync(path.join(DIR, file), "utf8")), { datasources: DATASOURCES, defaultDatasource: "prom" });
    const names = dashboard.templating.list.map((v) => v.name);
    // A datasource variable holds an Orrery id, an interval variable a duration, the rest a label value.
    const scope = Object.fromEntries(dashboard.templating.list.map((v) => [v.name, state(v.type === "datasource" ? "prom" : v.type === "interval" ? "5m" : "x")]));
    const panels = dashboard.panels.flatMap((p) => (p.type === "row" ? p.panels : [p]));
    let planned = 0;
    for (const panel of panels) {
      const plan = planPanelQueries({ panel, scope, datasources: DATASOURCES, range: { startMs: 1_700_000_000_000 - 3_600_000, endMs: 1_700_000_000_000 }, widthPx: 800 });
      if (!plan.ok) throw new Error(`${panel.title}: ${plan.error}`);
      for (const q of plan.queries) {
        expect(q.datasource).toBe("prom");
        expect(q.stepS).toBeGreaterThan(0);
        for (const name of names) expect(q.expr, `${panel.title}: ${q.expr}`).not.toMatch(new RegExp(`\\$\\{?${name}\\b`));
        expect(q.expr).not.toMatch(/\$\{?__/);
        planned++;
      }
    }
    expect(planned).toBeGreaterThan(0);
  });
});
