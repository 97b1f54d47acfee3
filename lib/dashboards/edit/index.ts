// Pure, immutable edit operations on the dashboard model; each returns a new dashboard (or the same
// one when nothing changes) and keeps it valid for dashboardSchema.
export * from "./edit-state";
export * from "./grid-layout";
export * from "./ids";
export * from "./panel-options";
export * from "./panels";
export * from "./rows";
export * from "./settings";
export * from "./variables";
export * from "./conflict";
export * from "./json";
