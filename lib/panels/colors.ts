// Grafana's named colours, so thresholds and fixed colours imported from Grafana look the same.
const HUES: Record<string, readonly [string, string, string, string, string]> = {
  // super-light, light, base, semi-dark, dark
  red: ["#FFA6B0", "#FF7383", "#F2495C", "#E02F44", "#C4162A"],
  orange: ["#FFCB7D", "#FFB357", "#FF9830", "#FF780A", "#FA6400"],
  yellow: ["#FFF899", "#FFEE52", "#FADE2A", "#F2CC0C", "#E0B400"],
  green: ["#C8F2C2", "#96D98D", "#73BF69", "#56A64B", "#37872D"],
  blue: ["#C0D8FF", "#8AB8FF", "#5794F2", "#3274D9", "#1F60C4"],
  purple: ["#DEB6F2", "#CA95E5", "#B877D9", "#A352CC", "#8F3BB8"],
};
const SHADES = ["super-light-", "light-", "", "semi-dark-", "dark-"] as const;

const NAMED: ReadonlyMap<string, string> = new Map(
  Object.entries(HUES).flatMap(([hue, values]) => SHADES.map((shade, i) => [`${shade}${hue}`, values[i]!] as const)),
);

/** Grafana's classic series palette, assigned to series by position. */
export const CLASSIC_PALETTE = [
  "#7EB26D", "#EAB839", "#6ED0E0", "#EF843C", "#E24D42", "#1F78C1", "#BA43A6", "#705DA0",
  "#508642", "#CCA300", "#447EBC", "#C15C17", "#890F02", "#0A437C", "#6D1F62", "#584477",
  "#B7DBAB", "#F4D598", "#70DBED", "#F9BA8F", "#F29191", "#82B5D8", "#E5A8E2", "#AEA2E0",
  "#629E51", "#E5AC0E", "#64B0C8", "#E0752D", "#BF1B00", "#0A50A1", "#962D82", "#614D93",
] as const;

export const FALLBACK_COLOR = "#808080";

/** The palette colour of the series at `index`. */
export function paletteColor(index: number): string {
  return CLASSIC_PALETTE[((index % CLASSIC_PALETTE.length) + CLASSIC_PALETTE.length) % CLASSIC_PALETTE.length] ?? FALLBACK_COLOR;
}

/**
 * A dashboard colour as CSS: Grafana names (`red`, `semi-dark-green`) map to Grafana's shades;
 * #hex and CSS names pass through; anything else (it reaches inline styles) becomes grey.
 */
export function cssColor(color: string | undefined): string {
  if (color === undefined) return FALLBACK_COLOR;
  const trimmed = color.trim();
  const named = NAMED.get(trimmed.toLowerCase());
  if (named) return named;
  if (trimmed.toLowerCase() === "transparent") return "transparent";
  if (/^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(trimmed) || /^[a-z]{3,30}$/i.test(trimmed)) return trimmed;
  return FALLBACK_COLOR;
}

/** Black or white, whichever reads better on the given #rrggbb background (WCAG luminance). */
export function textColorOn(background: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(background);
  if (!match) return "#ffffff";
  const channel = (hex: string) => {
    const c = parseInt(hex, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(match[1]!) + 0.7152 * channel(match[2]!) + 0.0722 * channel(match[3]!);
  return luminance > 0.4 ? "#111827" : "#ffffff";
}
