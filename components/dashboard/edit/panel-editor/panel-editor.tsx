"use client";

import type { Dashboard, Panel } from "@/lib/dashboards/schema";
import { Button } from "@/components/ui/button";
import { PanelFrame, type PanelFrameProps } from "../../panel-frame";
import { OptionsPane } from "./options-pane";
import { QueriesEditor } from "./queries-editor";

/** What a panel needs to query and render, beside the panel itself. */
export type PanelContext = Pick<PanelFrameProps, "scope" | "datasources" | "range" | "timezone" | "utcOffsetSec" | "onTimeRangeChange">;

export interface PanelEditorProps {
  panel: Panel;
  /** Null until the datasources, time range and variables are ready. */
  context: PanelContext | null;
  change: (change: (d: Dashboard) => Dashboard) => void;
  onClose: () => void;
}

/** Grafana's panel editor: a live preview with real queries, the queries below, the options beside. */
export function PanelEditor({ panel, context, change, onClose }: PanelEditorProps) {
  return (
    <section aria-label="Edit panel" className="space-y-3">
      <div className="flex items-center gap-2">
        <h2 className="mr-auto text-lg font-semibold">Edit panel</h2>
        <Button onClick={onClose}>Back to dashboard</Button>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-3">
          <div aria-label="Preview" role="region" className="h-80">
            {context ? <PanelFrame {...context} panel={panel} onView={() => undefined} /> : <p className="text-sm text-slate-500">Loading…</p>}
          </div>
          {context && <QueriesEditor panel={panel} datasources={context.datasources} scope={context.scope} change={change} />}
        </div>
        <OptionsPane panel={panel} change={change} />
      </div>
    </section>
  );
}
