import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { authorize } from "@/lib/auth/session";
import { getConfig, toPublicDatasource } from "@/lib/config";
import { promqlKeys } from "@/lib/promql/keys";
import { datasourceListSchema } from "@/lib/promql/types";
import type { DatasourceInfo } from "@/lib/promql/types";
import { storedDashboardSchema, type StoredDashboardResponse } from "./api-schemas";
import { planEarlyQueries } from "./early-queries";
import { planEarlyQueriesForVisitor, type EarlyScriptPlan } from "./early-variables";
import { parseViewCookie } from "./view-cookie";
import { dashboardKeys } from "./keys";
import { getDashboardRepository } from "./repository";
import { parseUidParam } from "./repository/requests";
import { publicSettings, settingsKeys, type SettingsResponse } from "./settings";

/**
 * What a dashboard page's first render needs from the API, read by its server component and sent
 * with the HTML (React Query's dehydrated state), so the browser starts the panels' queries at
 * hydration instead of after three more round trips: the stored dashboard, the settings and the
 * datasource list, each exactly as its route would answer this request (same `authorize` action,
 * same JSON, parsed with the client's schema). A part the visitor may not read, or that fails, is
 * left out: the page then fetches it and shows the route's error, as before.
 */
export async function dashboardPageState(uid: string, requestHeaders: Headers): Promise<DehydratedState> {
  return dehydrate(await pageQueryClient(uid, requestHeaders));
}

export interface DashboardPageData {
  /** What the page's first render reads from the API (React Query's dehydrated state). */
  state: DehydratedState;
  /** The first screen's panel queries for the page's HTML to start (lib/promql/batch/early-script.ts), when they could be planned at once. */
  earlyQueries: EarlyScriptPlan | null;
  /**
   * The same, still being planned, for a dashboard whose variables need the upstream (their requests run
   * for the visitor first): the page streams its script when it is ready, never holding the HTML back.
   */
  laterEarlyQueries: Promise<EarlyScriptPlan | null> | null;
  /** "now" for the page: its range resolves with this instant, which the early queries were planned for. */
  nowMs: number;
}

/**
 * The page state, and the panel queries the page will send for its first screen (lib/dashboards/early-queries.ts),
 * planned from the same dashboard, settings and datasources as that state holds, for the page's query
 * string, "now" and the grid the browser measured last time (the view cookie). No early queries for a
 * visitor who may not run queries, a first visit (no cookie), or a view the server cannot foresee. A
 * dashboard with query variables is planned after its variable requests ran for the visitor
 * (lib/dashboards/early-variables.ts): that plan is returned unawaited (`laterEarlyQueries`).
 */
export async function dashboardPageData(uid: string, requestHeaders: Headers, page: { search: string; viewCookie: string | undefined }): Promise<DashboardPageData> {
  const nowMs = Date.now();
  const client = await pageQueryClient(uid, requestHeaders);
  const state = dehydrate(client);
  const none = { state, earlyQueries: null, laterEarlyQueries: null, nowMs };
  const view = parseViewCookie(page.viewCookie);
  const stored = client.getQueryData<StoredDashboardResponse>(dashboardKeys.detail(uid));
  const settings = client.getQueryData<SettingsResponse>(settingsKeys.all);
  const datasources = client.getQueryData<DatasourceInfo[]>(promqlKeys.datasources());
  if (!view || !stored || !settings || !datasources) return none;
  try {
    await authorize(new Request("http://orrery.invalid/", { headers: requestHeaders }), "query:run");
    const input = { dashboard: stored.dashboard, search: page.search, minRefresh: settings.dashboards.minRefreshInterval, datasources, view, nowMs };
    if (stored.dashboard.templating.list.some((v) => v.type === "query")) {
      // Upstream work only for a document load: a soft navigation's or prefetch's RSC fetch never runs the HTML's scripts.
      return loadsDocument(requestHeaders) ? { ...none, laterEarlyQueries: planEarlyQueriesForVisitor(input, requestHeaders) } : none;
    }
    const plan = await planEarlyQueries(input);
    return { ...none, earlyQueries: "queries" in plan ? { queries: plan.queries, variables: [] } : null };
  } catch {
    // Not allowed to run queries, or a plan that failed: the page sends its own (and shows their answers).
    return none;
  }
}

/**
 * Whether the request loads the page as a document (whose inline scripts run), not Next's fetch of the
 * page's RSC payload for a soft navigation or a prefetch: Sec-Fetch-Dest where the browser sends it,
 * else whether it accepts HTML (Next's fetch sends the default Accept of fetch, *\/*).
 */
function loadsDocument(requestHeaders: Headers): boolean {
  const dest = requestHeaders.get("sec-fetch-dest");
  if (dest !== null) return dest === "document";
  return (requestHeaders.get("accept") ?? "text/html").includes("text/html");
}

async function pageQueryClient(uid: string, requestHeaders: Headers): Promise<QueryClient> {
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
  return client;
}

async function attempt(part: () => Promise<void>): Promise<void> {
  try {
    await part();
  } catch {
    // Left to the browser's own request, which shows the route's answer (401, 403, 404, ...).
  }
}
