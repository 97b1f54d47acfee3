import { readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPrincipal } from "@/lib/auth/session";
import { createUser, updateUser } from "@/lib/auth/user-admin";
import { jsonFileReads } from "@/lib/storage/file-cache";
import { APP, authFixture, sessionCookie, type AuthFixture } from "./setup";

// The local user's role is looked up on every authenticated request (lib/auth/session.ts). The users
// file is read once and then served from lib/storage's cache while a stat shows it unchanged; any
// change — ours (user admin), another process's atomic replace, or an in-place edit of the same size —
// is seen by the next request.

let fx: AuthFixture;
let cookie: string;
let file: string;
beforeAll(async () => {
  fx = await authFixture();
  file = path.join(fx.ctx.settings.dir, "users.json");
  await createUser(fx.ctx.settings.dir, fx.ctx.settings.users, { username: "sam", role: "viewer", password: "sam-password" });
  cookie = await sessionCookie({ sub: "sam", name: "sam", role: "viewer", provider: "credentials" });
});
afterAll(() => fx.cleanup());

const request = () => new Request(`${APP}/api/dashboards`, { headers: { cookie } });
const roleNow = async () => {
  const p = await sessionPrincipal(request(), fx.ctx);
  return p?.kind === "user" ? p.role : null;
};

/** Until the file's last change is older than the cache's settling time (2 s), so it may be cached. */
async function settle(): Promise<void> {
  const { ctimeMs } = await stat(file);
  await new Promise((r) => setTimeout(r, Math.max(0, ctimeMs + 2_100 - Date.now())));
}

/** Requests until one was served without reading the file; then how many file reads `n` more requests made. */
async function readsFor(n: number): Promise<number> {
  await roleNow();
  const before = jsonFileReads();
  for (let i = 0; i < n; i++) await roleNow();
  return jsonFileReads() - before;
}

describe("local user's role: cached by file stat, never stale", () => {
  it("an unchanged users file is not re-read", async () => {
    await settle();
    expect(await roleNow()).toBe("viewer");
    expect(await readsFor(20)).toBe(0);
    expect(await roleNow()).toBe("viewer");
  });

  it("our own role change is seen by the next request", async () => {
    await settle();
    expect(await readsFor(3)).toBe(0);
    await updateUser(fx.ctx.settings.dir, fx.ctx.settings.users, "sam", { role: "editor" });
    expect(await roleNow()).toBe("editor");
  });

  it("another process's atomic replace (rename) is seen by the next request", async () => {
    await settle();
    expect(await readsFor(3)).toBe(0);
    const text = await readFile(file, "utf8");
    await writeFile(`${file}.other`, text.replace('"role": "editor"', '"role": "admin"'));
    await rename(`${file}.other`, file);
    expect(await roleNow()).toBe("admin");
  });

  it("an in-place edit of the same size (same inode) is seen by the next request", async () => {
    await updateUser(fx.ctx.settings.dir, fx.ctx.settings.users, "sam", { role: "editor" });
    await settle();
    expect(await readsFor(3)).toBe(0);
    const before = await stat(file);
    const text = await readFile(file, "utf8");
    const edited = text.replace('"role": "editor"', '"role": "viewer"');
    expect(edited.length).toBe(text.length);
    await writeFile(file, edited);
    const after = await stat(file);
    expect([after.ino, after.size]).toEqual([before.ino, before.size]);
    expect(await roleNow()).toBe("viewer");
  });

  it("a removed user's session stops at the next request, cached or not", async () => {
    await settle();
    expect(await readsFor(3)).toBe(0);
    const text = await readFile(file, "utf8");
    const doc = JSON.parse(text) as { users: { username: string }[] };
    doc.users = doc.users.filter((u) => u.username !== "sam");
    await writeFile(file, JSON.stringify(doc, null, 2));
    expect(await roleNow()).toBeNull();
  });
});
