"use client";

import type { Dashboard } from "@/lib/dashboards/schema";
import { GeneralSettings } from "./general-settings";
import { VariablesEditor, type VariablesEditorProps } from "./variables-editor";

export interface DashboardSettingsProps {
  dashboard: Dashboard;
  change: (change: (d: Dashboard) => Dashboard) => void;
  previewContext: VariablesEditorProps["previewContext"];
}

/** The dashboard settings view: general settings and the variables editor. */
export function DashboardSettings({ dashboard, change, previewContext }: DashboardSettingsProps) {
  return (
    <section aria-label="Dashboard settings" className="max-w-4xl space-y-6">
      <h2 className="text-lg font-semibold">Settings</h2>
      <GeneralSettings dashboard={dashboard} change={change} />
      <VariablesEditor dashboard={dashboard} change={change} previewContext={previewContext} />
    </section>
  );
}
