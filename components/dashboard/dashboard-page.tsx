"use client";

import dynamic from "next/dynamic";
import { IntentLink } from "@/components/ui/intent-link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useSearchParams } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getDashboard, type StoredDashboardResponse } from "@/lib/dashboards/api";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { rememberView } from "@/lib/dashboards/recent";
import { buildLayout, variableSelection, type LayoutItem } from "@/lib/dashboards/layout";
import type { Dashboard, PanelType } from "@/lib/dashboards/schema";
import { refreshChoicesFor, resolveDashboardTimeRange, utcOffsetSeconds, type RefreshChoice } from "@/lib/dashboards/time";
import { slugify } from "@/lib/dashboards/url-state";
import type { VariableScope } from "@/lib/dashboards/variables/types";
import { viewCookieAssignment } from "@/lib/dashboards/view-cookie";
import { withBrowserTimeZone } from "@/lib/time/browser-zone";
import { devicePixelRatioNow } from "@/lib/charts/pixel-grid";
import { useDatasources } from "@/lib/promql/hooks";
import { gridItemBoxes, type GridBox } from "@/lib/dashboards/grid-geometry";
import { DashboardGrid } from "./dashboard-grid";
import { DashboardToolbar } from "./dashboard-toolbar";
import { EditActions } from "./edit/edit-actions";
import { EditBody } from "./edit/edit-body";
import { EditRowHeader } from "./edit/edit-row-header";
import { useDashboardEdit, variablesRevision } from "./edit/use-dashboard-edit";
import { useEditCallbacks } from "./edit/use-edit-callbacks";
import { useUnsavedChangesWarning } from "./edit/use-unsaved-changes-warning";
import { preloadPanelTypes } from "@/components/panels/panel-loaders";
import { PAGE_MARKS } from "@/components/charts/painted-mark";
import { PanelFrame, preloadDashboardCharts, startGridPanelQueries } from "./panel-frame";
import { RowHeader } from "./row-header";
import { useDashboardSettings } from "./use-dashboard-settings";
import { useDashboardUrlState } from "./use-dashboard-url-state";
import { useDashboardVariables } from "./use-dashboard-variables";
import { useRefreshTick } from "./use-refresh-tick";
import { useThemeOverride } from "./use-theme-override";
import { VariableBar } from "./variable-bar";

// The save dialog (its conflict and schema checks are classic zod) is edit mode's own chunk: it loads
// when editing starts, not with a dashboard opened to be looked at (issue 7 B5). The rest of edit
// mode's views load in EditBody; what stays here is what a viewer's page needs to offer editing.
const loadEditSave = () => import("./edit/edit-save");
const EditSave = dynamic(() => loadEditSave().then((m) => m.EditSave));

export interface DashboardPageProps {
  uid: string;
  /** The server's "now" when it rendered the page (it planned the early panel queries with it). */
  initialNowMs?: number;
}

/** A stored dashboard: loads it, then shows it (and edits it) with DashboardScreen. */
export function DashboardPage({ uid, initialNowMs }: DashboardPageProps) {
  const stored = useQuery({ queryKey: dashboardKeys.detail(uid), queryFn: ({ signal }) => getDashboard(uid, signal), retry: false });
  // Fetched alongside the dashboard, not after it: the view waits for both.
  useDashboardSettings();
  const loaded = Boolean(stored.data);
  useEffect(() => {
    if (loaded) rememberView(uid);
  }, [loaded, uid]);
  if (stored.error) return <p role="alert" className="p-4 text-red-700">{stored.error.message}</p>;
  if (!stored.data) return <p className="p-4 text-slate-500">Loading dashboard…</p>;
  return <DashboardScreen key={uid} stored={stored.data} initialNowMs={initialNowMs} />;
}

export interface DashboardScreenProps {
  /** The saved dashboard; null for one not saved yet, which starts in edit mode as `fresh`. */
  stored: StoredDashboardResponse | null;
  fresh?: Dashboard;
  initialNowMs?: number;
}

