"use client";

import type { VersionSummaryResponse } from "@/lib/dashboards/api";
import { Button } from "@/components/ui/button";
import { formatSavedAt } from "./format";

export interface VersionListProps {
  versions: readonly VersionSummaryResponse[];
  currentVersion: number;
  /** Versions ticked for comparison, at most two. */
  selected: readonly number[];
  onSelectedChange: (selected: number[]) => void;
  onView: (version: number) => void;
  /** Absent when versions cannot be restored (provisioned dashboards). */
  onRestore?: (version: number) => void;
  /** The version shown below the list, highlighted. */
  shown?: number | null;
}

const CELL = "px-2 py-1.5 text-left align-top";

/** The kept versions, newest first: who saved each, when and why; tick two to compare them. */
export function VersionList({ versions, currentVersion, selected, onSelectedChange, onView, onRestore, shown }: VersionListProps) {
  const toggle = (version: number, on: boolean) => onSelectedChange(on ? [...selected, version] : selected.filter((v) => v !== version));
  return (
    <table aria-label="Versions" className="w-full border-collapse text-sm">
      <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
        <tr>
          <th className={CELL}>
            <span className="sr-only">Select</span>
          </th>
          <th className={CELL}>Version</th>
          <th className={CELL}>Date</th>
          <th className={CELL}>Updated by</th>
          <th className={CELL}>Message</th>
          <th className={CELL}>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {versions.map((v) => {
          const current = v.version === currentVersion;
          const ticked = selected.includes(v.version);
          return (
            <tr key={v.version} aria-current={current ? "true" : undefined} className={shown === v.version ? "bg-blue-50 dark:bg-blue-950/40" : undefined}>
              <td className={CELL}>
                <input
                  type="checkbox"
                  aria-label={`Select version ${v.version}`}
                  checked={ticked}
                  disabled={!ticked && selected.length >= 2}
                  onChange={(e) => toggle(v.version, e.target.checked)}
                  className="size-4"
                />
              </td>
              <td className={`${CELL} whitespace-nowrap font-medium`}>
                {v.version}
                {current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-800 dark:bg-green-900/50 dark:text-green-200">Current</span> : null}
              </td>
              <td className={`${CELL} whitespace-nowrap`}>
                <time dateTime={v.updatedAt}>{formatSavedAt(v.updatedAt)}</time>
              </td>
              <td className={CELL}>{v.updatedBy}</td>
              <td className={`${CELL} break-words text-slate-700 dark:text-slate-300`}>{v.message || <span className="text-slate-400">—</span>}</td>
              <td className={`${CELL} whitespace-nowrap text-right`}>
                <Button size="sm" variant="ghost" aria-label={`View version ${v.version}`} onClick={() => onView(v.version)}>
                  View
                </Button>
                {onRestore && !current ? (
                  <Button size="sm" variant="ghost" aria-label={`Restore version ${v.version}`} onClick={() => onRestore(v.version)}>
                    Restore
                  </Button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
