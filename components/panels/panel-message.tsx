import type { ReactNode } from "react";

export interface PanelMessageProps {
  children?: ReactNode;
  tone?: "muted" | "warning";
}

/** A centred message in place of a panel's content, "No data" by default. */
export function PanelMessage({ children = "No data", tone = "muted" }: PanelMessageProps) {
  const color = tone === "warning" ? "text-amber-700 dark:text-amber-300" : "text-slate-500 dark:text-slate-400";
  return (
    <div role="status" className={`flex h-full w-full items-center justify-center p-2 text-center text-sm ${color}`}>
      {children}
    </div>
  );
}
