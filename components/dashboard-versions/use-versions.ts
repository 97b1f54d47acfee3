"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import { getDashboard, getVersion, listVersions } from "@/lib/dashboards/api";
import { dashboardKeys } from "@/lib/dashboards/keys";

const versionKey = dashboardKeys.version;

/** The current dashboard (title, version, provisioned) and its kept versions, newest first. */
export function useDashboardHistory(uid: string) {
  const stored = useQuery({ queryKey: dashboardKeys.detail(uid), queryFn: ({ signal }) => getDashboard(uid, signal), retry: false });
  const versions = useQuery({ queryKey: dashboardKeys.versions(uid), queryFn: ({ signal }) => listVersions(uid, signal), retry: false });
  return { stored, versions };
}

/** The saved documents of some versions; a saved version never changes, so they are never stale. */
export function useVersionDocuments(uid: string, versions: readonly number[]) {
  return useQueries({
    queries: versions.map((version) => ({
      queryKey: versionKey(uid, version),
      queryFn: ({ signal }: { signal: AbortSignal }) => getVersion(uid, version, signal),
      staleTime: Infinity,
      retry: false,
    })),
  });
}
