import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetAuthContext } from "@/lib/auth/context";
import { resetConfig } from "@/lib/config";
import { testBearer } from "@/test/auth/test-principal";
import { GET as follow } from "../../s/[id]/route";
import { POST } from "./route";

const APP = "http://127.0.0.1:3999";
let dir: string;
let viewer: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "orrery-short-links-"));
  const config = path.join(dir, "orrery.config.json");
  writeFileSync(config, JSON.stringify({ datasources: [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9" }] }));
  vi.stubEnv("ORRERY_CONFIG", config);
  vi.stubEnv("ORRERY_DATA_DIR", path.join(dir, "data"));
  resetConfig();
  resetAuthContext();
  viewer = await testBearer("viewer");
});

afterAll(() => {
  vi.unstubAllEnvs();
  resetConfig();
  resetAuthContext();
});

function create(body: string, headers: Record<string, string> = {}) {
  return POST(new Request(`${APP}/api/short-links`, { method: "POST", headers: { authorization: viewer, "content-type": "application/json", ...headers }, body }), undefined as never);
}

const open = (id: string, accept = "application/json") =>
  follow(new Request(`${APP}/s/${id}`, { headers: { authorization: viewer, accept } }), { params: Promise.resolve({ id }) } as never);

describe("POST /api/short-links and GET /s/<id>", () => {
  const target = "/d/federation-overview/prometheus-federation-overview?viewPanel=6&from=1700000000000&to=1700003600000&var-cluster=east&var-cluster=west";

  it("a viewer shortens a dashboard link; following it redirects to exactly that path", async () => {
    const res = await create(JSON.stringify({ path: target }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(body).toEqual({ id: body.id, url: `/s/${body.id}`, path: target });
    const hop = await open(body.id);
    expect(hop.status).toBe(302);
    expect(hop.headers.get("location")).toBe(target);
    // Stored with who made it, in the auth folder.
    const stored = JSON.parse(readFileSync(path.join(dir, "data", ".auth", "short-links.json"), "utf8"));
    expect(stored.links).toContainEqual({ id: body.id, path: target, createdBy: "token:tests", createdAt: expect.any(String) });
    // The same path gives the same link (no growth on repeated clicks).
    expect((await (await create(JSON.stringify({ path: target }))).json()).id).toBe(body.id);
  });

  it("different paths get different ids", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await (await create(JSON.stringify({ path: `/d/x?viewPanel=${i}` }))).json()).id);
    expect(ids.size).toBe(20);
  });

  const badBodies: [string, string, number, RegExp][] = [
    ["not JSON", "{path:", 400, /JSON/i],
    ["no path", "{}", 400, /path/],
    ["path not a string", JSON.stringify({ path: 5 }), 400, /path/],
    ["extra field", JSON.stringify({ path: "/d/x", to: "/y" }), 400, /to/],
    ["other origin", JSON.stringify({ path: "https://evil.example/d/x" }), 400, /\/d\//],
    ["protocol-relative", JSON.stringify({ path: "//evil.example/d/x" }), 400, /\/d\//],
    ["double slash inside", JSON.stringify({ path: "/d//evil.example" }), 400, /\/\//],
    ["backslash", JSON.stringify({ path: "/d/\\evil.example" }), 400, /backslash/],
    ["traversal", JSON.stringify({ path: "/d/../api/admin/users" }), 400, /\.\./],
    ["encoded traversal", JSON.stringify({ path: "/d/%2e%2e/api" }), 400, /encoded/],
    ["javascript:", JSON.stringify({ path: "javascript:alert(1)" }), 400, /\/d\//],
    ["not a dashboard", JSON.stringify({ path: "/api/admin/tokens" }), 400, /\/d\//],
  ];
  for (const [name, body, status, message] of badBodies) {
    it(`refuses ${name} with ${status} and a message`, async () => {
      const res = await create(body);
      expect(res.status).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    });
  }

  it("refuses a form post (415) and an anonymous request (401)", async () => {
    expect((await create("path=/d/x", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    const anon = await POST(new Request(`${APP}/api/short-links`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ path: "/d/x" }) }), undefined as never);
    expect(anon.status).toBe(401);
  });

  it("an unknown or malformed id is a 404 (JSON for scripts, a fixed page for browsers), never a redirect", async () => {
    for (const id of ["AAAAAAAAAAAA", "short", "../../etc", "%2F%2Fevil"]) {
      const json = await open(id);
      expect(json.status, id).toBe(404);
      expect((await json.json()).error.code).toBe("not_found");
    }
    const html = await open("AAAAAAAAAAAA", "text/html,application/xhtml+xml");
    expect(html.status).toBe(404);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(await html.text()).toContain("Link not found");
  });

  it("a stored path that is no longer acceptable (hand-edited store) is not followed", async () => {
    const file = path.join(dir, "data", ".auth", "short-links.json");
    const doc = JSON.parse(readFileSync(file, "utf8"));
    doc.links.push({ id: "EvilEvilEvil", path: "//evil.example/", createdBy: "x", createdAt: new Date().toISOString() });
    writeFileSync(file, JSON.stringify(doc));
    const res = await open("EvilEvilEvil");
    expect(res.status).toBe(404);
    expect(res.headers.get("location")).toBeNull();
  });
});
