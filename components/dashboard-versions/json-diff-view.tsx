import type { DiffHunk, DiffLine } from "@/lib/dashboards/diff";

export interface JsonDiffViewProps {
  hunks: readonly DiffHunk[];
  /** Names the diff for assistive technology, e.g. "JSON diff of version 1 and version 3". */
  label: string;
}

const SIGN = { equal: " ", added: "+", removed: "-" } as const;
const ROW = "grid grid-cols-[3rem_3rem_1.25rem_1fr] whitespace-pre-wrap break-all no-underline";
const KIND_CLASS = {
  equal: "",
  added: "bg-green-50 text-green-900 dark:bg-green-950/50 dark:text-green-200",
  removed: "bg-red-50 text-red-900 dark:bg-red-950/50 dark:text-red-200",
} as const;

function Line({ line }: { line: DiffLine }) {
  const cells = (
    <>
      <span aria-hidden="true" className="select-none pr-2 text-right text-slate-400">{line.oldNo ?? ""}</span>
      <span aria-hidden="true" className="select-none pr-2 text-right text-slate-400">{line.newNo ?? ""}</span>
      <span className="select-none">{SIGN[line.kind]}</span>
      <span>{line.text}</span>
    </>
  );
  // <ins> and <del> carry the meaning of the colours to assistive technology.
  if (line.kind === "added") return <ins className={`${ROW} ${KIND_CLASS.added}`}>{cells}</ins>;
  if (line.kind === "removed") return <del className={`${ROW} ${KIND_CLASS.removed}`}>{cells}</del>;
  return <div className={ROW}>{cells}</div>;
}

/** A unified diff of pretty-printed JSON: hunks of lines, added ones green, removed ones red. */
export function JsonDiffView({ hunks, label }: JsonDiffViewProps) {
  if (hunks.length === 0) return <p className="text-sm text-slate-500">The JSON of these versions is identical.</p>;
  return (
    <div role="region" aria-label={label} className="overflow-x-auto rounded-md border border-slate-200 font-mono text-xs dark:border-slate-800">
      {hunks.map((hunk) => (
        <div key={`${hunk.oldStart}:${hunk.newStart}`} className="border-b border-slate-200 last:border-b-0 dark:border-slate-800">
          <div className="bg-slate-100 px-2 py-0.5 text-slate-500 dark:bg-slate-900">
            @@ -{hunk.oldStart},{hunk.oldLines} +{hunk.newStart},{hunk.newLines} @@
          </div>
          {hunk.lines.map((line, i) => (
            <Line key={i} line={line} />
          ))}
        </div>
      ))}
    </div>
  );
}
