"use client";

import type { MouseEvent } from "react";
import { seriesColor } from "./to-chart-option";

export interface SeriesLegendProps {
  names: readonly string[];
  hidden: ReadonlySet<string>;
  /** `toggle` is true for Ctrl/Cmd/Shift-click: change this series alone instead of isolating it. */
  onSelect: (name: string, toggle: boolean) => void;
}

// The legend is HTML, not ECharts' canvas legend, so series names can be read, searched and tested.
export function SeriesLegend({ names, hidden, onSelect }: SeriesLegendProps) {
  if (names.length === 0) return null;
  const onClick = (name: string) => (event: MouseEvent) => onSelect(name, event.ctrlKey || event.metaKey || event.shiftKey);
  return (
    <ul aria-label="Series" className="flex max-h-48 flex-col gap-0.5 overflow-auto text-xs">
      {names.map((name, index) => {
        const shown = !hidden.has(name);
        return (
          <li key={name}>
            <button
              type="button"
              aria-pressed={shown}
              title="Click to show only this series; Ctrl/Cmd/Shift-click to show or hide it"
              onClick={onClick(name)}
              className={`flex w-full items-start gap-2 rounded px-1 py-0.5 text-left font-mono hover:bg-slate-100 dark:hover:bg-slate-800 ${shown ? "" : "opacity-40"}`}
            >
              <span aria-hidden="true" className="mt-1 size-2.5 shrink-0 rounded-sm" style={{ backgroundColor: seriesColor(index) }} />
              <span className="break-all">{name}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
