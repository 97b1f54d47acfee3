import * as echarts from "echarts/core";

import type { ChartOption } from "@/components/charts/echart";

/** Renders an option with the components the caller registered (echarts.use) to an SVG string, server side. */
export function renderSvg(option: ChartOption, size = { width: 600, height: 300 }): string {
  const chart = echarts.init(null, undefined, { renderer: "svg", ssr: true, ...size });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
