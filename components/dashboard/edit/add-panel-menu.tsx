"use client";

import { useState } from "react";
import type { PanelType } from "@/lib/dashboards/schema";
import { PANEL_CATALOG, PICKABLE_PANEL_TYPES } from "@/components/panels/catalog";
import { Button } from "@/components/ui/button";

export interface AddPanelMenuProps {
  onAddPanel: (type: PanelType) => void;
  onAddRow: () => void;
}

const ITEM = "w-full px-3 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800";

/** "Add": a panel of any registered type, or a row. */
export function AddPanelMenu({ onAddPanel, onAddRow }: AddPanelMenuProps) {
  const [open, setOpen] = useState(false);
  return (
    <div
      className="relative"
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOpen(false)}
    >
      <Button variant="primary" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Add
      </Button>
      {open && (
        <ul role="menu" aria-label="Add" className="absolute right-0 z-30 mt-1 w-48 rounded border border-slate-200 bg-white py-1 text-sm shadow dark:border-slate-700 dark:bg-slate-900">
          {PICKABLE_PANEL_TYPES.map((type) => (
            <li key={type} role="none">
              <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onAddPanel(type))}>
                {PANEL_CATALOG[type].name} panel
              </button>
            </li>
          ))}
          <li role="none" className="mt-1 border-t border-slate-200 pt-1 dark:border-slate-700">
            <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onAddRow())}>
              Row
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
