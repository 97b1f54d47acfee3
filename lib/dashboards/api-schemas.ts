import { z } from "zod";
import { versionMetaSchema } from "./repository/types";
import { dashboardSchema } from "./schema";

// The shapes of /api/dashboards' answers, parsed with the same schemas the server writes with. Their
// own module, loaded by lib/dashboards/api.ts alongside each request (import()): the dashboard page
// gets its dashboard with the HTML, so its first load need not evaluate classic zod (issue 7 B5).

export const dashboardMetaSchema = versionMetaSchema.extend({ provisioned: z.boolean() });
export const storedDashboardSchema = z.object({ dashboard: dashboardSchema, meta: dashboardMetaSchema });
export type StoredDashboardResponse = z.infer<typeof storedDashboardSchema>;

export const dashboardSummarySchema = z.object({
  uid: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  version: z.number(),
  updatedAt: z.string(),
  provisioned: z.boolean(),
  error: z.string().optional(),
});
export type DashboardSummaryResponse = z.infer<typeof dashboardSummarySchema>;
export const dashboardListSchema = z.object({ dashboards: z.array(dashboardSummarySchema) });

const versionSummarySchema = versionMetaSchema.pick({ version: true, updatedAt: true, updatedBy: true, message: true });
export const versionListSchema = z.object({ versions: z.array(versionSummarySchema) });
export type VersionSummaryResponse = z.infer<typeof versionSummarySchema>;

export const deletedDashboardSchema = z.object({ uid: z.string(), deleted: z.literal(true) });
