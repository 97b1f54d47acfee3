"use client";

import dynamic from "next/dynamic";

/** Starts downloading ECharts (its own chunk) early, e.g. while a panel's query runs. */
export const loadEChart = () => import("@/components/charts/echart").then((m) => m.EChart);

/** The chart wrapper, loaded on the client only: ECharts needs a DOM and is big. */
export const LazyEChart = dynamic(loadEChart, {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-full w-full" />,
});
