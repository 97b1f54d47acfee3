"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";

export interface RestoreDialogProps {
  version: number;
  currentVersion: number;
  pending: boolean;
  /** A failure other than a conflict, shown in the dialog so the user can retry. */
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before restoring: a restore saves the old version's dashboard as a new version. */
export function RestoreDialog({ version, currentVersion, pending, error, onConfirm, onCancel }: RestoreDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // showModal() makes the rest of the page inert and closes on Escape (reported through onClose);
    // unmounting removes the dialog from the top layer, so there is nothing to undo.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onCancel}
      onCancel={(e) => pending && e.preventDefault()}
      className="m-auto w-full max-w-md space-y-3 rounded-md bg-white p-4 text-slate-900 shadow-lg backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Restore version {version}?
      </h2>
      <p className="text-sm">
        The dashboard as saved in version {version} becomes version {currentVersion + 1}. Version {currentVersion} and the rest of the history stay, so this can be
        undone by restoring again.
      </p>
      {error ? <Callout tone="error" title="Restore failed">{error}</Callout> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button variant="primary" onClick={onConfirm} disabled={pending}>
          {pending ? "Restoring…" : "Restore"}
        </Button>
      </div>
    </dialog>
  );
}
