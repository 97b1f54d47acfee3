import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { authorize } from "@/lib/auth/session";
import { getConfig, toPublicDatasource } from "@/lib/config";
import { promqlKeys } from "@/lib/promql/keys";
import { datasourceListSchema } from "@/lib/promql/types";
import { storedDashboardSchema } from "./api-schemas";
import { dashboardKeys } from "./keys";
import { getDashboardRepository } from "./repository";
import { parseUidParam } from "./repository/requests";
import { publicSettings, settingsKeys } from "./settings";

/**
 * What a dashboard page's first render needs from the API, read by its server component and sent
 * with the HTML (React Query's dehydrated state), so the browser starts the panels' queries at
 * hydration instead of after three more round trips: the stored dashboard, the settings and the
 * datasource list, each exactly as its route would answer this request (same `authorize` action,
 * same JSON, parsed with the client's schema). A part the visitor may not read, or that fails, is
 * left out: the page then fetches it and shows the route's error, as before.
 */
export async function dashboardPageState(uid: string, requestHeaders: Headers): Promise<DehydratedState> {
  const req = new Request("http://orrery.invalid/", { headers: requestHeaders });
  const client = new QueryClient();
  const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
  await Promise.all([
    attempt(async () => {
      await authorize(req, "dashboards:read");
      const stored = await getDashboardRepository().get(parseUidParam(uid));
      client.setQueryData(dashboardKeys.detail(uid), storedDashboardSchema.parse(viaJson(stored)));
    }),
    attempt(async () => {
      await authorize(req, "dashboards:read");
      client.setQueryData(settingsKeys.all, viaJson(publicSettings(getConfig())));
    }),
    attempt(async () => {
      await authorize(req, "datasources:read");
      client.setQueryData(promqlKeys.datasources(), datasourceListSchema.parse(viaJson({ datasources: getConfig().datasources.map(toPublicDatasource) })).datasources);
    }),
  ]);
  return dehydrate(client);
}

async function attempt(part: () => Promise<void>): Promise<void> {
  try {
    await part();
  } catch {
    // Left to the browser's own request, which shows the route's answer (401, 403, 404, ...).
  }
}
