/** localStorage key of the recently viewed dashboard uids, newest first. */
export const RECENT_STORAGE_KEY = "orrery-recent-dashboards";
export const MAX_RECENT = 10;

/** Moves `uid` to the front, without duplicates, keeping at most `max`. */
export function pushRecent(recent: readonly string[], uid: string, max = MAX_RECENT): string[] {
  return [uid, ...recent.filter((u) => u !== uid)].slice(0, max);
}

/** Reads the stored list, ignoring anything that is not a list of uid-shaped strings. */
export function parseRecent(text: string | null): string[] {
  try {
    const value: unknown = JSON.parse(text ?? "[]");
    return Array.isArray(value) ? value.filter((u): u is string => typeof u === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(u)).slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

/** Records a view in localStorage (a no-op where storage is unavailable). */
export function rememberView(uid: string): void {
  try {
    localStorage.setItem(RECENT_STORAGE_KEY, JSON.stringify(pushRecent(parseRecent(localStorage.getItem(RECENT_STORAGE_KEY)), uid)));
  } catch {
    // private mode or storage full: recently viewed is a convenience
  }
}

export function readRecent(): string[] {
  try {
    return parseRecent(localStorage.getItem(RECENT_STORAGE_KEY));
  } catch {
    return [];
  }
}
