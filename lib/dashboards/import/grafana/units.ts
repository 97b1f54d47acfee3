import { UNITS, type Unit } from "@/lib/dashboards/schema";

// Grafana unit ids that are spelled differently but format the same as an Orrery unit.
const ALIASES: Readonly<Record<string, Unit>> = {
  "µs": "us",
  "μs": "us",
};

export type UnitMapping = { ok: true; unit: Unit } | { ok: false; reason: string };

/** A Grafana unit id as an Orrery unit; unknown ones are refused with a reason (the caller reports). */
export function mapUnit(grafanaUnit: string): UnitMapping {
  if ((UNITS as readonly string[]).includes(grafanaUnit)) return { ok: true, unit: grafanaUnit as Unit };
  if (Object.hasOwn(ALIASES, grafanaUnit)) return { ok: true, unit: ALIASES[grafanaUnit]! };
  return { ok: false, reason: `unit "${grafanaUnit}" is not supported; shown as "short"` };
}
