"use client";

import type { MouseEvent } from "react";
import { formatValue } from "@/lib/units/format";
import { LEGEND_CALC_LABELS, legendStats, type LegendCalc } from "./legend-stats";
import type { DisplaySeries } from "./prepare-series";

export interface TimeSeriesLegendProps {
  series: readonly DisplaySeries[];
  hidden: ReadonlySet<string>;
  mode: "list" | "table";
  calcs: readonly LegendCalc[];
  /** `toggle` is true for Ctrl/Cmd/Shift-click: change this series alone instead of isolating it. */
  onSelect: (key: string, toggle: boolean) => void;
}

const TITLE = "Click to show only this series; Ctrl/Cmd/Shift-click to show or hide it";

function Swatch({ color }: { color: string }) {
  return <span aria-hidden="true" className="inline-block h-1 w-3.5 shrink-0 rounded-sm" style={{ backgroundColor: color }} />;
}

// HTML, not ECharts' canvas legend, so series names can be read, searched, selected and tested.
export function TimeSeriesLegend({ series, hidden, mode, calcs, onSelect }: TimeSeriesLegendProps) {
  const onClick = (key: string) => (event: MouseEvent) => onSelect(key, event.ctrlKey || event.metaKey || event.shiftKey);
  const rows = series.map((s) => ({
    s,
    shown: !hidden.has(s.key),
    stats: legendStats(s.samples, calcs).map(({ calc, value }) => ({ calc, text: formatValue(value, s.field.unit, s.field.decimals) })),
  }));
  if (mode === "list") {
    return (
      <ul aria-label="Legend" className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
        {rows.map(({ s, shown, stats }) => (
          <li key={s.key}>
            <button type="button" aria-pressed={shown} title={TITLE} onClick={onClick(s.key)} className={`flex items-center gap-1.5 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800 ${shown ? "" : "opacity-40"}`}>
              <Swatch color={s.color} />
              <span className="break-all text-left">{s.name}</span>
              {stats.map(({ calc, text }) => (
                <span key={calc} className="whitespace-nowrap text-slate-500 dark:text-slate-400">
                  {LEGEND_CALC_LABELS[calc]}: {text}
                </span>
              ))}
            </button>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <table aria-label="Legend" className="w-full border-collapse text-xs">
      <thead>
        <tr className="text-slate-500 dark:text-slate-400">
          <th scope="col" className="px-1 text-left font-medium">Name</th>
          {calcs.map((calc) => (
            <th key={calc} scope="col" className="px-1 text-right font-medium">{LEGEND_CALC_LABELS[calc]}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ s, shown, stats }) => (
          <tr key={s.key} className={`hover:bg-slate-100 dark:hover:bg-slate-800 ${shown ? "" : "opacity-40"}`}>
            <td className="px-1">
              <button type="button" aria-pressed={shown} title={TITLE} onClick={onClick(s.key)} className="flex items-center gap-1.5 text-left">
                <Swatch color={s.color} />
                <span className="break-all">{s.name}</span>
              </button>
            </td>
            {stats.map(({ calc, text }) => (
              <td key={calc} className="whitespace-nowrap px-1 text-right tabular-nums">{text}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
