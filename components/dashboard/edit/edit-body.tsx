"use client";

import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import { findPanel } from "@/lib/dashboards/edit/ids";
import type { DashboardSettingsProps } from "./settings/dashboard-settings";
import type { PanelContext } from "./panel-editor/panel-editor";
import type { DashboardEdit } from "./use-dashboard-edit";

// Edit mode's views are their own chunks: a dashboard opened to be looked at does not download nor
// evaluate them (the panel editor's CodeMirror alone cost more script evaluation than the grid's
// 20 panels took to render: issue 7 B5, scripts/bench/page-profile.ts).
const editorLoading = () => <p className="p-4 text-slate-500">Loading editor…</p>;
const DashboardSettings = dynamic(() => import("./settings/dashboard-settings").then((m) => m.DashboardSettings), { loading: editorLoading });
const JsonEditor = dynamic(() => import("./json-editor").then((m) => m.JsonEditor), { loading: editorLoading });
const PanelEditor = dynamic(() => import("./panel-editor/panel-editor").then((m) => m.PanelEditor), { loading: editorLoading });
import type { UpdateView } from "./use-edit-callbacks";

export interface EditBodyProps {
  edit: DashboardEdit;
  editPanel: number | null;
  update: UpdateView;
  panelContext: PanelContext | null;
  previewContext: DashboardSettingsProps["previewContext"];
  /** The dashboard's grid, shown when no editor view is open. */
  grid: ReactNode;
}

/** What edit mode shows in place of the grid: settings, the JSON model, or the panel editor. */
export function EditBody({ edit, editPanel, update, panelContext, previewContext, grid }: EditBodyProps) {
  if (!edit.editing) return grid;
  const { dashboard, change } = edit;
  if (edit.state.view === "settings") return <DashboardSettings dashboard={dashboard} change={change} previewContext={previewContext} />;
  if (edit.state.view === "json") return <JsonEditor key={dashboard.uid} dashboard={dashboard} onApply={(next) => (change(() => next), edit.setView("dashboard"))} />;
  const panel = editPanel === null ? undefined : findPanel(dashboard, editPanel);
  if (panel) return <PanelEditor panel={panel} context={panelContext} change={change} onClose={() => update({ editPanel: null })} />;
  if (dashboard.panels.length === 0) {
    return <p className="rounded border border-dashed border-slate-300 p-8 text-center text-slate-500 dark:border-slate-700">This dashboard is empty: use Add for a panel or a row.</p>;
  }
  return grid;
}
