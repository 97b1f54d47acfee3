import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import * as zm from "zod/mini";
import * as one from "@/app/api/dashboards/[uid]/route";
import * as importRoute from "@/app/api/dashboards/import/route";
import * as all from "@/app/api/dashboards/route";
import { resetConfig } from "@/lib/config";
import { ApiRequestError, call, createDashboard, getDashboard, listDashboards } from "@/lib/dashboards/api";
import { convertDashboard, listProvisionedFiles } from "@/lib/dashboards/import-client";
import { authHeader, ctx, dashboardDoc, useTempStore, type TempStore } from "./helpers";

// The browser's API clients (lib/dashboards/api.ts with zod, import-client.ts with zod/mini) share
// one `call`. Here they run against the real route handlers: fetch hands each Request of a relative
// URL to the handler of its path (with the tests' API token), absolute URLs go to the network.

const FIXTURES = path.join(__dirname, "../fixtures/grafana");
const fixture = (name: string) => readFile(path.join(FIXTURES, `${name}.json`), "utf8");

const realFetch = globalThis.fetch;
/** The content type of each request the clients sent to a route, in order. */
let sent: Array<{ method: string; path: string; contentType: string | null; accept: string | null }> = [];

async function dispatch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  if (typeof input !== "string" || !input.startsWith("/")) return realFetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set("authorization", authHeader().authorization);
  const req = new Request(`http://localhost${input}`, { ...init, headers });
  const url = new URL(req.url);
  sent.push({ method: req.method, path: url.pathname, contentType: req.headers.get("content-type"), accept: req.headers.get("accept") });
  if (url.pathname === "/api/dashboards/import") {
    return req.method === "POST" ? importRoute.POST(req, ctx({})) : importRoute.GET(req, ctx({}));
  }
  if (url.pathname === "/api/dashboards") return req.method === "POST" ? all.POST(req, ctx({})) : all.GET(req, ctx({}));
  const uid = /^\/api\/dashboards\/([^/]+)$/.exec(url.pathname)?.[1];
  if (uid && req.method === "GET") return one.GET(req, ctx({ uid: decodeURIComponent(uid) }));
  return new Response("no route in this test", { status: 404 });
}

let store: TempStore;
beforeEach(async () => {
  store = await useTempStore();
  const config = path.join(store.root, "orrery.config.json");
  await writeFile(config, JSON.stringify({ datasources: [{ id: "global", name: "Global", type: "prometheus", url: "http://127.0.0.1:9", default: true }] }));
  vi.stubEnv("ORRERY_CONFIG", config);
  resetConfig();
  sent = [];
  vi.stubGlobal("fetch", dispatch);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await store.cleanup();
  resetConfig();
});

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiRequestError)) throw new Error(`expected an ApiRequestError, got ${String(err)}`);
  return err;
}

