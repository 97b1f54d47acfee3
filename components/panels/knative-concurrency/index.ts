import { PANEL_CATALOG } from "../catalog";
import type { PanelDefinition } from "../types";
import { KnativeConcurrencyPanel } from "./knative-concurrency-panel";

export const knativeConcurrencyPanel: PanelDefinition<"knative-concurrency"> = { ...PANEL_CATALOG["knative-concurrency"], Component: KnativeConcurrencyPanel };
