import type { Issue } from "@/lib/validation/issues";

export interface IssueListProps {
  issues: readonly Issue[];
  label?: string;
}

/** Validation issues, each with the path of the failing field (`panels[0].gridPos.w`). */
export function IssueList({ issues, label = "Issues" }: IssueListProps) {
  return (
    <ul aria-label={label} className="list-disc space-y-0.5 pl-5 text-sm">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`}>
          <code className="font-mono font-semibold">{issue.path}</code>: {issue.message}
        </li>
      ))}
    </ul>
  );
}
