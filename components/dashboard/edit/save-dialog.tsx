"use client";

import { useState } from "react";
import type { StoredDashboardResponse } from "@/lib/dashboards/api";
import { describeConflict } from "@/lib/dashboards/edit";
import type { Dashboard } from "@/lib/dashboards/schema";
import { timeZoneLabel } from "@/lib/time/zone-list";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field, TextInput } from "@/components/ui/field";
import { IssueList } from "./issue-list";
import { Modal } from "./modal";
import { useSaveDashboard } from "./use-save-dashboard";

export interface SaveDialogProps {
  draft: Dashboard;
  /** The stored version being edited; null for a dashboard never saved. */
  version: number | null;
  provisioned: boolean;
  /** The time zone the dashboard is shown in (the URL's `timezone`); offered for saving when it differs. */
  viewTimezone?: string;
  onSaved: (saved: StoredDashboardResponse, copied: boolean) => void;
  /** Drops the edits and loads the newer version. */
  onReload: () => void;
  onClose: () => void;
}

/** Save with a message; on a conflict, reload or save as a copy, never overwrite. Provisioned dashboards save as a copy only. */
export function SaveDialog({ draft, version, provisioned, viewTimezone, onSaved, onReload, onClose }: SaveDialogProps) {
  const [message, setMessage] = useState("");
  const [mode, setMode] = useState<"save" | "copy">(provisioned ? "copy" : "save");
  const [title, setTitle] = useState(provisioned ? `${draft.title} (copy)` : draft.title);
  // Like Grafana, a time zone picked in the toolbar is saved with the dashboard (on by default).
  const zoneChanged = viewTimezone !== undefined && viewTimezone !== draft.timezone;
  const [saveZone, setSaveZone] = useState(true);
  const save = useSaveDashboard(zoneChanged && saveZone ? { ...draft, timezone: viewTimezone } : draft, version);
  const outcome = save.data;
  const conflict = outcome && !outcome.ok && "conflict" in outcome ? outcome.conflict : null;
  const isNew = version === null;

  const submit = async () => {
    const result = await save.mutateAsync({ mode, message, ...(mode === "copy" || isNew ? { title } : {}) }).catch(() => null);
    if (result?.ok) onSaved(result.saved, result.copied);
  };
  const asCopy = () => {
    setMode("copy");
    setTitle(`${draft.title} (copy)`);
    save.reset();
  };

  return (
    <Modal title={isNew ? "Save new dashboard" : mode === "copy" ? "Save as copy" : "Save dashboard"} onClose={onClose}>
      {provisioned && <Callout tone="info">This dashboard is provisioned from the server&apos;s files; save your changes as a copy.</Callout>}
      {conflict ? (
        <>
          <Callout tone="error" title="Someone else saved this dashboard">
            {describeConflict(conflict, version ?? 0)}
          </Callout>
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={onReload}>Reload (discard my changes)</Button>
            <Button variant="primary" onClick={asCopy}>
              Save as copy
            </Button>
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
          </div>
        </>
      ) : (
        <form className="space-y-3" onSubmit={(e) => (e.preventDefault(), void submit())}>
          {(mode === "copy" || isNew) && (
            <Field label="Title">{(c) => <TextInput id={c.id} value={title} onChange={(e) => setTitle(e.target.value)} required className="w-full" />}</Field>
          )}
          {zoneChanged && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={saveZone} onChange={(e) => setSaveZone(e.target.checked)} />
              Save the time zone shown ({timeZoneLabel(viewTimezone)}) as the dashboard&apos;s
            </label>
          )}
          <Field label="Message" hint="What changed, for the version history">
            {(c) => <TextInput id={c.id} aria-describedby={c.describedBy} value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} className="w-full" />}
          </Field>
          {outcome && !outcome.ok && "issues" in outcome && (
            <Callout tone="error" title={outcome.message}>
              <IssueList issues={outcome.issues} />
            </Callout>
          )}
          {save.error && <Callout tone="error">{save.error.message}</Callout>}
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            {!provisioned && !isNew && mode === "save" && (
              <Button onClick={asCopy} disabled={save.isPending}>
                Save as copy…
              </Button>
            )}
            <Button type="submit" variant="primary" disabled={save.isPending}>
              {save.isPending ? "Saving…" : mode === "copy" ? "Save copy" : "Save"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
