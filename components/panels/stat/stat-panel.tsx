"use client";

import { useMemo } from "react";
import { LazyEChart } from "../lazy-echart";
import { PanelMessage } from "../panel-message";
import type { PanelProps, PanelTimeRange } from "../types";
import { toSparklineOption } from "./to-chart-option";
import { toStatViewModel, type StatItem, type StatViewModel } from "./to-view-model";

export type StatPanelProps = PanelProps<"stat">;

interface StatCellProps {
  item: StatItem;
  model: StatViewModel;
  timeRange: PanelTimeRange;
  background: boolean;
}

function StatCell({ item, model, timeRange, background }: StatCellProps) {
  const sparkline = useMemo(
    () => (item.sparkline ? toSparklineOption(item.sparkline, background ? "rgba(255,255,255,0.6)" : item.color, timeRange) : null),
    [item.sparkline, item.color, timeRange, background],
  );
  return (
    <div
      className="relative flex min-h-0 min-w-0 flex-col items-center justify-center overflow-hidden rounded-sm"
      style={{ backgroundColor: item.background }}
    >
      {sparkline ? (
        <div className="absolute inset-x-0 bottom-0 h-[35%]">
          <LazyEChart option={sparkline} ariaLabel={`Trend of ${item.name}`} className="h-full w-full" />
        </div>
      ) : null}
      <div className="relative flex flex-col items-center leading-tight" style={{ color: item.textColor }}>
        {model.showNames ? (
          <span className="max-w-full truncate px-1" style={{ fontSize: model.nameFontPx }} title={item.name}>
            {item.name}
          </span>
        ) : null}
        <span className="whitespace-nowrap font-semibold tabular-nums" style={{ fontSize: model.valueFontPx }} data-value={item.value ?? ""}>
          {item.text}
          {item.suffix ? <span style={{ fontSize: "0.7em" }}>{item.suffix}</span> : null}
        </span>
      </div>
    </div>
  );
}

/** Big numbers: one value per series, coloured by thresholds, with an optional sparkline. */
export function StatPanel({ data, panel, width, height, timeRange }: StatPanelProps) {
  const model = useMemo(() => toStatViewModel({ data, panel, width, height }), [data, panel, width, height]);
  if (model.items.length === 0) return <PanelMessage />;
  return (
    <div
      className="grid h-full w-full gap-1"
      style={{ width, height, gridTemplateColumns: `repeat(${model.layout.columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${model.layout.rows}, minmax(0, 1fr))` }}
    >
      {model.items.map((item) => (
        <StatCell key={item.key} item={item} model={model} timeRange={timeRange} background={panel.options.colorMode === "background"} />
      ))}
    </div>
  );
}
