"use client";

import { useCallback, useMemo, useReducer } from "react";
import type { StoredDashboardResponse } from "@/lib/dashboards/api";
// The reducer's own module, not the edit barrel: that one holds the JSON check (the dashboard schema,
// classic zod), which a dashboard only looked at does not evaluate (issue 7 B5).
import { editReducer, hasUnsavedChanges, INITIAL_EDIT_STATE, type EditState, type EditView } from "@/lib/dashboards/edit/edit-state";
import type { Dashboard } from "@/lib/dashboards/schema";
import { normalizeLayout } from "./normalize-layout";

export interface DashboardEdit {
  state: EditState;
  /** The draft while editing, else the stored dashboard. */
  dashboard: Dashboard;
  editing: boolean;
  dirty: boolean;
  /** Set for a dashboard that has never been saved (`/dashboard/new`). */
  isNew: boolean;
  start: () => void;
  change: (change: (draft: Dashboard) => Dashboard) => void;
  setView: (view: EditView) => void;
  discard: () => void;
  saved: () => void;
}

/**
 * The page's unsaved edits (STYLE: edits in a small store, server data in React Query). `fresh`
 * starts a never-saved dashboard in edit mode.
 */
export function useDashboardEdit(stored: StoredDashboardResponse | null, fresh?: Dashboard): DashboardEdit {
  const [state, dispatch] = useReducer(editReducer, INITIAL_EDIT_STATE, (s) => (fresh ? editReducer(s, { type: "start", dashboard: fresh, version: null }) : s));
  const dirty = useMemo(() => hasUnsavedChanges(state), [state]);
  const start = useCallback(() => {
    if (stored) dispatch({ type: "start", dashboard: normalizeLayout(stored.dashboard), version: stored.meta.version });
  }, [stored]);
  const change = useCallback((fn: (d: Dashboard) => Dashboard) => dispatch({ type: "change", change: fn }), []);
  const setView = useCallback((view: EditView) => dispatch({ type: "view", view }), []);
  const discard = useCallback(() => (fresh ? dispatch({ type: "start", dashboard: fresh, version: null }) : dispatch({ type: "discard" })), [fresh]);
  const saved = useCallback(() => dispatch({ type: "saved" }), []);
  const dashboard = state.draft ?? stored?.dashboard ?? fresh!;
  return { state, dashboard, editing: state.editing, dirty, isNew: !stored, start, change, setView, discard, saved };
}

/**
 * A stand-in for the stored version in the variables' query key while editing, so variable edits
 * re-resolve: negative (never a real version) and changing with the variable definitions only.
 */
export function variablesRevision(dashboard: Dashboard): number {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(dashboard.templating.list)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return -(hash >>> 0) - 1;
}
