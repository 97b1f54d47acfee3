// The dashboard JSON model: one zod schema, the single source of truth for dashboards on disk,
// in the API and in the editor. Grafana's concepts and names, only what Orrery implements.
export * from "./common";
export * from "./constants";
export * from "./dashboard";
export * from "./field-config";
export * from "./panels";
export * from "./variables";