describe("dashboard client (zod schemas, JSON bodies)", () => {
  it("creates, reads and lists a dashboard, sending JSON only where there is a body", async () => {
    const created = await createDashboard(dashboardDoc("client-a", { title: "Client A" }) as never, "first");
    expect(created.meta.version).toBe(1);
    expect(created.dashboard.title).toBe("Client A");
    const read = await getDashboard("client-a");
    expect(read.dashboard).toEqual(created.dashboard);
    expect((await listDashboards()).map((d) => d.uid)).toEqual(["client-a"]);
    expect(sent.map((s) => [s.method, s.contentType, s.accept])).toEqual([
      ["POST", "application/json", "application/json"],
      ["GET", null, "application/json"],
      ["GET", null, "application/json"],
    ]);
  });

  it("turns the server's error envelope into an ApiRequestError with its status, code and issues", async () => {
    await createDashboard(dashboardDoc("client-b") as never);
    const taken = await failure(createDashboard(dashboardDoc("client-b") as never));
    expect(taken.status).toBe(409);
    expect(taken.code).not.toBe("http");
    const invalid = await failure(createDashboard({ ...dashboardDoc("client-c"), title: "" } as never));
    expect(invalid.status).toBe(400);
    expect(invalid.issues.map((i) => i.path)).toContain("dashboard.title");
    const missing = await failure(getDashboard("no-such"));
    expect(missing.status).toBe(404);
  });

  it("names every field of an answer of another shape, with zod and with zod/mini schemas alike", async () => {
    await createDashboard(dashboardDoc("client-d") as never);
    const classic = z.object({ dashboards: z.array(z.object({ uid: z.number(), version: z.string() })) });
    const mini = zm.object({ dashboards: zm.array(zm.object({ uid: zm.number(), version: zm.string() })) });
    for (const schema of [classic, mini]) {
      const err = await failure(call(schema, "/api/dashboards"));
      expect(err.code).toBe("bad_response");
      expect(err.status).toBe(200);
      expect(err.message).toMatch(/^Unexpected answer from \/api\/dashboards: dashboards\[0\]\.uid: .+; dashboards\[0\]\.version: /);
    }
  });

  it("parses with a schema still loading (import()); one that failed to load fails a good answer only", async () => {
    await createDashboard(dashboardDoc("client-e") as never);
    const loading = Promise.resolve().then(() => zm.object({ dashboards: zm.array(zm.object({ uid: zm.string() })) }));
    expect((await call(loading, "/api/dashboards")).dashboards.map((d) => d.uid)).toEqual(["client-e"]);
    // An error answer is still the server's error (and the failed load no unhandled rejection: vitest fails on one).
    const missing = await failure(call(Promise.reject(new Error("chunk failed")), "/api/dashboards/no-such"));
    expect([missing.status, missing.code]).toEqual([404, "not_found"]);
    await expect(call(Promise.reject(new Error("chunk failed")), "/api/dashboards")).rejects.toThrow("chunk failed");
  });

  it("reports an answer without the error envelope as an http error", async () => {
    const err = await failure(call(z.unknown(), "/api/nothing-here"));
    expect([err.status, err.code, err.message]).toEqual([404, "http", "/api/nothing-here failed with HTTP 404"]);
  });

  it("reports an unreachable server as a network error, and rethrows an abort as it is", async () => {
    const down = await failure(call(z.unknown(), "http://127.0.0.1:1/api/dashboards"));
    expect([down.status, down.code]).toEqual([0, "network"]);
    expect(down.message).toMatch(/^Cannot reach Orrery: /);
    const aborted = await call(z.unknown(), "http://127.0.0.1:1/api/dashboards", { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(aborted).not.toBeInstanceOf(ApiRequestError);
    expect((aborted as Error).name).toBe("AbortError");
  });
});

describe("import client (zod/mini schemas, FormData and JSON bodies)", () => {
  it("uploads pasted text as multipart/form-data (fetch's own content type) and parses the answer", async () => {
    const text = await fixture("thanos-overview");
    const result = await convertDashboard({ kind: "text", text, fileName: "thanos.json" });
    expect(result.format).toBe("grafana");
    expect(result.dashboard.title).toBe(JSON.parse(text).title);
    expect(result.report.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("imports a provisioned file by name with a JSON body, and lists the folder", async () => {
    await writeFile(path.join(store.provisionedDir, "thanos.json"), await fixture("thanos-overview"));
    expect((await listProvisionedFiles()).map((f) => [f.file, f.kind])).toEqual([["thanos.json", "grafana"]]);
    const result = await convertDashboard({ kind: "provisioned", file: "thanos.json" });
    expect(result.dashboard.title).toBe("Thanos / Overview");
    expect(sent.map((s) => [s.method, s.contentType])).toEqual([
      ["GET", null],
      ["POST", "application/json"],
    ]);
  });

  it("turns the importer's refusals into ApiRequestErrors naming what was wrong", async () => {
    const broken = await failure(convertDashboard({ kind: "text", text: '{\n  "title": }', fileName: "broken.json" }));
    expect([broken.status, broken.code]).toEqual([400, "invalid_json"]);
    expect(broken.message).toContain('the file "broken.json" is not valid JSON');
    expect(broken.message).toContain("line 2");
    const missing = await failure(convertDashboard({ kind: "provisioned", file: "missing.json" }));
    expect(missing.status).toBe(404);
  });
});
