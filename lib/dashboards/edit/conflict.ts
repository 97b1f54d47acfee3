import { z } from "zod";

const conflictBodySchema = z.object({
  error: z.object({
    code: z.literal("conflict"),
    current: z.object({ version: z.number(), updatedAt: z.string(), updatedBy: z.string() }),
  }),
});

/** The newer version a stale save ran into, from a 409 body of PUT /api/dashboards/<uid>. */
export type ConflictInfo = z.infer<typeof conflictBodySchema>["error"]["current"];

/** Reads the 409 body; null when it is not a stale-version conflict. */
export function readConflict(body: unknown): ConflictInfo | null {
  const parsed = conflictBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.current : null;
}

/** "saved by X at T (version N); you edited version M", the time in the user's zone when one is given. */
export function describeConflict(conflict: ConflictInfo, editedVersion: number, timeZone?: string): string {
  const at = new Date(conflict.updatedAt);
  const when = Number.isNaN(at.getTime()) ? conflict.updatedAt : at.toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "medium" });
  return `This dashboard was saved by ${conflict.updatedBy} at ${when} (version ${conflict.version}); you edited version ${editedVersion}.`;
}
