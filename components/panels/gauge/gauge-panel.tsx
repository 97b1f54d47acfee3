"use client";

import { useMemo } from "react";
import { isPanelDataEmpty } from "@/lib/panels/panel-data";
import { LazyEChart } from "../lazy-echart";
import { PanelMessage } from "../panel-message";
import type { PanelProps } from "../types";
import { toChartOption } from "./to-chart-option";

export type GaugePanelProps = PanelProps<"gauge">;

/** Radial gauges, one per series, with the thresholds as coloured bands. */
export function GaugePanel({ data, panel, width, height }: GaugePanelProps) {
  const option = useMemo(() => toChartOption({ data, panel, width, height }), [data, panel, width, height]);
  if (isPanelDataEmpty(data)) return <PanelMessage />;
  const count = data.series.length + data.instant.length;
  return (
    <div style={{ width, height }}>
      <LazyEChart option={option} ariaLabel={`Gauge of ${count} value${count === 1 ? "" : "s"}`} className="h-full w-full" />
    </div>
  );
}
