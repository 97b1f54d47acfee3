"use client";

import { useMemo } from "react";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { toBarGaugeViewModel, type BarGaugeBar } from "./to-view-model";

export type BarGaugePanelProps = PanelProps<"bargauge">;

const TRACK = "bg-slate-200/60 dark:bg-slate-700/40";

function HorizontalBar({ bar }: { bar: BarGaugeBar }) {
  return (
    <li className="flex min-h-0 flex-1 flex-col justify-center gap-0.5">
      <span className="truncate text-xs text-slate-600 dark:text-slate-300" title={bar.name}>{bar.name}</span>
      <div className="flex min-h-2 flex-1 items-center gap-2" style={{ maxHeight: 40 }}>
        <div className={`relative h-full flex-1 overflow-hidden rounded-sm ${TRACK}`}>
          <div className="absolute inset-y-0 left-0" style={{ width: `${bar.fraction * 100}%`, background: bar.fill }} />
        </div>
        <span className="w-20 shrink-0 text-right text-sm font-semibold tabular-nums" style={{ color: bar.color }}>{bar.text}</span>
      </div>
    </li>
  );
}

function VerticalBar({ bar }: { bar: BarGaugeBar }) {
  return (
    <li className="flex min-w-0 flex-1 flex-col items-stretch gap-0.5">
      <span className="truncate text-center text-sm font-semibold tabular-nums" style={{ color: bar.color }}>{bar.text}</span>
      <div className={`relative min-h-0 flex-1 overflow-hidden rounded-sm ${TRACK}`}>
        <div className="absolute inset-x-0 bottom-0" style={{ height: `${bar.fraction * 100}%`, background: bar.fill }} />
      </div>
      <span className="truncate text-center text-xs text-slate-600 dark:text-slate-300" title={bar.name}>{bar.name}</span>
    </li>
  );
}

/** Bars per series, filled to the value on min..max, coloured by thresholds (plain HTML). */
export function BarGaugePanel({ data, panel, width, height }: BarGaugePanelProps) {
  const model = useMemo(() => toBarGaugeViewModel({ data, panel }), [data, panel]);
  if (model.bars.length === 0) return <PanelMessage />;
  const horizontal = model.orientation === "horizontal";
  return (
    <ul aria-label="Bar gauge" className={`flex gap-2 p-1 ${horizontal ? "flex-col" : "flex-row"}`} style={{ width, height }}>
      {model.bars.map((bar) => (horizontal ? <HorizontalBar key={bar.key} bar={bar} /> : <VerticalBar key={bar.key} bar={bar} />))}
    </ul>
  );
}
