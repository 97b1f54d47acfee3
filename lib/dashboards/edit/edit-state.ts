import type { Dashboard } from "../schema";

export type EditView = "dashboard" | "settings" | "json";

/** Unsaved edits of one dashboard: the draft, what it started from, and which editor view is open. */
export interface EditState {
  editing: boolean;
  /** The dashboard when editing started: Discard returns to it and "unsaved" compares with it. */
  original: Dashboard | null;
  draft: Dashboard | null;
  /** The stored version the edit started from; null for a dashboard never saved. */
  version: number | null;
  view: EditView;
}

export type EditAction =
  | { type: "start"; dashboard: Dashboard; version: number | null }
  | { type: "change"; change: (draft: Dashboard) => Dashboard }
  | { type: "view"; view: EditView }
  | { type: "discard" }
  | { type: "saved" };

export const INITIAL_EDIT_STATE: EditState = { editing: false, original: null, draft: null, version: null, view: "dashboard" };

/** The edit mode's reducer; `change` takes one of the pure operations of lib/dashboards/edit. */
export function editReducer(state: EditState, action: EditAction): EditState {
  switch (action.type) {
    case "start":
      return { editing: true, original: action.dashboard, draft: action.dashboard, version: action.version, view: "dashboard" };
    case "change": {
      if (!state.editing || !state.draft) return state;
      const draft = action.change(state.draft);
      return draft === state.draft ? state : { ...state, draft };
    }
    case "view":
      return state.editing ? { ...state, view: action.view } : state;
    case "discard":
    case "saved":
      return INITIAL_EDIT_STATE;
  }
}

/** Whether the draft differs from what editing started with. */
export function hasUnsavedChanges(state: EditState): boolean {
  return state.editing && state.draft !== state.original && JSON.stringify(state.draft) !== JSON.stringify(state.original);
}
