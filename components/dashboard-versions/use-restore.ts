"use client";

import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiRequestError, restoreVersion } from "@/lib/dashboards/api";
import { readConflict } from "@/lib/dashboards/edit/conflict";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { slugify } from "@/lib/dashboards/url-state";
import { formatSavedAt } from "./format";

export interface UseRestoreOptions {
  uid: string;
  /** Called when someone saved since the list was loaded; the list is being reloaded. */
  onConflict: (message: string) => void;
}

function conflictMessage(error: ApiRequestError, fromVersion: number): string {
  const current = readConflict(error.body);
  const who = current ? `${current.updatedBy} saved version ${current.version} at ${formatSavedAt(current.updatedAt)}` : "someone saved a newer version";
  return `Nothing was restored: ${who} after you opened this list (it showed version ${fromVersion} as current). The list has been reloaded; check it and restore again if you still want to.`;
}

/**
 * Restores a version as a new one, only if `fromVersion` is still current (POST .../restore), then
 * opens the dashboard. A 409 reloads the history and reports who saved meanwhile.
 */
export function useRestore({ uid, onConflict }: UseRestoreOptions) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: ({ version, fromVersion }: { version: number; fromVersion: number }) => restoreVersion(uid, version, fromVersion),
    onSuccess: (saved) => {
      queryClient.setQueryData(dashboardKeys.detail(uid), saved);
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.versions(uid), exact: true });
      void queryClient.invalidateQueries({ queryKey: [...dashboardKeys.all, "list"] });
      router.push(`/d/${encodeURIComponent(uid)}/${slugify(saved.dashboard.title)}`);
    },
    onError: (error, { fromVersion }) => {
      if (!(error instanceof ApiRequestError) || error.status !== 409) return;
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.detail(uid), exact: true });
      void queryClient.invalidateQueries({ queryKey: dashboardKeys.versions(uid), exact: true });
      onConflict(conflictMessage(error, fromVersion));
    },
  });
}
