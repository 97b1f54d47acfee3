"use client";

import Link from "next/link";
import { useState } from "react";
import { slugify } from "@/lib/dashboards/url-state";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Spinner } from "@/components/ui/spinner";
import { RestoreDialog } from "./restore-dialog";
import { useRestore } from "./use-restore";
import { useDashboardHistory } from "./use-versions";
import { VersionCompare } from "./version-compare";
import { VersionList } from "./version-list";
import { VersionView } from "./version-view";

export interface DashboardVersionsProps {
  uid: string;
}

type Shown = { kind: "view"; version: number } | { kind: "compare"; base: number; target: number } | null;

/** A dashboard's version history (as Grafana's Settings → Versions): view, compare and restore versions. */
export function DashboardVersions({ uid }: DashboardVersionsProps) {
  const { stored, versions } = useDashboardHistory(uid);
  const [selected, setSelected] = useState<number[]>([]);
  const [shown, setShown] = useState<Shown>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const restore = useRestore({
    uid,
    onConflict: (message) => {
      setConflict(message);
      setRestoring(null);
    },
  });

  const error = stored.error ?? versions.error;
  if (error) return <Callout tone="error" title="Cannot load the version history">{error.message}</Callout>;
  if (!stored.data || !versions.data) return <Spinner label="Loading versions…" />;

  const { dashboard, meta } = stored.data;
  // The list is what the user looked at, so its newest version is the one a restore must start from.
  const currentVersion = versions.data[0]?.version ?? meta.version;
  const [one, two] = [...selected].sort((a, b) => a - b);
  const pair = one === undefined ? null : two !== undefined ? { base: one, target: two } : one !== currentVersion ? { base: one, target: currentVersion } : null;
  const openRestore = (version: number) => {
    restore.reset();
    setConflict(null);
    setRestoring(version);
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="mr-auto text-xl font-semibold">Versions of {dashboard.title}</h1>
        <Link href={`/d/${encodeURIComponent(uid)}/${slugify(dashboard.title)}`} className="text-sm text-blue-700 hover:underline dark:text-blue-400">
          Back to dashboard
        </Link>
      </div>
      {meta.provisioned ? (
        <Callout tone="info" title="Provisioned dashboard">
          This dashboard is provisioned from a file on the server, so Orrery keeps no history of it and cannot restore a version. Change the file to change
          the dashboard, or save a copy to edit it here.
        </Callout>
      ) : null}
      {conflict ? (
        <Callout tone="warning" title="Someone saved this dashboard meanwhile">
          {conflict}
        </Callout>
      ) : null}
      <VersionList
        versions={versions.data}
        currentVersion={currentVersion}
        selected={selected}
        onSelectedChange={setSelected}
        onView={(version) => setShown({ kind: "view", version })}
        onRestore={meta.provisioned ? undefined : openRestore}
        shown={shown?.kind === "view" ? shown.version : null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="primary" disabled={!pair} onClick={() => pair && setShown({ kind: "compare", ...pair })}>
          Compare versions
        </Button>
        <span className="text-xs text-slate-500">Tick two versions, or one to compare it with the current version.</span>
      </div>
      {shown ? <ShownVersion uid={uid} shown={shown} currentVersion={currentVersion} onClose={() => setShown(null)} /> : null}
      {restoring !== null ? (
        <RestoreDialog
          version={restoring}
          currentVersion={currentVersion}
          pending={restore.isPending}
          error={restore.error && !conflict ? restore.error.message : null}
          onConfirm={() => restore.mutate({ version: restoring, fromVersion: currentVersion })}
          onCancel={() => setRestoring(null)}
        />
      ) : null}
    </div>
  );
}

interface ShownVersionProps {
  uid: string;
  shown: NonNullable<Shown>;
  currentVersion: number;
  onClose: () => void;
}

function ShownVersion({ uid, shown, currentVersion, onClose }: ShownVersionProps) {
  const name = (v: number) => `version ${v}${v === currentVersion ? " (current)" : ""}`;
  const title = shown.kind === "view" ? `Version ${shown.version}${shown.version === currentVersion ? " (current)" : ""}` : `Comparing ${name(shown.base)} with ${name(shown.target)}`;
  return (
    <section aria-label={title} className="space-y-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex items-center gap-3">
        <h2 className="mr-auto text-base font-semibold">{title}</h2>
        <Button size="sm" onClick={onClose}>
          Close
        </Button>
      </div>
      {shown.kind === "view" ? (
        <VersionView uid={uid} version={shown.version} />
      ) : (
        <VersionCompare key={`${shown.base}-${shown.target}`} uid={uid} base={shown.base} target={shown.target} />
      )}
    </section>
  );
}
