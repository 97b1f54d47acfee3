"use client";

import { useMemo } from "react";
import type { Layout } from "react-grid-layout";
// Each operation from its own module, not the edit barrel (which holds the schema-checking JSON editor's code).
import { applyGridLayout } from "@/lib/dashboards/edit/grid-layout";
import { nextPanelId } from "@/lib/dashboards/edit/ids";
import { addTarget } from "@/lib/dashboards/edit/panel-options";
import { addPanel, addRow, duplicatePanel, removePanel } from "@/lib/dashboards/edit/panels";
import { removeRow, toggleRow, updateRowTitle } from "@/lib/dashboards/edit/rows";
import type { PanelType } from "@/lib/dashboards/schema";
import type { DashboardUrlState } from "@/lib/dashboards/url-state";
import { PANEL_CATALOG } from "@/components/panels/catalog";
import type { PanelEditActions } from "../panel-menu";
import type { DashboardEdit } from "./use-dashboard-edit";

export type UpdateView = (change: Partial<DashboardUrlState>) => void;

/** The grid's and toolbar's edit handlers, each one pure operation on the draft. */
export function useEditCallbacks(edit: DashboardEdit, update: UpdateView) {
  const { change, dashboard, discard } = edit;
  return useMemo(
    () => ({
      panel: (id: number): PanelEditActions => ({
        onEdit: () => update({ editPanel: id }),
        onDuplicate: () => change((d) => duplicatePanel(d, id).dashboard),
        onRemove: () => change((d) => removePanel(d, id)),
      }),
      row: (id: number) => ({
        onToggle: () => change((d) => toggleRow(d, id)),
        onTitleChange: (title: string) => change((d) => updateRowTitle(d, id, title)),
        onRemove: () => change((d) => removeRow(d, id, false)),
      }),
      layout: (layout: Layout) => change((d) => applyGridLayout(d, layout)),
      // A new panel opens in the panel editor with an empty query A, as in Grafana; its id is the next free one.
      addPanel: (type: PanelType) => {
        const id = nextPanelId(dashboard);
        change((d) => {
          const added = addPanel(d, type, PANEL_CATALOG[type].defaults);
          return type === "text" ? added.dashboard : addTarget(added.dashboard, added.id);
        });
        update({ editPanel: id });
      },
      addRow: () => change((d) => addRow(d).dashboard),
      discard: () => {
        discard();
        update({ editPanel: null });
      },
    }),
    [change, dashboard, discard, update],
  );
}
