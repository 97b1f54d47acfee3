"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { convertDashboard, type ImportResponse, type ImportSource } from "@/lib/dashboards/import-client";
import { initialDatasourceMap, uidProblem, withIdentity } from "@/lib/dashboards/import-preview";
import { generateUid } from "@/lib/dashboards/edit";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { slugify } from "@/lib/dashboards/url-state";
import { useDatasources } from "@/lib/promql/hooks";
import { Callout } from "@/components/ui/callout";
import { ImportPreview } from "./import-preview";
import { ImportSaveBar } from "./import-save-bar";
import { SourcePicker } from "./source-picker";
import { useImportSave, type ExistingDashboard } from "./use-import-save";

interface ConvertRequest {
  source: ImportSource;
  map?: Record<string, string>;
}

/**
 * The Import page: pick a source, convert it on the server (nothing saved), check the datasource
 * mapping, the panels and the report, then save it as a new dashboard and open it.
 */
export function ImportPage() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const datasources = useDatasources();
  const [source, setSource] = useState<ImportSource | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [identity, setIdentity] = useState({ uid: "", title: "" });
  const convert = useMutation<ImportResponse, Error, ConvertRequest>({ mutationFn: ({ source: s, map }) => convertDashboard(s, map) });
  const save = useImportSave();
  const result = convert.data;

  const load = async (next: ImportSource) => {
    setSource(next);
    save.reset();
    try {
      const first = await convert.mutateAsync({ source: next });
      setIdentity({ uid: first.dashboard.uid, title: first.dashboard.title });
      // The selects start from a name match or the default; convert again so the preview is what they show.
      const map = initialDatasourceMap(first.datasourceRefs, datasources.data ?? []);
      setMapping(map);
      if (Object.keys(map).length > 0) await convert.mutateAsync({ source: next, map });
    } catch {
      // convert.error shows it.
    }
  };

  const remap = (key: string, id: string) => {
    if (!source) return;
    // Choosing the default datasource unmaps the reference (it follows the default, unpinned).
    const fallback = (datasources.data?.find((d) => d.default) ?? datasources.data?.[0])?.id;
    const { [key]: _previous, ...rest } = mapping;
    const map = id === fallback ? rest : { ...rest, [key]: id };
    setMapping(map);
    convert.mutate({ source, map });
  };

  const submit = async (opts: { newUid?: boolean; overwrite?: ExistingDashboard } = {}) => {
    if (!result) return;
    const chosen = opts.newUid ? { ...identity, uid: generateUid() } : identity;
    if (opts.newUid) setIdentity(chosen);
    const dashboard = withIdentity(result.dashboard, chosen);
    const outcome = await save.mutateAsync({ dashboard, overwrite: opts.overwrite }).catch(() => null);
    if (!outcome?.ok) return;
    await queryClient.invalidateQueries({ queryKey: dashboardKeys.all });
    router.push(`/d/${encodeURIComponent(outcome.saved.dashboard.uid)}/${slugify(outcome.saved.dashboard.title)}`);
  };

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4">
      <h1 className="text-xl font-semibold">Import dashboard</h1>
      {/* Loading waits for the datasources: the mapping's starting point depends on them. */}
      <SourcePicker busy={convert.isPending || save.isPending || datasources.isPending} onLoad={(s) => void load(s)} />
      {datasources.error && <Callout tone="error">{datasources.error.message}</Callout>}
      {convert.isPending && <p className="text-sm text-slate-500">Converting…</p>}
      {convert.error && (
        <Callout tone="error" title="This cannot be imported">
          {convert.error.message}
        </Callout>
      )}
      {result && !convert.error && (
        <>
          {result.format === "orrery" && <Callout tone="info">This is an Orrery dashboard: it is imported as it is.</Callout>}
          <ImportPreview
            result={result}
            datasources={datasources.data ?? []}
            mapping={mapping}
            onMappingChange={remap}
            identity={identity}
            onIdentityChange={(next) => (setIdentity(next), save.reset())}
            updating={convert.isPending}
          />
          <ImportSaveBar
            key={save.data && !save.data.ok ? `${save.data.existing.uid}@${save.data.existing.version}` : "new"}
            outcome={save.data}
            error={save.error}
            pending={save.isPending || convert.isPending}
            invalid={uidProblem(identity.uid.trim()) !== null}
            onImport={() => void submit()}
            onNewUid={() => void submit({ newUid: true })}
            onOverwrite={(existing) => void submit({ overwrite: existing })}
          />
        </>
      )}
    </main>
  );
}
