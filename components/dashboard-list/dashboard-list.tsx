"use client";

import { IntentLink } from "@/components/ui/intent-link";
import { useMemo, useState, useSyncExternalStore } from "react";
import { useQuery } from "@tanstack/react-query";
import { listDashboards } from "@/lib/dashboards/api";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { parseRecent, RECENT_STORAGE_KEY } from "@/lib/dashboards/recent";
import { slugify } from "@/lib/dashboards/url-state";

/** Dashboards with search by title and filter by tag (click a tag to add it, again to remove it). */
// localStorage as an external store: the raw string is the snapshot (stable between reads).
const readStoredRecent = () => localStorage.getItem(RECENT_STORAGE_KEY);
const subscribeStorage = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};

export function DashboardList() {
  const recentText = useSyncExternalStore(subscribeStorage, readStoredRecent, () => null);
  const recentUids = useMemo(() => parseRecent(recentText), [recentText]);
  const [query, setQuery] = useState("");
  const [tags, setTags] = useState<string[]>([]);
  const filter = { query: query.trim() || undefined, tags };
  const list = useQuery({ queryKey: dashboardKeys.list(filter), queryFn: ({ signal }) => listDashboards(filter, signal), placeholderData: (prev) => prev });
  // Only dashboards that still exist (and match no filter: the list is unfiltered then) are offered.
  const recent = filter.query || tags.length ? [] : recentUids.flatMap((uid) => list.data?.filter((d) => d.uid === uid) ?? []).slice(0, 5);
  const toggleTag = (tag: string) => setTags((t) => (t.includes(tag) ? t.filter((x) => x !== tag) : [...t, tag]));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Search dashboards"
          placeholder="Search by title"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="w-72 rounded border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        />
        {tags.map((tag) => (
          <button key={tag} type="button" onClick={() => toggleTag(tag)} className="rounded bg-blue-100 px-2 py-0.5 text-sm text-blue-800" aria-label={`Remove tag filter ${tag}`}>
            {tag} ×
          </button>
        ))}
        <IntentLink href="/dashboard/new" className="ml-auto rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
          New dashboard
        </IntentLink>
        <IntentLink href="/dashboard/import" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Import dashboard
        </IntentLink>
      </div>
      {recent.length > 0 && (
        <nav aria-label="Recently viewed" className="flex flex-wrap items-center gap-3 text-sm">
          <span className="text-slate-500">Recently viewed:</span>
          {recent.map((d) => (
            <IntentLink key={d.uid} href={`/d/${encodeURIComponent(d.uid)}/${slugify(d.title)}`} className="text-blue-700 hover:underline dark:text-blue-400">
              {d.title}
            </IntentLink>
          ))}
        </nav>
      )}
      {list.error && <p role="alert" className="text-red-700">{list.error.message}</p>}
      {list.data && list.data.length === 0 && <p className="text-slate-500">No dashboards match.</p>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-800">
        {list.data?.map((d) => (
          <li key={d.uid} className="flex flex-wrap items-center gap-3 py-2">
            <IntentLink href={`/d/${encodeURIComponent(d.uid)}/${slugify(d.title)}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
              {d.title}
            </IntentLink>
            {d.provisioned && <span className="text-xs text-slate-500">provisioned</span>}
            {d.error && <span className="text-xs text-red-700">invalid: {d.error}</span>}
            <span className="flex gap-1">
              {d.tags.map((tag) => (
                <button key={tag} type="button" onClick={() => toggleTag(tag)} className="rounded bg-slate-100 px-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  {tag}
                </button>
              ))}
            </span>
            <span className="ml-auto text-xs text-slate-500">v{d.version}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
