"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import type { ExistingDashboard, ImportSaveOutcome } from "./use-import-save";

export interface ImportSaveBarProps {
  outcome: ImportSaveOutcome | undefined;
  error: Error | null;
  pending: boolean;
  /** The uid typed is not valid. */
  invalid: boolean;
  onImport: () => void;
  onNewUid: () => void;
  onOverwrite: (existing: ExistingDashboard) => void;
}

/** "Import", and when the uid is taken: save with a new uid, or overwrite after an explicit confirmation. */
export function ImportSaveBar({ outcome, error, pending, invalid, onImport, onNewUid, onOverwrite }: ImportSaveBarProps) {
  const [confirming, setConfirming] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const existing = outcome && !outcome.ok ? outcome.existing : null;
  return (
    <div className="space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800">
      {error && <Callout tone="error">{error.message}</Callout>}
      {existing ? (
        <Callout tone="warning" title={`A dashboard with uid ${existing.uid} already exists`}>
          <p>
            &ldquo;{existing.title}&rdquo; (version {existing.version}, saved by {existing.updatedBy})
            {existing.provisioned ? " is provisioned from the server's files and cannot be replaced." : "."} Save the import with a new uid
            {existing.provisioned ? "." : ", or replace that dashboard with it."}
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <Button variant="primary" disabled={pending} onClick={onNewUid}>
              Save with a new uid
            </Button>
            {!existing.provisioned && !confirming && (
              <Button disabled={pending} onClick={() => setConfirming(true)}>
                Overwrite…
              </Button>
            )}
          </div>
          {!existing.provisioned && confirming && (
            <div className="mt-2 space-y-2">
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                Replace &ldquo;{existing.title}&rdquo; with the imported dashboard (its history keeps version {existing.version})
              </label>
              <Button disabled={!confirmed || pending} onClick={() => onOverwrite(existing)}>
                Overwrite {existing.uid}
              </Button>
            </div>
          )}
        </Callout>
      ) : (
        <Button variant="primary" disabled={pending || invalid} onClick={onImport}>
          {pending ? "Working…" : "Import"}
        </Button>
      )}
    </div>
  );
}
