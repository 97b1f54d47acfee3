import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { UnsupportedPanel } from "./unsupported-panel";

/** Placeholder for imported Grafana panels of a type Orrery has not got; not offered in pickers. */
export const unsupportedPanel: PanelDefinition<"unsupported"> = {
  type: "unsupported",
  name: "Unsupported (imported)",
  Component: UnsupportedPanel,
  defaults: { options: { grafanaType: "", reason: "" }, fieldConfig: DEFAULT_FIELD_CONFIG },
};
