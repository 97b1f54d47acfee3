/** A page's `searchParams` (Next's record of one value or several per name) as the query string the browser holds. */
export function searchOf(params: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
  }
  return out.toString();
}
