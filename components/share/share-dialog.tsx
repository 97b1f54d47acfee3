"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { ShareContext } from "@/lib/share/share-url";
import { Button } from "@/components/ui/button";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { EmbedTab } from "./embed-tab";
import { LinkTab } from "./link-tab";

export type { ShareContext } from "@/lib/share/share-url";

/** One tab of the share dialog (Link, Embed). */
export interface ShareTab {
  id: string;
  label: string;
  render: (ctx: ShareContext) => ReactNode;
}

/** The tabs, in order. */
export const SHARE_TABS: readonly ShareTab[] = [
  { id: "link", label: "Link", render: (ctx) => <LinkTab {...ctx} /> },
  { id: "embed", label: "Embed", render: (ctx) => <EmbedFromShare ctx={ctx} /> },
];

/** The embed tab pins the saved version, so an unsaved dashboard has nothing to embed yet. */
function EmbedFromShare({ ctx }: { ctx: ShareContext }) {
  if (ctx.dashboard.version === null) return <p className="text-sm text-slate-600 dark:text-slate-300">Save the dashboard first: an embed shows a saved version.</p>;
  return (
    <EmbedTab
      uid={ctx.dashboard.uid}
      slug={ctx.dashboard.slug}
      version={ctx.dashboard.version}
      panelId={ctx.panel.id}
      panelTitle={ctx.panel.title}
      range={{ from: ctx.time.raw.from, to: ctx.time.raw.to, startMs: ctx.time.absolute.startMs, endMs: ctx.time.absolute.endMs }}
      variables={ctx.variables}
      timezone={ctx.timezone}
      theme={ctx.theme}
    />
  );
}

export interface ShareDialogProps {
  context: ShareContext;
  onClose: () => void;
  /** Defaults to SHARE_TABS. */
  tabs?: readonly ShareTab[];
}

/** "Share panel": a modal dialog with one tab per way of sharing (link, embed). */
export function ShareDialog({ context, onClose, tabs = SHARE_TABS }: ShareDialogProps) {
  const [tab, setTab] = useState(tabs[0]?.id ?? "link");
  const titleId = useId();
  const idPrefix = useId().replace(/:/g, "");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, []);
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/40 p-8" onKeyDown={(e) => e.key === "Escape" && onClose()} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={ref} role="dialog" aria-modal="true" aria-labelledby={titleId} className="w-full max-w-2xl space-y-3 rounded-md bg-white p-4 shadow-lg dark:bg-slate-900">
        <div className="flex items-center gap-2">
          <h2 id={titleId} className="min-w-0 flex-1 truncate text-lg font-semibold">
            Share panel: {context.panel.title || `Panel ${context.panel.id}`}
          </h2>
          <Button variant="ghost" size="sm" aria-label="Close" onClick={onClose}>
            ✕
          </Button>
        </div>
        <Tabs label="Share options" items={tabs.map((t) => ({ value: t.id, label: t.label }))} value={current?.id ?? ""} onChange={setTab} idPrefix={idPrefix} />
        {current && (
          <TabPanel idPrefix={idPrefix} value={current.id} className="pt-1">
            {current.render(context)}
          </TabPanel>
        )}
      </div>
    </div>
  );
}
