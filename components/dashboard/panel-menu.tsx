"use client";

import { useState } from "react";
import type { PlannedQuery } from "@/lib/dashboards/panel-queries";

export interface PanelMenuProps {
  panelId: number;
  viewing?: boolean;
  onView: () => void;
  queries: readonly PlannedQuery[];
  /** Edit mode adds Edit, Duplicate and Remove. */
  edit?: PanelEditActions;
}

export interface PanelEditActions {
  onEdit: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
}

const ITEM = "w-full px-3 py-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800";

/** The panel's menu: view alone, copy a link to this panel, the exact queries sent; in edit mode, edit, duplicate and remove. */
export function PanelMenu({ panelId, viewing, onView, queries, edit }: PanelMenuProps) {
  const [open, setOpen] = useState(false);
  const [showQueries, setShowQueries] = useState(false);
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
          <li role="none">
            <button type="button" role="menuitem" className={ITEM} onClick={copyLink}>
              Copy link
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" className={ITEM} onClick={() => (setOpen(false), setShowQueries((s) => !s))}>
              Queries sent
            </button>
          </li>
        </ul>
      )}
      {showQueries && (
        <div role="dialog" aria-label="Queries sent" className="absolute right-0 z-20 mt-1 w-[28rem] max-w-[80vw] rounded border border-slate-200 bg-white p-2 text-xs shadow dark:border-slate-700 dark:bg-slate-900">
          {queries.map((q) => (
            <pre key={q.refId} className="mb-1 whitespace-pre-wrap break-all">
              {`${q.refId} ${q.datasource} ${q.instant ? `query time=${q.endS}` : `query_range start=${q.startS} end=${q.endS} step=${q.stepS}s`}\n${q.expr}`}
            </pre>
          ))}
          <button type="button" className="text-blue-700 underline" onClick={() => setShowQueries(false)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
