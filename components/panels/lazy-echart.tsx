"use client";

import { lazy, Suspense, useSyncExternalStore, type ComponentProps } from "react";

/** Starts downloading ECharts (its own chunk) early, e.g. while a panel's query runs. */
export const loadEChart = () => import("@/components/charts/echart").then((m) => m.EChart);

const EChart = lazy(() => loadEChart().then((component) => ({ default: component })));
const placeholder = <div aria-hidden="true" className="h-full w-full" />;
const noSubscription = () => () => {};

/**
 * The chart wrapper, loaded on the client only: ECharts needs a DOM and is big. React.lazy rather
 * than next/dynamic (whose loader runtime is ~1.4 KiB gzip of /d-solo's budget, issue 7 B6); the
 * server and hydration render the placeholder, as `ssr: false` did.
 */
export function LazyEChart(props: ComponentProps<typeof EChart>) {
  const client = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!client) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <EChart {...props} />
    </Suspense>
  );
}
