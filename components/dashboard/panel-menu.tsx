"use client";

import { useState } from "react";

export interface PanelMenuProps {
  panelId: number;
  viewing?: boolean;
  onView: () => void;
  /** Opens the inspector: data, CSV, the exact queries with step and timing, JSON. */
  onInspect: () => void;
  /** Opens the share dialog (absent for dashboards not saved yet). */
  onShare?: () => void;
  /** Present for panels drawn on a canvas. */
  onDownloadPng?: () => void;
  /** Edit mode adds Edit, Duplicate and Remove. */
  edit?: PanelEditActions;
}

export interface PanelEditActions {
  onEdit: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
}

const ITEM = "w-full px-3 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800";

/** The panel's menu: view alone, copy a link, inspect, PNG; in edit mode, edit, duplicate and remove. */
export function PanelMenu({ panelId, viewing, onView, onShare, onInspect, onDownloadPng, edit }: PanelMenuProps) {
  const [open, setOpen] = useState(false);
  const copyLink = () => {
    const url = new URL(window.location.href);
    url.searchParams.set("viewPanel", String(panelId));
    void navigator.clipboard?.writeText(url.toString());
    setOpen(false);
  };
  return (
    <div className="relative">
      <button type="button" aria-label="Panel menu" aria-expanded={open} className="rounded px-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => setOpen((o) => !o)}>
        ⋮
      </button>
      {open && (
        <ul role="menu" className="absolute right-0 z-20 mt-1 w-44 rounded border border-slate-200 bg-white py-1 text-sm shadow dark:border-slate-700 dark:bg-slate-900">
          {edit &&
            ([["Edit", edit.onEdit], ["Duplicate", edit.onDuplicate], ["Remove", edit.onRemove]] as const).map(([label, action]) => (
              <li key={label} role="none">
                <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), action())}>
                  {label}
                </button>
              </li>
            ))}
          <li role="none">
            <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onView())}>
              {viewing ? "Back to dashboard" : "View"}
            </button>
          </li>
          {onShare && (
            <li role="none">
              <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onShare())}>
                Share
              </button>
            </li>
          )}
          <li role="none">
            <button type="button" role="menuitem" className={ITEM} onClick={copyLink}>
              Copy link
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onInspect())}>
              Inspect
            </button>
          </li>
          {onDownloadPng && (
            <li role="none">
              <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), onDownloadPng())}>
                Download PNG
              </button>
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
