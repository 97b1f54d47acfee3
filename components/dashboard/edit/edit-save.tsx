"use client";

import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import type { StoredDashboardResponse } from "@/lib/dashboards/api";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { slugify } from "@/lib/dashboards/url-state";
import { SaveDialog } from "./save-dialog";
import type { DashboardEdit } from "./use-dashboard-edit";
import type { UpdateView } from "./use-edit-callbacks";

export interface EditSaveProps {
  edit: DashboardEdit;
  stored: StoredDashboardResponse | null;
  update: UpdateView;
  /** The time zone the dashboard is shown in, offered for saving. */
  viewTimezone?: string;
  onClose: () => void;
}

/** The save dialog wired to the cache and the router: a copy or a first save opens the new URL. */
export function EditSave({ edit, stored, update, viewTimezone, onClose }: EditSaveProps) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const onSaved = (saved: StoredDashboardResponse, copied: boolean) => {
    queryClient.setQueryData(dashboardKeys.detail(saved.dashboard.uid), saved);
    void queryClient.invalidateQueries({ queryKey: [...dashboardKeys.all, "list"] });
    onClose();
    const url = `/d/${encodeURIComponent(saved.dashboard.uid)}/${slugify(saved.dashboard.title)}`;
    // A first save replaces /dashboard/new in the history: going back should not open an empty editor.
    if (edit.isNew) return router.replace(url);
    if (copied) {
      edit.saved();
      return router.push(url);
    }
    edit.saved();
    update({ editPanel: null });
  };
  const onReload = () => {
    onClose();
    edit.discard();
    update({ editPanel: null });
    if (stored) void queryClient.refetchQueries({ queryKey: dashboardKeys.detail(stored.dashboard.uid), exact: true });
  };
  return (
    <SaveDialog draft={edit.dashboard} version={edit.state.version} provisioned={stored?.meta.provisioned ?? false} viewTimezone={viewTimezone} onSaved={onSaved} onReload={onReload} onClose={onClose} />
  );
}
