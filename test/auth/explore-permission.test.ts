import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getAuthContext, resetAuthContext } from "@/lib/auth/context";
import { resetConfig } from "@/lib/config";
import { EXPLORE_HEADER } from "@/lib/promql/api";
import * as proxy from "@/app/api/ds/[ds]/api/v1/[...path]/route";
import { APP, SECRET } from "./setup";

// viewersCanExplore: false — Explore's own requests (x-orrery-explore: 1) need query:explore (editor),
// other proxy requests query:run. The datasource is closed (port 9): a request the proxy lets through
// gets 502 from the upstream, a refused one 403 before any I/O.

let root: string;
const bearer: Record<string, string> = {};

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "orrery-explore-perm-"));
  const configFile = path.join(root, "orrery.config.json");
  await writeFile(configFile, JSON.stringify({ datasources: [{ id: "closed", type: "prometheus", url: "http://127.0.0.1:9", timeout: "2s" }], auth: { secret: SECRET, url: APP, viewersCanExplore: false } }));
  vi.stubEnv("ORRERY_CONFIG", configFile);
  vi.stubEnv("ORRERY_DATA_DIR", path.join(root, "data"));
  resetConfig();
  resetAuthContext();
  for (const role of ["viewer", "editor"] as const) bearer[role] = `Bearer ${(await getAuthContext().apiTokens.create({ name: role, role, createdBy: "test" })).token}`;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetConfig();
  resetAuthContext();
  await rm(root, { recursive: true, force: true });
});

async function query(role: "viewer" | "editor", explore: boolean) {
  const headers: Record<string, string> = { authorization: bearer[role]!, "content-type": "application/x-www-form-urlencoded" };
  if (explore) headers[EXPLORE_HEADER] = "1";
  const res = await proxy.POST(new Request(`${APP}/api/ds/closed/api/v1/query`, { method: "POST", headers, body: "query=up" }), {
    params: Promise.resolve({ ds: "closed", path: ["query"] }),
  } as never);
  return { status: res.status, body: await res.json() };
}

describe("viewersCanExplore: false", () => {
  it("refuses a viewer's Explore query with 403 in Prometheus's envelope, naming the role", async () => {
    const res = await query("viewer", true);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: "error", errorType: "forbidden", error: expect.stringMatching(/query:explore needs the editor role/) });
  });

  it("lets an editor's Explore query through to the upstream (502: nothing listens)", async () => {
    expect((await query("editor", true)).status).toBe(502);
  });

  it("a viewer's request without the header is a dashboard query (query:run): the known gap, documented", async () => {
    expect((await query("viewer", false)).status).toBe(502);
  });
});
