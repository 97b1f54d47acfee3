import { z } from "zod";
import { linkSchema, timeRangeSchema, uidSchema } from "./common";
import { dashboardPanelSchema, type DashboardPanel } from "./panels";
import { variableSchema } from "./variables";
import { CURRENT_SCHEMA_VERSION } from "./constants";

const REFRESH = ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"] as const;

function validTimezone(tz: string): boolean {
  if (tz === "browser" || tz === "utc") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function collectIds(panels: readonly DashboardPanel[]): number[] {
  return panels.flatMap((p) => (p.type === "row" ? [p.id, ...p.panels.map((c) => c.id)] : [p.id]));
}

export const dashboardSchema = z
  .strictObject({
    schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
    uid: uidSchema,
    title: z.string().trim().min(1, "must not be empty").max(200),
    description: z.string().max(10_000).default(""),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
    time: timeRangeSchema.default({ from: "now-6h", to: "now" }),
    /** Auto-refresh interval; "" is off. */
    refresh: z.enum(REFRESH).default(""),
    timezone: z.string().default("browser").refine(validTimezone, { message: 'must be "browser", "utc" or an IANA time zone' }),
    /** Whether hovering one panel shows a crosshair (or the tooltip too) on every other panel. */
    graphTooltip: z.enum(["default", "crosshair", "tooltip"]).default("crosshair"),
    templating: z.strictObject({ list: z.array(variableSchema).max(100).default([]) }).prefault({}),
    panels: z.array(dashboardPanelSchema).max(500).default([]),
    links: z.array(linkSchema).max(50).default([]),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<number>();
    for (const id of collectIds(d.panels)) {
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["panels"], message: `panel id ${id} is used more than once` });
      seen.add(id);
    }
    const names = new Set<string>();
    d.templating.list.forEach((v, i) => {
      if (names.has(v.name)) ctx.addIssue({ code: "custom", path: ["templating", "list", i, "name"], message: `variable "${v.name}" is defined twice` });
      names.add(v.name);
    });
  });

export type Dashboard = z.infer<typeof dashboardSchema>;
/** What a client sends: defaults may be left out. */
export type DashboardInput = z.input<typeof dashboardSchema>;

export const REFRESH_INTERVALS = REFRESH;
