/**
 * The hidden-series set after a legend click, as in Grafana: a plain click shows only that series
 * (or everything again, if it was already the only one shown); a modified click toggles it alone.
 */
export function nextHiddenSeries(all: readonly string[], hidden: ReadonlySet<string>, clicked: string, toggle: boolean): Set<string> {
  if (toggle) {
    const next = new Set(hidden);
    if (next.has(clicked)) next.delete(clicked);
    else next.add(clicked);
    return next;
  }
  const onlyClickedShown = !hidden.has(clicked) && all.every((key) => key === clicked || hidden.has(key));
  if (onlyClickedShown) return new Set();
  return new Set(all.filter((key) => key !== clicked));
}
