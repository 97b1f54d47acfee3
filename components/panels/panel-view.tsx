"use client";

import type { ComponentType } from "react";
import { PANEL_REGISTRY } from "./registry";
import type { PanelProps } from "./types";

export type PanelViewProps = PanelProps;

/** Renders any panel with its type's component: the one place that dispatches on `panel.type`. */
export function PanelView(props: PanelViewProps) {
  // TypeScript cannot tie the registry entry to the narrowed panel; the registry's type keeps them paired.
  const Component = PANEL_REGISTRY[props.panel.type].Component as ComponentType<PanelProps>;
  return <Component {...props} />;
}
