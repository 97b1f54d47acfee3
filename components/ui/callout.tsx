import type { ReactNode } from "react";

export type CalloutTone = "error" | "warning" | "info";

export interface CalloutProps {
  tone: CalloutTone;
  title?: string;
  children: ReactNode;
  className?: string;
}

const TONES: Record<CalloutTone, string> = {
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200",
  info: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950/50 dark:text-sky-200",
};

/** A boxed message. Errors are announced at once (role="alert"); the rest politely (role="status"). */
export function Callout({ tone, title, children, className = "" }: CalloutProps) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]} ${className}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      <div className="break-words">{children}</div>
    </div>
  );
}
