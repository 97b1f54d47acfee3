"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { listProvisionedFiles, type ImportSource } from "@/lib/dashboards/import-client";
import { Button } from "@/components/ui/button";
import { TabPanel, Tabs } from "@/components/ui/tabs";

type SourceTab = "paste" | "upload" | "provisioned";
const TABS = [
  { value: "paste", label: "Paste JSON" },
  { value: "upload", label: "Upload file" },
  { value: "provisioned", label: "Provisioned folder" },
] as const;
const ID = "import-source";

export interface SourcePickerProps {
  busy: boolean;
  onLoad: (source: ImportSource) => void;
}

/** The three ways to bring a dashboard in: paste, upload, or a JSON file of the server's provisioned folder. */
export function SourcePicker({ busy, onLoad }: SourcePickerProps) {
  const [tab, setTab] = useState<SourceTab>("paste");
  const [text, setText] = useState("");
  return (
    <section aria-label="Dashboard to import" className="space-y-3">
      <Tabs label="Import from" items={TABS} value={tab} onChange={setTab} idPrefix={ID} />
      {tab === "paste" && (
        <TabPanel idPrefix={ID} value="paste" className="space-y-2">
          <textarea
            aria-label="Grafana dashboard JSON"
            value={text}
            onChange={(e) => setText(e.target.value)}
            spellCheck={false}
            rows={12}
            placeholder='{"title": "…", "panels": [ … ]}'
            className="w-full rounded-md border border-slate-300 p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          />
          <Button variant="primary" disabled={busy || text.trim() === ""} onClick={() => onLoad({ kind: "text", text })}>
            Load
          </Button>
        </TabPanel>
      )}
      {tab === "upload" && (
        <TabPanel idPrefix={ID} value="upload" className="space-y-2">
          <input
            type="file"
            aria-label="Dashboard JSON file"
            accept=".json,application/json"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              // Read here and sent as text: the server sees exactly the file's bytes (and names positions in it).
              if (file) void file.text().then((t) => onLoad({ kind: "text", text: t, fileName: file.name }));
              e.target.value = "";
            }}
            className="block text-sm"
          />
          <p className="text-xs text-slate-500">Grafana dashboard JSON (any schemaVersion from 14, API exports and &quot;export for sharing&quot; files), or an Orrery JSON export; up to 10 MB.</p>
        </TabPanel>
      )}
      {tab === "provisioned" && (
        <TabPanel idPrefix={ID} value="provisioned">
          <ProvisionedFiles busy={busy} onLoad={onLoad} />
        </TabPanel>
      )}
    </section>
  );
}

function ProvisionedFiles({ busy, onLoad }: SourcePickerProps) {
  const files = useQuery({ queryKey: ["dashboards", "import", "provisioned"], queryFn: ({ signal }) => listProvisionedFiles(signal) });
  if (files.isPending) return <p className="text-sm text-slate-500">Reading the provisioned folder…</p>;
  if (files.error) return <p role="alert" className="text-sm text-red-700">{files.error.message}</p>;
  if (files.data.length === 0) return <p className="text-sm text-slate-500">The server&apos;s provisioned folder (ORRERY_PROVISIONED_DIR) holds no JSON files.</p>;
  return (
    <ul aria-label="Provisioned files" className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
      {files.data.map((f) => (
        <li key={f.file} className="flex items-center gap-3 py-1.5">
          <span className="font-mono">{f.file}</span>
          <span className="text-slate-600 dark:text-slate-400">{f.title}</span>
          <span className="text-xs text-slate-500">{f.kind === "orrery" ? "Orrery (already provisioned: loads as an editable copy)" : f.kind === "grafana" ? "Grafana" : "not readable JSON"}</span>
          <Button size="sm" className="ml-auto" disabled={busy || f.kind === "unreadable"} onClick={() => onLoad({ kind: "provisioned", file: f.file })} aria-label={`Load ${f.file}`}>
            Load
          </Button>
        </li>
      ))}
    </ul>
  );
}
