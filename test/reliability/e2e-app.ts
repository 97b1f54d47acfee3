// A private production server for the reliability specs: its own config (datasources the spec
// chooses, e.g. one behind the fault proxy), its own data folder, signed in as admin. Started with
// `next start` on a free port in its own process group, and killed as a group.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { signInCookie } from "../../e2e/auth";
import { findFreePort, pollUntil } from "../../scripts/stack";
import { E2E_ADMIN_PASSWORD, e2eAuthConfig } from "../oidc/e2e-config";

export interface E2eApp {
  baseURL: string;
  /** `name=value` of the admin's session cookie. */
  cookie: string;
  /** POST/PUT JSON as the signed-in admin, with the Origin the CSRF check wants. */
  api(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  stop(): Promise<void>;
  /** The last few KB of the server's stderr (for failure messages). */
  logs(): string;
}

export async function startE2eApp(datasources: unknown[], extra: Record<string, unknown> = {}): Promise<E2eApp> {
  const root = mkdtempSync(path.join(tmpdir(), "orrery-reliab-e2e-"));
  const port = await findFreePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const configFile = path.join(root, "orrery.config.json");
  writeFileSync(configFile, JSON.stringify({ datasources, auth: e2eAuthConfig(baseURL), ...extra }));
  let stderr = "";
  const child: ChildProcess = spawn("./node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, ORRERY_CONFIG: configFile, ORRERY_DATA_DIR: path.join(root, "data"), ORRERY_PROVISIONED_DIR: path.join(root, "provisioned"), ORRERY_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD, NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await pollUntil(
      "the reliability app server",
      async () => ((await fetch(`${baseURL}/api/auth/providers`).catch(() => undefined))?.status === 200 ? true : undefined),
      { timeoutMs: 60_000, check: () => { if (child.exitCode !== null) throw new Error(`next start exited: ${stderr}`); } },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  const cookie = await signInCookie(baseURL);
  const api = async (method: string, urlPath: string, body?: unknown) => {
    const res = await fetch(`${baseURL}${urlPath}`, {
      method,
      headers: { cookie, origin: baseURL, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
  return { baseURL, cookie, api, stop, logs: () => stderr };
}

/** The browser cookie for `app` (add with context.addCookies). */
export function sessionCookieFor(app: E2eApp) {
  const eq = app.cookie.indexOf("=");
  return { name: app.cookie.slice(0, eq), value: app.cookie.slice(eq + 1), domain: "127.0.0.1", path: "/", httpOnly: true, secure: false, sameSite: "Lax" as const };
}
