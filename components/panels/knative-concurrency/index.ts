import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { KnativeConcurrencyPanel } from "./knative-concurrency-panel";

export const knativeConcurrencyPanel: PanelDefinition<"knative-concurrency"> = {
  type: "knative-concurrency",
  name: "Knative concurrency",
  Component: KnativeConcurrencyPanel,
  defaults: { options: { namespace: "$namespace", revision: "$revision", chart: "concurrency" }, fieldConfig: DEFAULT_FIELD_CONFIG },
};
