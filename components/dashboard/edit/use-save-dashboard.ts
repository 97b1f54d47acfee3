"use client";

import { useMutation } from "@tanstack/react-query";
import { ApiRequestError, createDashboard, saveDashboard, type StoredDashboardResponse } from "@/lib/dashboards/api";
import { copyDashboard, generateUid, readConflict, type ConflictInfo } from "@/lib/dashboards/edit";
import { parseDashboard } from "@/lib/dashboards/parse";
import type { Dashboard } from "@/lib/dashboards/schema";
import type { Issue } from "@/lib/validation/issues";

/** `title` renames the dashboard (a copy always gets one; a new dashboard may). */
export interface SaveRequest {
  mode: "save" | "copy";
  message: string;
  title?: string;
}

export type SaveOutcome =
  | { ok: true; saved: StoredDashboardResponse; copied: boolean }
  | { ok: false; conflict: ConflictInfo; message: string }
  | { ok: false; issues: Issue[]; message: string };

/**
 * Saves a draft: PUT with the version being edited, POST for a new dashboard or a copy (new uid).
 * A stale version comes back as a conflict, never as an overwrite.
 */
export function useSaveDashboard(draft: Dashboard, version: number | null) {
  return useMutation<SaveOutcome, Error, SaveRequest>({
    mutationFn: async (request) => {
      const title = request.title ?? draft.title;
      const doc = request.mode === "copy" ? copyDashboard(draft, generateUid(), title) : { ...draft, title };
      const parsed = parseDashboard(doc);
      if (!parsed.ok) return { ok: false, issues: parsed.issues, message: "The dashboard is not valid; fix these fields first." };
      const message = request.message.trim() || undefined;
      try {
        const saved = request.mode === "copy" || version === null ? await createDashboard(parsed.dashboard, message) : await saveDashboard(parsed.dashboard, version, message);
        return { ok: true, saved, copied: request.mode === "copy" };
      } catch (e) {
        const conflict = e instanceof ApiRequestError && e.status === 409 ? readConflict(e.body) : null;
        if (conflict) return { ok: false, conflict, message: (e as Error).message };
        if (e instanceof ApiRequestError && e.issues.length > 0) return { ok: false, issues: e.issues, message: e.message };
        throw e;
      }
    },
  });
}
