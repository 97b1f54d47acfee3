import { DEFAULT_FIELD_CONFIG } from "../defaults";
import type { PanelDefinition } from "../types";
import { TablePanel } from "./table-panel";

export const tablePanel: PanelDefinition<"table"> = {
  type: "table",
  name: "Table",
  Component: TablePanel,
  defaults: { options: { showHeader: true }, fieldConfig: DEFAULT_FIELD_CONFIG },
};
