"use client";

import { REFRESH_CHOICES } from "@/lib/dashboards/time";
import type { RawTimeRange } from "@/lib/time/range";
import { TimeRangePicker } from "@/components/time/time-range-picker";

export interface DashboardToolbarProps {
  title: string;
  range: RawTimeRange;
  refresh: string;
  onRangeChange: (range: RawTimeRange) => void;
  onRefreshChange: (refresh: string) => void;
  onRefreshNow: () => void;
  actions?: React.ReactNode;
}

/** Title, time range, auto-refresh choice and the refresh button. */
export function DashboardToolbar({ title, range, refresh, onRangeChange, onRefreshChange, onRefreshNow, actions }: DashboardToolbarProps) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <h1 className="mr-auto text-xl font-semibold">{title}</h1>
      {actions}
      <TimeRangePicker value={range} onChange={onRangeChange} />
      <label className="flex flex-col text-sm">
        <span className="text-xs text-slate-600 dark:text-slate-400">Auto-refresh</span>
        <select value={refresh} onChange={(e) => onRefreshChange(e.target.value)} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
          {REFRESH_CHOICES.map((r) => (
            <option key={r} value={r}>
              {r === "" ? "Off" : r}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={onRefreshNow} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Refresh
      </button>
    </div>
  );
}
