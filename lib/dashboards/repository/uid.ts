import { BadRequestError } from "@/lib/http/errors";
import { uidSchema } from "../schema";

/** Throws 400 unless `uid` is a valid dashboard uid; the check that comes before any path is built. */
export function assertUid(uid: string): void {
  const parsed = uidSchema.safeParse(uid);
  if (!parsed.success) {
    const shown = uid.length > 60 ? `${uid.slice(0, 60)}...` : uid;
    throw new BadRequestError(`invalid dashboard uid ${JSON.stringify(shown)}`, [
      { path: "uid", message: parsed.error.issues[0]?.message ?? "is invalid" },
    ]);
  }
}

