import type { PanelProps } from "../types";

export type UnsupportedPanelProps = PanelProps<"unsupported">;

/**
 * A Grafana panel the importer could not convert: says so, with its Grafana type and title, so
 * nothing vanishes silently. Text only (React escapes it); queries are not run.
 */
export function UnsupportedPanel({ panel, width, height }: UnsupportedPanelProps) {
  const { grafanaType, reason } = panel.options;
  return (
    <div role="status" className="flex flex-col items-center justify-center gap-1 p-2 text-center text-sm text-amber-700 dark:text-amber-300" style={{ width, height }}>
      <p className="font-medium">Unsupported panel{grafanaType ? ` (Grafana type “${grafanaType}”)` : ""}</p>
      {panel.title ? <p className="text-slate-600 dark:text-slate-400">{panel.title}</p> : null}
      {reason ? <p className="text-xs text-slate-500 dark:text-slate-400">{reason}</p> : null}
    </div>
  );
}
