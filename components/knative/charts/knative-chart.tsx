"use client";

import type { ReactNode } from "react";
import dynamic from "next/dynamic";
import type { ChartOption } from "@/components/charts/echart";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";

const EChart = dynamic(() => import("@/components/charts/echart").then((m) => m.EChart), {
  ssr: false,
  loading: () => <div aria-hidden="true" className="h-64 w-full" />,
});

export interface LegendItem {
  name: string;
  color: string;
  dashed?: boolean;
}

export interface KnativeChartProps {
  title: string;
  testId: string;
  option: ChartOption | null;
  ariaLabel: string;
  error: Error | null;
  loading: boolean;
  legend: readonly LegendItem[];
  /** A line under the title, e.g. why the hard limit is not drawn. */
  note?: string | null;
  empty?: string | null;
  height?: string;
  /** A fixed chart height in px (panels), instead of `height`. */
  heightPx?: number;
  /** Drops the border and padding (inside a dashboard panel, which has its own frame). */
  bare?: boolean;
  group?: string;
  children?: ReactNode;
}

/** One chart of the Knative view: its own loading state and error, a legend, and an accessible summary below. */
export function KnativeChart({ title, testId, option, ariaLabel, error, loading, legend, note, empty, height = "h-64", heightPx, bare = false, group, children }: KnativeChartProps) {
  const size = heightPx !== undefined ? { className: "w-full", style: { height: heightPx } } : { className: `${height} w-full`, style: undefined };
  return (
    <section aria-label={title} data-testid={testId} data-state={error ? "error" : option ? "ready" : "loading"} className={`flex min-w-0 flex-col gap-1 ${bare ? "" : "rounded border border-slate-200 p-3 dark:border-slate-800"}`}>
      <header className={bare ? "sr-only" : "flex items-center gap-2"}>
        <h3 className="text-sm font-semibold">{title}</h3>
        {loading ? <Spinner label="Loading…" className="text-xs" /> : null}
      </header>
      {note ? (
        <p data-testid={`${testId}-note`} className="text-xs text-slate-600 dark:text-slate-400">
          {note}
        </p>
      ) : null}
      {error ? (
        <Callout tone="error" title={`${title}: query failed`}>
          {error.message}
        </Callout>
      ) : option === null ? (
        <div className={size.className} style={size.style} aria-hidden="true" />
      ) : empty ? (
        <p className="py-8 text-center text-sm text-slate-500">{empty}</p>
      ) : (
        <div className={size.className} style={size.style}>
          <EChart option={option} ariaLabel={ariaLabel} className="h-full w-full" group={group} />
        </div>
      )}
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-400" aria-label={`${title} legend`}>
        {legend.map((l) => (
          <li key={l.name} className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-block h-0 w-4 border-t-2" style={{ borderColor: l.color, borderTopStyle: l.dashed ? "dashed" : "solid" }} />
            {l.name}
          </li>
        ))}
      </ul>
      {children}
    </section>
  );
}
