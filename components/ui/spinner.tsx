export interface SpinnerProps {
  label: string;
  className?: string;
}

/** A small spinner with a text alternative, announced politely. */
export function Spinner({ label, className = "" }: SpinnerProps) {
  return (
    <span role="status" className={`inline-flex items-center gap-2 text-sm text-slate-500 ${className}`}>
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-600 dark:border-slate-700 dark:border-t-blue-400"
      />
      {label}
    </span>
  );
}
