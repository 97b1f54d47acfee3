import type { ChangeKind, ChangeSummary } from "@/lib/dashboards/diff";

export interface ChangeSummaryListProps {
  summary: readonly ChangeSummary[];
}

const BADGE: Record<ChangeKind, { label: string; className: string }> = {
  added: { label: "Added", className: "bg-green-100 text-green-800 dark:bg-green-900/50 dark:text-green-200" },
  removed: { label: "Removed", className: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200" },
  changed: { label: "Changed", className: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-200" },
};

/** The structural changes as sentences, each with its kind and its JSON path. */
export function ChangeSummaryList({ summary }: ChangeSummaryListProps) {
  if (summary.length === 0) return <p className="text-sm text-slate-500">These versions are identical.</p>;
  return (
    <ul aria-label="Summary of changes" className="space-y-1 text-sm">
      {summary.map((s, i) => (
        <li key={`${s.path}:${i}`} className="flex items-baseline gap-2">
          <span className={`w-16 shrink-0 rounded px-1.5 text-center text-xs ${BADGE[s.kind].className}`}>{BADGE[s.kind].label}</span>
          <span className="min-w-0 break-words">
            {s.text}
            {s.path ? <code className="ml-2 text-xs text-slate-500">{s.path}</code> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
