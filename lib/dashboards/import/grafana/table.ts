// Grafana tables (and the legacy table-old) → Orrery's table panel.
import type { PanelBody, PanelCtx } from "./context";
import { getArray, getBool, getObject, getString, isObject, safeKeys, type JsonObject } from "./json";
import { reportRest, type ReportScope } from "./report";
import { mapUnit } from "./units";

/**
 * Tables: Orrery joins the rows of several queries by their labels (Grafana's joinByField/merge
 * of instant queries) and names value columns "Value #<refId>", so `organize` renames become
 * displayName overrides; hiding and reordering columns is reported.
 */
export function convertTable(ctx: PanelCtx): PanelBody {
  const o = getObject(ctx.raw, "options") ?? {};
  const options: Record<string, unknown> = {};
  const showHeader = getBool(o, "showHeader");
  if (showHeader !== undefined) options.showHeader = showHeader;
  const sortBy = getArray(o, "sortBy")[0];
  if (isObject(sortBy) && getString(sortBy, "displayName")) options.sortBy = { column: getString(sortBy, "displayName"), desc: getBool(sortBy, "desc") ?? false };
  reportRest(o, { showHeader: "handled", sortBy: "handled", footer: "*", cellHeight: "*", frameIndex: 0, showTypeIcons: false }, ctx.scope.child("options"), "table option");
  const footer = getObject(o, "footer");
  if (getBool(footer, "show") === true) ctx.scope.lost("options.footer", "table footers are not supported");
  const overrides: NonNullable<PanelBody["overrides"]> = [];
  getArray(ctx.raw, "transformations").forEach((t, i) => {
    const s = ctx.scope.child(`transformations[${i}]`);
    const id = getString(t, "id");
    if (getBool(t, "disabled") === true) return;
    const opts = getObject(t, "options") ?? {};
    if (id === "merge") return;
    if (id === "joinByField") {
      const mode = getString(opts, "mode") ?? "outer";
      if (mode !== "outer" && mode !== "outerTabular") s.lost("options.mode", `join mode "${mode}" is not supported; rows are joined as an outer join on all labels`);
      return;
    }
    if (id === "organize") return organize(opts, s, overrides);
    s.lost("", `transformation "${id}" is not supported`);
  });
  // Grafana sorts by the displayed (renamed) column; Orrery's sortBy names the column itself.
  const sort = options.sortBy as { column: string; desc: boolean } | undefined;
  const renamed = sort && overrides.find((o) => o.properties.some((p) => p.id === "displayName" && p.value === sort.column));
  if (sort && renamed) options.sortBy = { ...sort, column: renamed.matcher.options };
  return { type: "table", options, overrides, consumed: ["options", "transformations", "styles", "transform", "columns"], formats: ["table"] };
}

function organize(opts: JsonObject, s: ReportScope, overrides: NonNullable<PanelBody["overrides"]>): void {
  const rename = getObject(opts, "renameByName") ?? {};
  for (const from of safeKeys(rename)) {
    const to = rename[from];
    if (typeof to === "string" && to !== "" && to.length <= 200) overrides.push({ matcher: { id: "byName", options: from }, properties: [{ id: "displayName", value: to }] });
  }
  const exclude = getObject(opts, "excludeByName") ?? {};
  for (const name of safeKeys(exclude)) {
    // Orrery's table has no time column, so hiding Grafana's "Time" columns loses nothing.
    if (exclude[name] === true && !/^Time( \d+)?$/.test(name)) s.lost(`options.excludeByName.${name}`, "hiding columns is not supported");
  }
  const index = getObject(opts, "indexByName") ?? {};
  const order = safeKeys(index)
    .filter((k) => !/^Time( \d+)?$/.test(k) && typeof index[k] === "number")
    .sort((a, b) => (index[a] as number) - (index[b] as number));
  // Orrery's order: label columns (alphabetical), then "Value #A", "Value #B"... by query.
  const labels = order.filter((k) => !k.startsWith("Value"));
  const values = order.filter((k) => k.startsWith("Value"));
  const natural = [...[...labels].sort(), ...[...values].sort()];
  if (JSON.stringify(order) !== JSON.stringify(natural)) s.lost("options.indexByName", "custom column order is not supported; labels come first, then values by query");
}

/** `table-old` (Grafana ≤ 7): styles are reported; the rest is a table. */
export function convertTableOld(ctx: PanelCtx): PanelBody {
  const body = convertTable(ctx);
  getArray(ctx.raw, "styles").forEach((style, i) => {
    const pattern = getString(style, "pattern");
    const type = getString(style, "type");
    if (pattern === "Time" && type === "hidden") return;
    const s = ctx.scope.child(`styles[${i}]`);
    const alias = getString(style, "alias");
    if (pattern && alias && !/[*^$|()[\]\\]/.test(pattern)) {
      body.overrides!.push({ matcher: { id: "byName", options: pattern }, properties: [{ id: "displayName", value: alias }] });
      const unit = getString(style, "unit");
      if (unit) {
        const m = mapUnit(unit);
        if (m.ok) body.overrides!.at(-1)!.properties.push({ id: "unit", value: m.unit });
        else s.lost("unit", m.reason);
      }
      if (type === "hidden") s.lost("type", "hiding columns is not supported");
      return;
    }
    s.lost("", `column style for ${JSON.stringify(pattern)} is not supported`);
  });
  const transform = getString(ctx.raw, "transform");
  if (transform && transform !== "timeseries_to_rows" && transform !== "table") ctx.scope.lost("transform", `table transform "${transform}" is not supported`);
  if (getArray(ctx.raw, "columns").length > 0) ctx.scope.lost("columns", "aggregated columns are not supported");
  return body;
}
