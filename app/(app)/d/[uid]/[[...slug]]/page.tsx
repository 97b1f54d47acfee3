import { Suspense } from "react";
import { cookies, headers } from "next/headers";
import { HydrationBoundary } from "@tanstack/react-query";
import { DashboardPage } from "@/components/dashboard/dashboard-page";
import type { EarlyScriptPlan } from "@/lib/dashboards/early-variables";
import { dashboardPageData } from "@/lib/dashboards/page-state";
import { VIEW_COOKIE } from "@/lib/dashboards/view-cookie";
import { earlyBatchScript, earlyNoneScript, earlyPendingScript } from "@/lib/promql/batch/early-script";
import { searchOf } from "@/lib/http/search-params";

export default async function Page({ params, searchParams }: PageProps<"/d/[uid]/[[...slug]]">) {
  const { uid } = await params;
  const requestHeaders = await headers();
  // The dashboard, settings and datasources come with the HTML; so does a script that starts the first
  // screen's panel queries before the page's JavaScript has loaded (lib/promql/batch/early.ts).
  // Where the dashboard's variables need the upstream, that script is planned after their requests ran
  // for the visitor, and streams in when ready (`laterEarlyQueries`): the HTML's first byte does not wait.
  const { state, earlyQueries, laterEarlyQueries, nowMs } = await dashboardPageData(uid, requestHeaders, { search: searchOf(await searchParams), viewCookie: (await cookies()).get(VIEW_COOKIE)?.value });
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  return (
    <>
      {earlyQueries && <EarlyScript plan={earlyQueries} nonce={nonce} />}
      {laterEarlyQueries && (
        <>
          <InlineScript script={earlyPendingScript()} nonce={nonce} />
          <Suspense fallback={null}>
            <LaterEarlyScript plan={laterEarlyQueries} nonce={nonce} />
          </Suspense>
        </>
      )}
      <Suspense>
        <HydrationBoundary state={state}>
          <DashboardPage uid={uid} initialNowMs={nowMs} />
        </HydrationBoundary>
      </Suspense>
    </>
  );
}

function InlineScript({ script, nonce }: { script: string; nonce: string | undefined }) {
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: script }} />;
}

function EarlyScript({ plan, nonce }: { plan: EarlyScriptPlan; nonce: string | undefined }) {
  return <InlineScript script={earlyBatchScript(plan.queries, plan.variables)} nonce={nonce} />;
}

/** Streams in when the plan is ready: its script, or the one that tells the page there is none. */
async function LaterEarlyScript({ plan, nonce }: { plan: Promise<EarlyScriptPlan | null>; nonce: string | undefined }) {
  const ready = await plan;
  return ready ? <EarlyScript plan={ready} nonce={nonce} /> : <InlineScript script={earlyNoneScript()} nonce={nonce} />;
}