/**
 * Keeps what this browser measured of the grid in a cookie, so the next dashboard page's server
 * render plans its first screen's queries as the page will and its HTML starts them (lib/dashboards/early-queries.ts).
 */
function rememberGridView(box: GridBox): void {
  const measured = { gridWidth: Math.round(box.width), gridTop: Math.round(box.top), innerWidth: window.innerWidth, innerHeight: window.innerHeight, dpr: devicePixelRatioNow() };
  if (measured.gridWidth < 1 || measured.innerWidth < 1 || measured.innerHeight < 1) return;
  const secure = window.location.protocol === "https:";
  // The zone from Temporal in this task; from Intl (tens of ms: ICU's set-up) only once the page is idle.
  // An empty zone: the server then plans only for dashboards with a zone of their own.
  withBrowserTimeZone((timeZone) => {
    document.cookie = viewCookieAssignment({ ...measured, timeZone }, secure);
  });
}

function urlValuesOf(values: VariableScope): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, state] of Object.entries(values)) {
    if (typeof state !== "string") out[name] = Array.isArray(state.value) ? state.value : [state.value];
  }
  return out;
}

function sameUrlValues(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k]?.length === b[k]!.length && a[k]!.every((v, i) => v === b[k]![i]));
}

/** A dashboard: toolbar, variables, and the grid of panels, each querying on its own; and its edit mode. */
export function DashboardScreen({ stored, fresh, initialNowMs }: DashboardScreenProps) {
  const edit = useDashboardEdit(stored, fresh);
  const { dashboard, editing } = edit;
  const datasources = useDatasources();
  const queryClient = useQueryClient();
  const settings = useDashboardSettings();
  const { state: view, notices, update } = useDashboardUrlState(dashboard, settings);
  const refreshChoices = useMemo(() => refreshChoicesFor(settings.minRefresh), [settings.minRefresh]);
  const { nowMs, refreshNow } = useRefreshTick(view?.refresh ?? "", initialNowMs);
  useThemeOverride(view?.theme ?? null);
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const [saveOpen, setSaveOpen] = useState(false);

  const resolved = useMemo(() => (view ? resolveDashboardTimeRange(view.time, nowMs, { timezone: view.timezone }) : null), [view, nowMs]);
  const range = resolved?.ok ? resolved.range : null;
  const offset = useMemo(() => (view && range ? utcOffsetSeconds(view.time, range, view.timezone, nowMs) : 0), [view, range, nowMs]);
  const version = editing ? variablesRevision(dashboard) : stored?.meta.version;
  const variables = useDashboardVariables({ dashboard, version, urlValues: view?.variables ?? {}, datasources: datasources.data, range, nowMs });
  // Edit mode shows each panel once (no repeats) and rows as saved, so grid keys map back to panels.
  const items = useMemo(() => (editing ? buildLayout(dashboard, {}, {}) : buildLayout(dashboard, variableSelection(variables.values), collapsed)), [editing, dashboard, variables.values, collapsed]);
  // The shown panel types' code and ECharts (with the zoom toolbox and tooltip) leave at hydration, in
  // the commit before the grid mounts the panels: they download and evaluate while the queries run,
  // instead of being asked for by the first chart after its answer.
  // (The grid asks first, from its first measurement, right before the queries: see startQueries.)
  const panelTypes = [...new Set(items.flatMap((i) => (i.kind === "panel" ? [i.panel.type] : [])))].sort().join(",");
  const preloadTypes = useCallback(() => {
    if (panelTypes && preloadPanelTypes(panelTypes.split(",") as PanelType[])) preloadDashboardCharts();
  }, [panelTypes]);
  useLayoutEffect(preloadTypes, [preloadTypes]);
  // Like Grafana, the URL always carries the whole view (time and every variable), so a copied
  // link reproduces it; replace, not push, so this is no extra history entry.
  const resolvedVars = useMemo(() => urlValuesOf(variables.values), [variables.values]);
  // Only once resolution has caught up with the URL, so a value the user just picked is not undone;
  // resolved values win, so an invalid URL value is replaced by the one actually shown.
  // Only when the URL lacks something: a replace computed from this render's URL would undo a
  // push still in flight (editPanel after "Add panel", whose draft change also renews `update`);
  // update() itself drops a replace once the address bar has moved on from this render's URL.
  const searchParams = useSearchParams();
  const urlHasTime = searchParams.has("from");
  // A refresh the page corrected (below the minimum, unknown) is rewritten too, so the URL shows what runs.
  const urlRefresh = searchParams.get("refresh");
  const refreshCorrected = view !== null && urlRefresh !== null && urlRefresh !== view.refresh;
  useEffect(() => {
    if (!view || !variables.ready || variables.loading) return;
    const merged = { ...view.variables, ...resolvedVars };
    if (!urlHasTime || refreshCorrected || !sameUrlValues(view.variables, merged)) update({ variables: merged }, "replace");
  }, [view, variables.ready, variables.loading, resolvedVars, update, urlHasTime, refreshCorrected]);
  const zoom = useCallback((startMs: number, endMs: number) => update({ time: { from: new Date(startMs).toISOString(), to: new Date(endMs).toISOString() } }), [update]);
  const callbacks = useEditCallbacks(edit, update);
  useUnsavedChangesWarning(edit.dirty);
  useEffect(() => {
    // Rendering it asks again, and shows a failure to load.
    if (editing) loadEditSave().catch(() => {});
  }, [editing]);
  const onTimezoneChange = useCallback((timezone: string) => update({ timezone }), [update]);

  // As in Grafana, a link with editPanel opens the panel editor, so edit mode starts with it; only
  // for a newly seen editPanel, not for the one still in the URL just after Save or Discard.
  const editPanel = view?.editPanel ?? null;
  const seenEditPanel = useRef<number | null>(null);
  const { start } = edit;
  useEffect(() => {
    if (editPanel !== null && !editing && seenEditPanel.current !== editPanel) start();
    seenEditPanel.current = editPanel;
  }, [editPanel, editing, start]);

  if (!view) return <p className="p-4 text-slate-500">Loading dashboard…</p>;
  if (datasources.error) return <p role="alert" className="p-4 text-red-700">{datasources.error.message}</p>;

  // What the share dialog needs besides the panel: only for saved dashboards (a link to an unsaved one leads nowhere).
  const share =
    stored && range && !edit.isNew
      ? { dashboard: { uid: dashboard.uid, slug: slugify(dashboard.title), version: stored.meta.version }, time: { raw: view.time, absolute: range }, variables: view.variables, timezone: view.timezone, dashboardTimezone: dashboard.timezone, theme: view.theme }
      : undefined;
  const viewed = view.viewPanel === null ? null : items.find((i) => i.kind === "panel" && i.panel.id === view.viewPanel) ?? null;
  const panelContext = range && datasources.data && variables.ready ? { scope: variables.values, datasources: datasources.data, range, timezone: view.timezone, utcOffsetSec: offset, onTimeRangeChange: zoom } : null;
  const renderItem = (item: LayoutItem, viewing = false) =>
    item.kind === "row" ? (
      editing ? (
        <EditRowHeader title={item.row.title} collapsed={item.collapsed} childCount={item.childCount} {...callbacks.row(item.row.id)} />
      ) : (
        <RowHeader title={item.row.title} collapsed={item.collapsed} childCount={item.childCount} onToggle={() => setCollapsed((c) => ({ ...c, [item.key]: !item.collapsed }))} />
      )
    ) : panelContext ? (
      <PanelFrame
        {...panelContext}
        panel={item.panel}
        scope={{ ...panelContext.scope, ...item.scopedVars }}
        viewing={viewing}
        onView={() => update({ viewPanel: viewing ? null : item.panel.id })}
        edit={editing ? callbacks.panel(item.panel.id) : undefined}
        share={share}
      />
    ) : (
      <div className="h-full rounded border border-slate-200 dark:border-slate-800" />
    );

  // The panels on screen query from the grid's first measurement (at hydration), before React renders them.
  // The panel types' code and ECharts are asked for first: with HTTP/1.1's six connections per host,
  // requests queue in order, and scripts asked for after 16 queries wait for their answers, even from
  // the HTTP cache (measured: ~550 ms); they evaluate in a later task, after the queries have left.
  const startQueries = (box: GridBox) => {
    performance.mark(PAGE_MARKS.panelQueriesAsked);
    preloadTypes();
    rememberGridView(box);
    if (panelContext && !editing) {
      const boxes = gridItemBoxes(items, box);
      const panels = items.flatMap((i) => {
        const itemBox = boxes.get(i.key);
        return i.kind === "panel" && itemBox ? [{ panel: i.panel, scope: { ...panelContext.scope, ...i.scopedVars }, box: itemBox }] : [];
      });
      startGridPanelQueries(queryClient, panels, panelContext);
    }
  };
  const grid = viewed ? (
    <div className="h-[calc(100vh-12rem)]">{renderItem(viewed, true)}</div>
  ) : (
    <DashboardGrid items={items} renderItem={(i) => renderItem(i)} editable={editing} onLayoutChange={editing ? callbacks.layout : undefined} onMeasured={startQueries} />
  );
  return (
    // data-view: the query string this render shows (e2e/query-batch.spec.ts waits for the page to render the URL it wrote).
    <main className="space-y-3 p-4" data-view={searchParams.toString()}>
      {!view.kiosk && (
        <DashboardToolbar
          title={dashboard.title}
          range={view.time}
          timezone={view.timezone}
          refresh={view.refresh}
          refreshChoices={refreshChoices}
          minRefresh={settings.minRefresh}
          onRangeChange={(time) => update({ time })}
          onTimezoneChange={onTimezoneChange}
          onRefreshChange={(refresh) => update({ refresh: refresh as RefreshChoice })}
          onRefreshNow={refreshNow}
          exportUid={stored && !edit.isNew ? stored.dashboard.uid : undefined}
          actions={
            <>
            {!editing && !edit.isNew && (
              <IntentLink href={`/dashboards/${encodeURIComponent(dashboard.uid)}/versions`} className="text-sm text-blue-700 hover:underline dark:text-blue-400">
                Versions
              </IntentLink>
            )}
            <EditActions
              editing={editing}
              dirty={edit.dirty}
              isNew={edit.isNew}
              provisioned={stored?.meta.provisioned ?? false}
              view={edit.state.view}
              onEdit={edit.start}
              onAddPanel={callbacks.addPanel}
              onAddRow={callbacks.addRow}
              onView={edit.setView}
              onSave={() => setSaveOpen(true)}
              onDiscard={callbacks.discard}
              onExit={callbacks.discard}
            />
            </>
          }
        />
      )}
      {notices.map((n) => (
        <p key={n} role="status" className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {n}
        </p>
      ))}
      {resolved && !resolved.ok && <p role="alert" className="text-red-700">{resolved.error}</p>}
      {!view.kiosk && (
        <VariableBar
          variables={dashboard.templating.list}
          values={variables.values}
          errors={variables.errors}
          loading={variables.loading}
          onChange={(name, value) => update((latest) => ({ variables: { ...latest.variables, [name]: value } }))}
        />
      )}
      <EditBody
        edit={edit}
        editPanel={view.editPanel}
        update={update}
        panelContext={panelContext}
        previewContext={datasources.data && range ? { datasources: datasources.data, range, nowMs } : null}
        grid={grid}
      />
      {saveOpen && <EditSave edit={edit} stored={stored} update={update} viewTimezone={view.timezone} onClose={() => setSaveOpen(false)} />}
    </main>
  );
}
