import { Suspense } from "react";
import { headers } from "next/headers";
import { HydrationBoundary } from "@tanstack/react-query";
import { DashboardPage } from "@/components/dashboard/dashboard-page";
import { dashboardPageState } from "@/lib/dashboards/page-state";

export default async function Page({ params }: PageProps<"/d/[uid]/[[...slug]]">) {
  const { uid } = await params;
  // The dashboard, settings and datasources come with the HTML: panels query at hydration.
  const state = await dashboardPageState(uid, await headers());
  return (
    <Suspense>
      <HydrationBoundary state={state}>
        <DashboardPage uid={uid} />
      </HydrationBoundary>
    </Suspense>
  );
}
