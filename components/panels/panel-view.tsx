"use client";

import { lazy, Suspense, type ComponentType } from "react";
import type { PanelType } from "@/lib/dashboards/schema/panels";
import { PANEL_COMPONENT_LOADERS } from "./panel-loaders";
import type { PanelProps } from "./types";

export type PanelViewProps = PanelProps;

// One lazy component per type: nothing loads until a panel of the type renders (or is preloaded).
const COMPONENTS = Object.fromEntries(
  (Object.keys(PANEL_COMPONENT_LOADERS) as PanelType[]).map((type) => [type, lazy(() => (PANEL_COMPONENT_LOADERS[type] as () => Promise<ComponentType<PanelProps>>)().then((c) => ({ default: c })))]),
) as unknown as Readonly<Record<PanelType, ComponentType<PanelProps>>>;

/**
 * Renders any panel with its type's component: the one place that dispatches on `panel.type`. Each
 * type's code is its own chunk, loaded when a panel of it first renders, or earlier through
 * preloadPanelTypes (the dashboard page asks for its types at hydration).
 */
export function PanelView(props: PanelViewProps) {
  const Component = COMPONENTS[props.panel.type];
  return (
    <Suspense fallback={<div aria-hidden="true" className="h-full w-full" />}>
      <Component {...props} />
    </Suspense>
  );
}
