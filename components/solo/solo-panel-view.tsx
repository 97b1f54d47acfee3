"use client";

import type { PanelType } from "@/lib/dashboards/schema/panels";
import { PANEL_COMPONENT_LOADERS, preloadPanelTypes } from "@/components/panels/panel-loaders";
import { PanelView } from "@/components/panels/panel-view";
import type { PanelProps } from "@/components/panels/types";

/** Panel types an embed can show (knative-concurrency builds its own queries: SoloPanel says so instead). */
export type SoloPanelType = Exclude<PanelType, "knative-concurrency">;

export function isSoloPanelType(type: string): type is SoloPanelType {
  return type !== "knative-concurrency" && Object.hasOwn(PANEL_COMPONENT_LOADERS, type);
}

/**
 * Starts downloading a type's component, and ECharts for chart types, in parallel (no waterfall after
 * the data). Each type's component is its own chunk (components/panels/panel-loaders.ts): an embed
 * downloads only its one panel's.
 */
export function preloadSoloPanel(type: SoloPanelType): void {
  preloadPanelTypes([type]);
}

/** PanelView from the type's own chunk; nothing for a type an embed cannot show (SoloPanel says why). */
export function SoloPanelView(props: PanelProps) {
  if (!isSoloPanelType(props.panel.type)) return null;
  return <PanelView {...props} />;
}
