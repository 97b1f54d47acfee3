// Builders shared by this folder's tests.
import { expect } from "vitest";
import { dashboardSchema, panelSchema, type Dashboard, type PanelType } from "../schema";
import type { PanelTypeDefaults } from "./panels";

/** Every panel type the schema knows. */
export const PANEL_TYPES_FOR_TESTS = panelSchema.options.map((o) => o.shape.type.value);

export const panel = (id: number, y: number, over: Record<string, unknown> = {}) => ({ id, type: "stat", title: `p${id}`, gridPos: { x: 0, y, w: 6, h: 4 }, ...over });
export const row = (id: number, y: number, over: Record<string, unknown> = {}) => ({ id, type: "row", title: `r${id}`, gridPos: { x: 0, y, w: 24, h: 1 }, ...over });
export const dash = (panels: unknown[] = [], over: Record<string, unknown> = {}): Dashboard =>
  dashboardSchema.parse({ schemaVersion: 1, uid: "u", title: "t", panels, ...over });

/** The schema's defaults for a type, standing in for the panel registry's. */
export function defaultsOf<T extends PanelType>(type: T): PanelTypeDefaults<T> {
  const p = panelSchema.parse({ type, id: 1, gridPos: { x: 0, y: 0, w: 1, h: 1 } });
  return { options: p.options, fieldConfig: p.fieldConfig } as PanelTypeDefaults<T>;
}

/** Top-level layout as `id@x,y,wxh`, rows as `row-id@y`, with collapsed rows' children in brackets. */
export function shape(d: Dashboard): string[] {
  return d.panels.map((p) =>
    p.type === "row"
      ? `row-${p.id}@${p.gridPos.y}${p.collapsed ? `[${p.panels.map((c) => c.id).join(",")}]` : ""}`
      : `${p.id}@${p.gridPos.x},${p.gridPos.y},${p.gridPos.w}x${p.gridPos.h}`,
  );
}

/** Asserts the result still passes the schema, unchanged by parsing (no defaults left to fill). */
export function expectValid(d: Dashboard): void {
  const parsed = dashboardSchema.safeParse(d);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  expect(parsed.data).toEqual(d);
}
