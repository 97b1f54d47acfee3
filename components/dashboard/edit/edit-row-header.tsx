"use client";

export interface EditRowHeaderProps {
  title: string;
  collapsed: boolean;
  childCount: number;
  onToggle: () => void;
  onTitleChange: (title: string) => void;
  onRemove: () => void;
}

/** A row in edit mode: dragged by its grip, renamed in place, collapsed (saved as such) or removed. */
export function EditRowHeader({ title, collapsed, childCount, onToggle, onTitleChange, onRemove }: EditRowHeaderProps) {
  return (
    <div role="group" aria-label={`Row ${title || "Row"}`} className="flex h-full items-center gap-2 border-b border-dashed border-slate-300 dark:border-slate-700">
      <span aria-hidden="true" title="Drag to move" className="panel-drag-handle cursor-move px-1 text-slate-400">
        ⠿
      </span>
      <button type="button" aria-expanded={!collapsed} aria-label={collapsed ? "Expand row" : "Collapse row"} onClick={onToggle} className="w-4 text-slate-500">
        {collapsed ? "▸" : "▾"}
      </button>
      <input aria-label="Row title" value={title} onChange={(e) => onTitleChange(e.target.value)} className="min-w-0 flex-1 bg-transparent font-semibold focus:outline-none" />
      {collapsed && <span className="text-xs text-slate-500">({childCount} panels)</span>}
      <button type="button" onClick={onRemove} className="rounded px-2 text-xs text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800">
        Remove row
      </button>
    </div>
  );
}
