import { describe, expect, it } from "vitest";
import { editReducer, hasUnsavedChanges, INITIAL_EDIT_STATE, type EditAction, type EditState } from "./edit-state";
import { updateSettings } from "./settings";
import { dash } from "./test-fixtures";

const d = dash();
const run = (...actions: EditAction[]) => actions.reduce<EditState>(editReducer, INITIAL_EDIT_STATE);

describe("editReducer", () => {
  it.each<{ name: string; actions: EditAction[]; want: Partial<EditState>; dirty: boolean }>([
    { name: "start", actions: [{ type: "start", dashboard: d, version: 3 }], want: { editing: true, draft: d, version: 3, view: "dashboard" }, dirty: false },
    { name: "change", actions: [{ type: "start", dashboard: d, version: 3 }, { type: "change", change: (x) => updateSettings(x, { title: "New" }) }], want: { draft: { ...d, title: "New" } }, dirty: true },
    { name: "change back", actions: [{ type: "start", dashboard: d, version: 3 }, { type: "change", change: (x) => ({ ...x, title: "New" }) }, { type: "change", change: (x) => ({ ...x, title: d.title }) }], want: {}, dirty: false },
    { name: "view", actions: [{ type: "start", dashboard: d, version: null }, { type: "view", view: "json" }], want: { view: "json", version: null }, dirty: false },
    { name: "discard", actions: [{ type: "start", dashboard: d, version: 1 }, { type: "change", change: (x) => ({ ...x, title: "x" }) }, { type: "discard" }], want: INITIAL_EDIT_STATE, dirty: false },
    { name: "saved", actions: [{ type: "start", dashboard: d, version: 1 }, { type: "change", change: (x) => ({ ...x, title: "x" }) }, { type: "saved" }], want: INITIAL_EDIT_STATE, dirty: false },
    { name: "change outside edit mode", actions: [{ type: "change", change: (x) => ({ ...x, title: "x" }) }, { type: "view", view: "settings" }], want: INITIAL_EDIT_STATE, dirty: false },
  ])("$name", ({ actions, want, dirty }) => {
    const state = run(...actions);
    expect(state).toMatchObject(want);
    expect(hasUnsavedChanges(state)).toBe(dirty);
  });

  it("keeps the state object when a change changes nothing", () => {
    const started = run({ type: "start", dashboard: d, version: 1 });
    expect(editReducer(started, { type: "change", change: (x) => x })).toBe(started);
  });
});
