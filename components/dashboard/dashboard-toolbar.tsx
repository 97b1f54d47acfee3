"use client";

import type { RawTimeRange } from "@/lib/time/range";
import type { TimeZoneSetting } from "@/lib/time/zone";
import { TimeRangePicker } from "@/components/time/time-range-picker";
import { TimeZonePicker } from "@/components/time/time-zone-picker";
import { ExportMenu } from "./export-menu";

export interface DashboardToolbarProps {
  title: string;
  range: RawTimeRange;
  timezone: TimeZoneSetting;
  refresh: string;
  /** The auto-refresh choices allowed by the server's minimum ("" is off). */
  refreshChoices: readonly string[];
  /** The server's minimum refresh interval, e.g. "5s". */
  minRefresh: string;
  onRangeChange: (range: RawTimeRange) => void;
  onTimezoneChange: (timezone: TimeZoneSetting) => void;
  onRefreshChange: (refresh: string) => void;
  onRefreshNow: () => void;
  actions?: React.ReactNode;
  /** The saved dashboard's uid: shows the Export menu (absent for a dashboard never saved). */
  exportUid?: string;
}

/** Title, time range, time zone, auto-refresh choice and the refresh button. */
export function DashboardToolbar(props: DashboardToolbarProps) {
  const { title, range, timezone, refresh, refreshChoices, minRefresh, onRangeChange, onTimezoneChange, onRefreshChange, onRefreshNow, actions, exportUid } = props;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <h1 className="mr-auto text-xl font-semibold">{title}</h1>
      {actions}
      {exportUid !== undefined && <ExportMenu uid={exportUid} />}
      <TimeRangePicker value={range} onChange={onRangeChange} />
      <TimeZonePicker value={timezone} onChange={onTimezoneChange} />
      <label className="flex flex-col text-sm" title={`Minimum refresh interval: ${minRefresh}`}>
        <span className="text-xs text-slate-600 dark:text-slate-400">Auto-refresh</span>
        <select value={refresh} onChange={(e) => onRefreshChange(e.target.value)} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
          {refreshChoices.map((r) => (
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
