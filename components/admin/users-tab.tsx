"use client";

import { useState, type FormEvent } from "react";
import { createUser, deleteUser, listUsers, updateUser, type AdminRole, type AdminUser } from "@/lib/admin/client";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { Field, Select, TextInput } from "@/components/ui/field";
import { useAdminList } from "./use-admin-list";

const ROLES: AdminRole[] = ["viewer", "editor", "admin"];

function RoleOptions() {
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {r}
    </option>
  ));
}

/** Local users: create with a role and password, change role or password, delete. Config-file users are read-only. */
export function UsersTab({ currentUser }: { currentUser: string }) {
  const { items, error, setError, reload } = useAdminList(listUsers);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setNotice(null);
    try {
      await action();
      setError(null);
      setNotice(done);
      reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const username = String(form.get("username") ?? "");
    await run(() => createUser(username, String(form.get("role")) as AdminRole, String(form.get("password") ?? "")), `User "${username}" created.`);
    formEl.reset();
  }

  function onPassword(user: AdminUser) {
    const password = window.prompt(`New password for ${user.username} (at least 8 characters)`);
    if (password) void run(() => updateUser(user.username, { password }), `Password of "${user.username}" changed.`);
  }

  function onDelete(user: AdminUser) {
    if (window.confirm(`Delete the user "${user.username}"? Their session stops at once.`)) void run(() => deleteUser(user.username), `User "${user.username}" deleted.`);
  }

  return (
    <div className="space-y-4 text-sm">
      <form onSubmit={(e) => void onCreate(e)} aria-label="Create user" className="flex flex-wrap items-end gap-3">
        <Field label="Username">{({ id }) => <TextInput id={id} name="username" required pattern="[A-Za-z0-9._@\-]{1,64}" autoComplete="off" />}</Field>
        <Field label="Role">
          {({ id }) => (
            <Select id={id} name="role" defaultValue="viewer">
              <RoleOptions />
            </Select>
          )}
        </Field>
        <Field label="Password">{({ id }) => <TextInput id={id} name="password" type="password" required minLength={8} autoComplete="new-password" />}</Field>
        <Button type="submit" variant="primary">
          Create user
        </Button>
      </form>
      {error && <Callout tone="error">{error}</Callout>}
      {notice && !error && <Callout tone="info">{notice}</Callout>}
      {items === null ? (
        <p className="text-slate-500">Loading users…</p>
      ) : (
        <table className="w-full text-left">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1">Username</th>
              <th>Role</th>
              <th>Source</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.username} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1">
                  {u.username}
                  {u.username === currentUser && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                </td>
                <td>
                  {u.source === "config" ? (
                    u.role
                  ) : (
                    <Select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void run(() => updateUser(u.username, { role: e.target.value as AdminRole }), `"${u.username}" is now ${e.target.value}.`)}>
                      <RoleOptions />
                    </Select>
                  )}
                </td>
                <td>{u.source === "config" ? "config file (read-only)" : "Orrery"}</td>
                <td className="space-x-2 text-right">
                  {u.source === "stored" && (
                    <>
                      <Button size="sm" onClick={() => onPassword(u)}>
                        Set password
                      </Button>
                      <Button size="sm" aria-label={`Delete ${u.username}`} onClick={() => onDelete(u)}>
                        Delete
                      </Button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
