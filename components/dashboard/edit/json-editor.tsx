"use client";

import { useMemo, useState } from "react";
import { checkDashboardJson } from "@/lib/dashboards/edit";
import type { Dashboard } from "@/lib/dashboards/schema";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { IssueList } from "./issue-list";

export interface JsonEditorProps {
  dashboard: Dashboard;
  onApply: (dashboard: Dashboard) => void;
}

/** The dashboard's JSON model: checked as typed with parseDashboard; only a valid document can be applied. */
export function JsonEditor({ dashboard, onApply }: JsonEditorProps) {
  const current = useMemo(() => JSON.stringify(dashboard, null, 2), [dashboard]);
  const [text, setText] = useState(current);
  const check = useMemo(() => checkDashboardJson(text, dashboard.uid), [text, dashboard.uid]);
  const changed = text !== current;
  return (
    <section aria-label="JSON model" className="space-y-2">
      <div className="flex items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">JSON model</h2>
        <Button onClick={() => setText(current)} disabled={!changed}>
          Reset
        </Button>
        <Button variant="primary" disabled={!check.ok || !changed} onClick={() => check.ok && onApply(check.dashboard)}>
          Apply JSON
        </Button>
      </div>
      {check.ok ? (
        changed && <p className="text-sm text-slate-600 dark:text-slate-400">Valid; apply to use it in the editor, then save the dashboard.</p>
      ) : (
        <Callout tone="error" title="The JSON is not a valid dashboard; it is not applied">
          <IssueList issues={check.issues} label="JSON issues" />
        </Callout>
      )}
      <textarea
        aria-label="Dashboard JSON"
        aria-invalid={!check.ok}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="h-[65vh] w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900"
      />
    </section>
  );
}
