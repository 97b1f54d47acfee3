"use client";

import { useState } from "react";
import type { Target } from "@/lib/dashboards/schema";
import { PromQLEditor } from "@/components/promql-editor/promql-editor";
import { Button } from "@/components/ui/button";
import { CommitInput } from "./commit-input";

export interface QueryRowProps {
  target: Target;
  apiBaseUrl: string | null;
  onChange: (patch: Partial<Omit<Target, "refId">>) => void;
  onRemove: () => void;
}

const LABEL = "flex flex-col gap-1 text-xs text-slate-600 dark:text-slate-400";

/**
 * One target: the PromQL editor, whose text is applied (and queried) when the editor is left or
 * on Shift+Enter, as Grafana runs queries on blur; legend format, min step, instant and hide.
 */
export function QueryRow({ target, apiBaseUrl, onChange, onRemove }: QueryRowProps) {
  const [local, setLocal] = useState({ from: target.expr, text: target.expr });
  const expr = local.from === target.expr ? local.text : target.expr;
  const commit = (text: string) => text !== target.expr && onChange({ expr: text });
  return (
    <fieldset aria-label={`Query ${target.refId}`} className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">{target.refId}</legend>
      <div
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) commit(expr);
        }}
      >
        <PromQLEditor
          value={expr}
          onChange={(text) => setLocal({ from: target.expr, text })}
          onSubmit={commit}
          apiBaseUrl={apiBaseUrl}
          ariaLabel={`PromQL expression ${target.refId}`}
          placeholder="Enter a PromQL expression (Shift+Enter to run)"
        />
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className={LABEL}>
          Legend
          <CommitInput value={target.legendFormat} onCommit={(legendFormat) => onChange({ legendFormat })} placeholder="{{instance}}" className="w-48" />
        </label>
        <label className={LABEL}>
          Min step
          <CommitInput value={target.minStep} onCommit={(minStep) => onChange({ minStep: minStep.trim() })} placeholder="auto" className="w-24" />
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={target.instant} onChange={(e) => onChange({ instant: e.target.checked })} />
          Instant
        </label>
        <label className="flex items-center gap-1 text-sm">
          <input type="checkbox" checked={target.hide} onChange={(e) => onChange({ hide: e.target.checked })} />
          Hide
        </label>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onRemove} aria-label={`Remove query ${target.refId}`}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
