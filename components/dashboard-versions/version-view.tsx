"use client";

import { prettyJson } from "@/lib/dashboards/diff";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { useVersionDocuments } from "./use-versions";

export interface VersionViewProps {
  uid: string;
  version: number;
}

/** One saved version's dashboard JSON, read-only. */
export function VersionView({ uid, version }: VersionViewProps) {
  const [doc] = useVersionDocuments(uid, [version]);
  if (doc?.error) return <Callout tone="error" title={`Cannot load version ${version}`}>{doc.error.message}</Callout>;
  if (!doc?.data) return <Spinner label={`Loading version ${version}…`} />;
  return (
    <textarea
      readOnly
      aria-label={`Version ${version} JSON`}
      value={prettyJson(doc.data.dashboard)}
      rows={30}
      spellCheck={false}
      className="w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    />
  );
}
