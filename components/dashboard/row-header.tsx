"use client";

export interface RowHeaderProps {
  title: string;
  collapsed: boolean;
  childCount: number;
  onToggle: () => void;
}

/** A dashboard row: click to collapse or expand its panels. */
export function RowHeader({ title, collapsed, childCount, onToggle }: RowHeaderProps) {
  return (
    <button type="button" aria-expanded={!collapsed} onClick={onToggle} className="panel-drag-handle flex h-full w-full items-center gap-2 text-left font-semibold">
      <span aria-hidden="true" className="inline-block w-3 text-slate-500">
        {collapsed ? "▸" : "▾"}
      </span>
      <span>{title || "Row"}</span>
      {collapsed && <span className="text-xs font-normal text-slate-500">({childCount} panels)</span>}
    </button>
  );
}
