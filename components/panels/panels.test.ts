import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { prerenderToNodeStream } from "react-dom/static";
import { describe, expect, it } from "vitest";
import type { Panel, PanelType } from "@/lib/dashboards/schema/panels";
import type { PanelData } from "@/lib/panels/panel-data";
import { PanelView } from "./panel-view";
import type { PanelProps } from "./types";
import { getPanelDefinition, PANEL_TYPES } from "./registry";
import { Samples } from "@/lib/panels/samples";

const EMPTY: PanelData = { series: [], instant: [] };
const T0 = Date.UTC(2024, 0, 1);

function panelOf(type: PanelType, options: object = {}): Panel {
  const { defaults } = getPanelDefinition(type);
  return {
    id: 1,
    type,
    title: "",
    description: "",
    gridPos: { x: 0, y: 0, w: 12, h: 8 },
    targets: [],
    links: [],
    repeatDirection: "h",
    fieldConfig: defaults.fieldConfig,
    options: { ...defaults.options, ...options },
  } as Panel;
}

const propsOf = (panel: Panel, data: PanelData): PanelProps => ({ panel, data, width: 400, height: 200, timeRange: { startMs: T0, endMs: T0 + 3_600_000 }, timezone: "utc" });

/** The type's component itself (PanelView loads it lazily: see the PanelView test below). */
function render(panel: Panel, data: PanelData): string {
  return renderToStaticMarkup(createElement(getPanelDefinition(panel.type).Component as ComponentType<PanelProps>, propsOf(panel, data)));
}

/** PanelView, rendered until its lazy parts have loaded (React's prerender waits for Suspense). */
async function renderView(panel: Panel, data: PanelData): Promise<string> {
  const { prelude } = await prerenderToNodeStream(createElement(PanelView, propsOf(panel, data)));
  let html = "";
  for await (const chunk of prelude) html += String(chunk);
  // Without the Suspense boundary's markers.
  return html.replace(/<!--\/?\$-->/g, "");
}

const series: PanelData = {
  series: [
    { refId: "A", name: "east", labels: { cluster: "east", le: "0.5" }, samples: Samples.fromPairs([[T0, 1], [T0 + 60_000, 95]]) },
    { refId: "A", name: "west", labels: { cluster: "west", le: "+Inf" }, samples: Samples.fromPairs([[T0, 2], [T0 + 60_000, 100]]) },
  ],
  instant: [],
};

describe("every panel", () => {
  it.each(PANEL_TYPES.filter((t) => t !== "text" && t !== "unsupported"))("%s shows No data for empty data", (type) => {
    expect(render(panelOf(type), EMPTY)).toContain("No data");
  });

  it.each(PANEL_TYPES)("%s renders data without crashing", (type) => {
    expect(() => render(panelOf(type, type === "text" ? { content: "# Hi" } : {}), series)).not.toThrow();
  });
});

describe("PanelView", () => {
  it("renders each type with its own component, loaded on demand", async () => {
    expect(await renderView(panelOf("stat"), series)).toBe(render(panelOf("stat"), series));
    expect(await renderView(panelOf("text", { content: "# Hi" }), EMPTY)).toContain("<h1>Hi</h1>");
    expect(await renderView(panelOf("table"), EMPTY)).toContain("No data");
  });
});

describe("HTML panels render their content", () => {
  it("stat: one value per series, coloured", () => {
    const html = render(panelOf("stat"), series);
    expect(html).toContain(">east<");
    expect(html).toContain(">95<");
    expect(html).toContain("color:#F2495C"); // red: 95 ≥ 80
  });

  it("bar gauge: a bar per series filled to its value", () => {
    const html = render(panelOf("bargauge", { displayMode: "basic" }), series);
    expect(html).toContain("west");
    expect(html).toContain("width:100%");
    expect(html).toContain("width:95%");
  });

  it("table: label columns and sortable headers", () => {
    const html = render(panelOf("table", { sortBy: { column: "Value", desc: true } }), series);
    expect(html).toContain('aria-sort="descending"');
    expect(html.indexOf(">west<")).toBeLessThan(html.indexOf(">east<"));
    expect(html).toContain(">cluster");
  });

  it("time series: legend with calcs as a table", () => {
    const html = render(panelOf("timeseries", { legend: { displayMode: "table", placement: "bottom", calcs: ["max"] } }), series);
    expect(html).toContain("<table");
    expect(html).toContain(">Max<");
    expect(html).toContain(">100<");
  });

  it("text: markdown without raw HTML", () => {
    const html = render(panelOf("text", { content: "**bold** <script>alert(1)</script>" }), EMPTY);
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toContain("<script");
  });

  it("text: an empty panel says so", () => {
    expect(render(panelOf("text"), EMPTY)).toContain("Empty text panel");
  });

  it("unsupported: names the Grafana type and title, as text", () => {
    const panel = { ...panelOf("unsupported", { grafanaType: "<b>piechart</b>", reason: "no pie charts" }), title: "Share" } as Panel;
    const html = render(panel, series);
    expect(html).toContain("Unsupported panel (Grafana type “&lt;b&gt;piechart&lt;/b&gt;”)");
    expect(html).toContain(">Share<");
    expect(html).toContain("no pie charts");
    expect(html).not.toContain("<b>");
  });

  it("heatmap: series without le explain themselves", () => {
    const noLe: PanelData = { series: [{ refId: "A", name: "x", labels: {}, samples: Samples.fromPairs([[T0, 1]]) }], instant: [] };
    expect(render(panelOf("heatmap"), noLe)).toContain("need an le label");
  });
});
