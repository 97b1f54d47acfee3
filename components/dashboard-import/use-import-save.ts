"use client";

import { useMutation } from "@tanstack/react-query";
import { ApiRequestError, createDashboard, getDashboard, saveDashboard, type StoredDashboardResponse } from "@/lib/dashboards/api";
import type { Dashboard } from "@/lib/dashboards/schema";

/** The dashboard already stored under the uid an import wanted. */
export interface ExistingDashboard {
  uid: string;
  title: string;
  version: number;
  updatedBy: string;
  provisioned: boolean;
}

export type ImportSaveOutcome = { ok: true; saved: StoredDashboardResponse } | { ok: false; existing: ExistingDashboard; message: string };

export interface ImportSaveRequest {
  dashboard: Dashboard;
  /**
   * Replace the stored dashboard of this uid, which the user was shown at this version (a new
   * version; its history keeps the old one). Only after the user confirmed.
   */
  overwrite?: ExistingDashboard;
}

/**
 * Saves an imported dashboard with the existing save semantics: create (POST, never overwrites);
 * a taken uid comes back as `existing`, and only an explicit overwrite saves over it, as a new
 * version of the dashboard the user was shown (a save in between is a 409, not lost).
 */
export function useImportSave() {
  return useMutation<ImportSaveOutcome, Error, ImportSaveRequest>({
    mutationFn: async ({ dashboard, overwrite }) => {
      if (overwrite) {
        if (overwrite.provisioned) throw new Error(`Dashboard ${dashboard.uid} is provisioned from the server's files and cannot be overwritten; save with a new uid.`);
        return { ok: true, saved: await saveDashboard(dashboard, overwrite.version, `imported over version ${overwrite.version}`) };
      }
      try {
        return { ok: true, saved: await createDashboard(dashboard, "imported") };
      } catch (e) {
        if (!(e instanceof ApiRequestError && e.status === 409)) throw e;
        const current = await getDashboard(dashboard.uid);
        const existing = { uid: dashboard.uid, title: current.dashboard.title, version: current.meta.version, updatedBy: current.meta.updatedBy, provisioned: current.meta.provisioned };
        return { ok: false, existing, message: e.message };
      }
    },
  });
}
