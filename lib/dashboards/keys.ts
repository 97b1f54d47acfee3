/** React Query keys for dashboards, general to specific (STYLE §7.1). */
export const dashboardKeys = {
  all: ["dashboards"] as const,
  list: (filter: { query?: string; tags?: string[] }) => [...dashboardKeys.all, "list", filter] as const,
  detail: (uid: string) => [...dashboardKeys.all, "detail", uid] as const,
  versions: (uid: string) => [...dashboardKeys.all, "detail", uid, "versions"] as const,
  version: (uid: string, version: number) => [...dashboardKeys.versions(uid), version] as const,
};
