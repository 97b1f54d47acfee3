import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { TextPanel } from "./text-panel";

export const textPanel: PanelDefinition<"text"> = {
  type: "text",
  name: "Text",
  Component: TextPanel,
  defaults: { options: { mode: "markdown", content: "" }, fieldConfig: DEFAULT_FIELD_CONFIG },
};
