"use client";

import type { EditView } from "@/lib/dashboards/edit/edit-state";
import type { PanelType } from "@/lib/dashboards/schema";
import { Button } from "@/components/ui/button";
import { AddPanelMenu } from "./add-panel-menu";

export interface EditActionsProps {
  editing: boolean;
  dirty: boolean;
  /** A never-saved dashboard cannot leave edit mode. */
  isNew: boolean;
  /** Provisioned dashboards are saved as a copy. */
  provisioned: boolean;
  view: EditView;
  onEdit: () => void;
  onAddPanel: (type: PanelType) => void;
  onAddRow: () => void;
  onView: (view: EditView) => void;
  onSave: () => void;
  onDiscard: () => void;
  onExit: () => void;
}

/** The toolbar's edit controls: "Edit" when viewing; add, settings, JSON, save and discard when editing. */
export function EditActions({ editing, dirty, isNew, provisioned, view, onEdit, onAddPanel, onAddRow, onView, onSave, onDiscard, onExit }: EditActionsProps) {
  if (!editing) {
    return <Button onClick={onEdit}>Edit</Button>;
  }
  const toggle = (v: EditView) => onView(view === v ? "dashboard" : v);
  return (
    <div role="toolbar" aria-label="Edit dashboard" className="flex flex-wrap items-center gap-2">
      {provisioned && <span className="text-xs text-slate-500">Provisioned: saves as a copy</span>}
      {dirty && <span className="text-xs text-amber-700 dark:text-amber-300">Unsaved changes</span>}
      {view === "dashboard" && <AddPanelMenu onAddPanel={onAddPanel} onAddRow={onAddRow} />}
      <Button aria-pressed={view === "settings"} onClick={() => toggle("settings")}>
        Settings
      </Button>
      <Button aria-pressed={view === "json"} onClick={() => toggle("json")}>
        JSON model
      </Button>
      <Button variant="primary" onClick={onSave}>
        Save dashboard
      </Button>
      <Button onClick={onDiscard} disabled={!dirty}>
        Discard
      </Button>
      {!dirty && !isNew && <Button onClick={onExit}>Exit edit</Button>}
    </div>
  );
}
