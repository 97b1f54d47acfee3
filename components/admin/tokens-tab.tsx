"use client";

import { useState, type FormEvent } from "react";
import { createToken, listTokens, revokeToken, type AdminRole } from "@/lib/admin/client";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field, Select, TextInput } from "@/components/ui/field";
import { useAdminList } from "./use-admin-list";

const when = (iso: string | undefined) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "never");

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensTab() {
  const { items, error, setError, reload } = useAdminList(listTokens);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    try {
      const res = await createToken(String(form.get("name") ?? ""), String(form.get("role")) as AdminRole);
      setCreated({ name: res.info.name, token: res.token });
      formEl.reset();
      reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  async function onRevoke(id: string, name: string) {
    if (!window.confirm(`Revoke the token "${name}"? Scripts using it stop working at once.`)) return;
    try {
      await revokeToken(id);
      reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <div className="space-y-4 text-sm">
      <form onSubmit={onCreate} aria-label="Create API token" className="flex flex-wrap items-end gap-3">
        <Field label="Token name">{({ id }) => <TextInput id={id} name="name" required maxLength={100} />}</Field>
        <Field label="Token role">
          {({ id }) => (
            <Select id={id} name="role" defaultValue="viewer">
              <option value="viewer">viewer</option>
              <option value="editor">editor</option>
              <option value="admin">admin</option>
            </Select>
          )}
        </Field>
        <Button type="submit" variant="primary" disabled={busy}>
          Create token
        </Button>
      </form>
      {created && (
        <Callout tone="info" title={`Token "${created.name}" created`}>
          <p className="mb-1">Copy it now: it is shown only once and cannot be recovered.</p>
          <input aria-label="New token" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-950" />
        </Callout>
      )}
      {error && <Callout tone="error">{error}</Callout>}
      {items === null ? (
        <p className="text-slate-500">Loading tokens…</p>
      ) : items.length === 0 ? (
        <p className="text-slate-500">No API tokens.</p>
      ) : (
        <table className="w-full text-left">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1">Name</th>
              <th>Role</th>
              <th>Created by</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1">{t.name}</td>
                <td>{t.role}</td>
                <td>{t.createdBy}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td className="text-right">
                  <Button size="sm" aria-label={`Revoke ${t.name}`} onClick={() => void onRevoke(t.id, t.name)}>
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
