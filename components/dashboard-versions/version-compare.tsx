"use client";

import { useMemo, useState } from "react";
import { diffDashboards } from "@/lib/dashboards/diff";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { ChangeSummaryList } from "./change-summary";
import { JsonDiffView } from "./json-diff-view";
import { useVersionDocuments } from "./use-versions";

export interface VersionCompareProps {
  uid: string;
  /** The older version. */
  base: number;
  /** The newer version. */
  target: number;
}

type CompareTab = "summary" | "json";
const TABS = [
  { value: "summary", label: "Summary" },
  { value: "json", label: "JSON diff" },
] as const;

/** What changed from one version to another: readable changes, and the JSON line diff. */
export function VersionCompare({ uid, base, target }: VersionCompareProps) {
  const [tab, setTab] = useState<CompareTab>("summary");
  const [before, after] = useVersionDocuments(uid, [base, target]);
  const beforeDoc = before?.data?.dashboard;
  const afterDoc = after?.data?.dashboard;
  const diff = useMemo(() => (beforeDoc && afterDoc ? diffDashboards(beforeDoc, afterDoc) : null), [beforeDoc, afterDoc]);

  const error = before?.error ?? after?.error;
  if (error) return <Callout tone="error" title="Cannot load the versions to compare">{error.message}</Callout>;
  if (!diff) return <Spinner label="Loading versions…" />;
  const idPrefix = `compare-${base}-${target}`;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {diff.summary.length} {diff.summary.length === 1 ? "change" : "changes"}; JSON: {diff.linesAdded} lines added, {diff.linesRemoved} removed.
      </p>
      <Tabs label="Comparison views" items={TABS} value={tab} onChange={setTab} idPrefix={idPrefix} />
      <TabPanel idPrefix={idPrefix} value={tab}>
        {tab === "summary" ? (
          <ChangeSummaryList summary={diff.summary} />
        ) : (
          <JsonDiffView hunks={diff.hunks} label={`JSON diff of version ${base} and version ${target}`} />
        )}
      </TabPanel>
    </div>
  );
}
