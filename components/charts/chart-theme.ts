/** The app's two themes (the `dark` class on <html>). */
export type AppTheme = "light" | "dark";

/** The colours a chart takes from the app theme; Tailwind's slate scale, as the pages use. */
export interface ChartPalette {
  text: string;
  axisLabel: string;
  axisLine: string;
  splitLine: string;
  tooltipBackground: string;
  tooltipBorder: string;
  tooltipText: string;
  pointer: string;
}

export const CHART_PALETTES: Record<AppTheme, ChartPalette> = {
  light: {
    text: "#334155", // slate-700
    axisLabel: "#64748b", // slate-500
    axisLine: "#cbd5e1", // slate-300
    splitLine: "#e2e8f0", // slate-200
    tooltipBackground: "#ffffff",
    tooltipBorder: "#cbd5e1",
    tooltipText: "#0f172a", // slate-900
    pointer: "#94a3b8", // slate-400
  },
  dark: {
    text: "#cbd5e1", // slate-300
    axisLabel: "#94a3b8", // slate-400
    axisLine: "#475569", // slate-600
    splitLine: "#1e293b", // slate-800
    tooltipBackground: "#0f172a", // slate-900
    tooltipBorder: "#334155", // slate-700
    tooltipText: "#f1f5f9", // slate-100
    pointer: "#64748b", // slate-500
  },
};

function axisTheme(p: ChartPalette) {
  return {
    axisLine: { lineStyle: { color: p.axisLine } },
    axisTick: { lineStyle: { color: p.axisLine } },
    axisLabel: { color: p.axisLabel },
    splitLine: { lineStyle: { color: p.splitLine } },
    splitArea: { areaStyle: { color: ["transparent"] } },
    nameTextStyle: { color: p.axisLabel },
  };
}

/**
 * The ECharts theme object for an app theme (pure): axis, label, grid-line, tooltip and legend
 * colours, a transparent background so the panel's own shows through. Options set colours only
 * where the data decides them (series, thresholds), so everything else follows this.
 */
export function chartTheme(theme: AppTheme) {
  const p = CHART_PALETTES[theme];
  const axis = axisTheme(p);
  return {
    backgroundColor: "transparent",
    textStyle: { color: p.text },
    title: { textStyle: { color: p.text }, subtextStyle: { color: p.axisLabel } },
    legend: { textStyle: { color: p.text } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    logAxis: axis,
    tooltip: {
      backgroundColor: p.tooltipBackground,
      borderColor: p.tooltipBorder,
      textStyle: { color: p.tooltipText },
      axisPointer: { lineStyle: { color: p.pointer }, crossStyle: { color: p.pointer } },
    },
    axisPointer: { lineStyle: { color: p.pointer }, crossStyle: { color: p.pointer }, label: { backgroundColor: p.tooltipBorder, color: p.tooltipText } },
    visualMap: { textStyle: { color: p.text } },
    gauge: { axisLabel: { color: p.axisLabel }, title: { color: p.text }, detail: { color: p.text } },
    graph: { label: { color: p.text }, lineStyle: { color: p.axisLine } },
  };
}

export type ChartTheme = ReturnType<typeof chartTheme>;
