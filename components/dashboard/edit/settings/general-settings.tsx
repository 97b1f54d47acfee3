"use client";

import { useState } from "react";
import { updateSettings, type DashboardSettings } from "@/lib/dashboards/edit";
import type { Dashboard } from "@/lib/dashboards/schema";
import { isValidDashboardTime, isValidDashboardTimeZone, refreshChoicesFor } from "@/lib/dashboards/time";
import { Field, Select, TextInput } from "@/components/ui/field";
import { useDashboardSettings } from "../../use-dashboard-settings";
import { CommitInput } from "../panel-editor/commit-input";

export interface GeneralSettingsProps {
  dashboard: Dashboard;
  change: (change: (d: Dashboard) => Dashboard) => void;
}

const ZONES = ["browser", "utc", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney"];

/** Title, description, tags, default time range, refresh, time zone and shared crosshair. */
export function GeneralSettings({ dashboard, change }: GeneralSettingsProps) {
  const set = (patch: Partial<DashboardSettings>) => change((d) => updateSettings(d, patch));
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  // A value that does not parse stays in its box, named as an error, and is not applied.
  const commit = (key: "from" | "to" | "timezone", text: string, valid: (t: string) => boolean, apply: (t: string) => void) => {
    const value = text.trim();
    setErrors((e) => ({ ...e, [key]: valid(value) ? null : key === "timezone" ? "not a time zone" : "not a valid time" }));
    if (valid(value)) apply(value);
  };
  const setTime = (key: "from" | "to", text: string) => commit(key, text, isValidDashboardTime, (t) => set({ time: { ...dashboard.time, [key]: t } }));
  // Choices under the server's minimum; a saved refresh below it stays listed so the select shows it.
  const { minRefresh } = useDashboardSettings();
  const refreshChoices = [...new Set([...refreshChoicesFor(minRefresh), dashboard.refresh])];
  return (
    <fieldset className="grid gap-3 md:grid-cols-2">
      <legend className="mb-2 text-base font-semibold">General</legend>
      <Field label="Title" error={dashboard.title.trim() === "" ? "A dashboard needs a title" : null}>
        {(c) => <TextInput id={c.id} aria-describedby={c.describedBy} aria-invalid={c.invalid} value={dashboard.title} maxLength={200} onChange={(e) => set({ title: e.target.value })} />}
      </Field>
      <Field label="Tags" hint="Comma-separated">
        {(c) => <CommitInput id={c.id} aria-describedby={c.describedBy} value={dashboard.tags.join(", ")} onCommit={(text) => set({ tags: text.split(",") })} />}
      </Field>
      <Field label="Description" className="md:col-span-2">
        {(c) => (
          <textarea id={c.id} rows={2} value={dashboard.description} onChange={(e) => set({ description: e.target.value })} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900" />
        )}
      </Field>
      <Field label="Default time from" hint="now-6h, now/d, or an ISO time" error={errors.from}>
        {(c) => <CommitInput id={c.id} aria-describedby={c.describedBy} value={dashboard.time.from} onCommit={(t) => setTime("from", t)} />}
      </Field>
      <Field label="Default time to" error={errors.to}>{(c) => <CommitInput id={c.id} value={dashboard.time.to} onCommit={(t) => setTime("to", t)} />}</Field>
      <Field label="Auto-refresh" hint={`Minimum: ${minRefresh}`}>
        {(c) => (
          <Select id={c.id} aria-describedby={c.describedBy} value={dashboard.refresh} onChange={(e) => set({ refresh: e.target.value as Dashboard["refresh"] })}>
            {refreshChoices.map((r) => (
              <option key={r} value={r}>
                {r === "" ? "Off" : r}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Time zone" hint='"browser", "utc" or an IANA zone' error={errors.timezone}>
        {(c) => (
          <>
            <CommitInput id={c.id} aria-describedby={c.describedBy} list="orrery-zones" value={dashboard.timezone} onCommit={(tz) => commit("timezone", tz, isValidDashboardTimeZone, (t) => set({ timezone: t }))} />
            <datalist id="orrery-zones">
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Shared crosshair">
        {(c) => (
          <Select id={c.id} value={dashboard.graphTooltip} onChange={(e) => set({ graphTooltip: e.target.value as Dashboard["graphTooltip"] })}>
            <option value="default">Off</option>
            <option value="crosshair">Shared crosshair</option>
            <option value="tooltip">Shared tooltip</option>
          </Select>
        )}
      </Field>
    </fieldset>
  );
}
