import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as restore from "@/app/api/dashboards/[uid]/restore/route";
import * as one from "@/app/api/dashboards/[uid]/route";
import * as version from "@/app/api/dashboards/[uid]/versions/[version]/route";
import * as versions from "@/app/api/dashboards/[uid]/versions/route";
import * as all from "@/app/api/dashboards/route";
import { authHeader, body, ctx, dashboardDoc, request, STORE_KINDS, stopTestPostgres, tree, useTempStore, type TempStore } from "./helpers";

afterAll(stopTestPostgres);

describe.each(STORE_KINDS)("dashboards API safety (%s store)", (kind) => {
  let store: TempStore;
  beforeEach(async () => {
    store = await useTempStore({ kind });
  });
  afterEach(() => store.cleanup());

  const TRAVERSALS = ["..%2F..%2Fetc", "../../etc", "..", ".", "..%2fescape", "%2e%2e", "a/b", "a\\b", "/etc/passwd", "", "x".repeat(41), ".trash", "abc\u0000"];

  describe("dashboards API: path traversal", () => {
    it.each(TRAVERSALS)("answers 400 for uid %j on every route and creates nothing outside the data folder", async (uid) => {
      await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("ok") }), ctx({}));
      const before = await store.inspect.snapshot();
      const responses = [
        await one.GET(request("GET", "/api/dashboards/x"), ctx({ uid })),
        await one.PUT(request("PUT", "/api/dashboards/x", { dashboard: dashboardDoc(uid), version: 1 }), ctx({ uid })),
        await one.DELETE(request("DELETE", "/api/dashboards/x"), ctx({ uid })),
        await versions.GET(request("GET", "/api/dashboards/x/versions"), ctx({ uid })),
        await version.GET(request("GET", "/api/dashboards/x/versions/1"), ctx({ uid, version: "1" })),
        await restore.POST(request("POST", "/api/dashboards/x/restore", { version: 1 }), ctx({ uid })),
        await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc(uid) }), ctx({})),
      ];
      for (const res of responses) {
        const { status, json } = await body(res);
        expect(status).toBe(400);
        expect(json.error.issues[0].path).toMatch(/^(uid|dashboard\.uid)$/);
      }
      expect(await store.inspect.snapshot()).toBe(before);
    });
  });

  describe("dashboards API: request bodies", () => {
    const post = (init: { headers?: Record<string, string>; body?: string }) =>
      all.POST(new Request("http://localhost/api/dashboards", { method: "POST", ...init, headers: { ...authHeader(), ...init.headers } }), ctx({}));

    it("requires Content-Type: application/json on mutations (415)", async () => {
      const res = await body(await post({ headers: { "content-type": "text/plain" }, body: JSON.stringify({ dashboard: dashboardDoc("a") }) }));
      expect(res).toEqual({ status: 415, json: { error: { code: "unsupported_media_type", message: 'request body must be application/json, got "text/plain"' } } });
      expect((await post({})).status).toBe(415);
      // As a browser sends it: a body declares its length. A bodiless DELETE needs no content type.
      const del = (headers: Record<string, string>) =>
        one.DELETE(new Request("http://localhost/api/dashboards/a", { method: "DELETE", ...(headers["content-length"] ? { body: "x" } : {}), headers: { ...authHeader(), ...headers } }), ctx({ uid: "a" }));
      expect((await del({ "content-type": "text/plain", "content-length": "1" })).status).toBe(415);
      expect((await del({})).status).toBe(404);
    });

    it("refuses bodies over 5 MB with 413", async () => {
      const big = JSON.stringify({ dashboard: dashboardDoc("a", { description: "x".repeat(5 * 1024 * 1024) }) });
      expect((await body(await post({ headers: { "content-type": "application/json" }, body: big }))).json.error.code).toBe("payload_too_large");
    });

    it.each([
      ["{", /^request body is not valid JSON: /],
      ["", /^request body is empty/],
      ["[1,2]", /^invalid request: \(root\): /],
    ])("refuses body %j with 400 naming the problem", async (text, message) => {
      const res = await body(await post({ headers: { "content-type": "application/json; charset=utf-8" }, body: text }));
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(message);
    });

    it("reserves uids that are API routes", async () => {
      const res = await body(await post({ headers: { "content-type": "application/json" }, body: JSON.stringify({ dashboard: dashboardDoc("schema") }) }));
      expect(res.status).toBe(400);
      expect(res.json.error.issues).toContainEqual({ path: "dashboard.uid", message: '"schema" is reserved' });
      const imp = await body(await post({ headers: { "content-type": "application/json" }, body: JSON.stringify({ dashboard: dashboardDoc("import") }) }));
      expect(imp.json.error.issues).toContainEqual({ path: "dashboard.uid", message: '"import" is reserved' });
    });
  });

  describe("dashboards API: provisioned dashboards", () => {
    beforeEach(async () => {
      await writeFile(path.join(store.provisionedDir, "prov.json"), JSON.stringify(dashboardDoc("prov", { title: "Provisioned" })));
    });

    it("lists and reads them marked provisioned", async () => {
      const list = await body(await all.GET(request("GET", "/api/dashboards"), ctx({})));
      expect(list.json.dashboards).toEqual([expect.objectContaining({ uid: "prov", title: "Provisioned", version: 1, provisioned: true })]);
      const read = await body(await one.GET(request("GET", "/api/dashboards/prov"), ctx({ uid: "prov" })));
      expect(read.json.meta).toMatchObject({ version: 1, provisioned: true, updatedBy: "provisioning", message: "provisioned from prov.json" });
      expect((await body(await versions.GET(request("GET", "/api/dashboards/prov/versions"), ctx({ uid: "prov" })))).json.versions).toHaveLength(1);
    });

    it("refuses to save over, delete or restore them (403) and to create their uid (409), but saves a copy", async () => {
      const before = await tree(store.root);
      const put = await body(await one.PUT(request("PUT", "/api/dashboards/prov", { dashboard: dashboardDoc("prov"), version: 1 }), ctx({ uid: "prov" })));
      expect(put.status).toBe(403);
      expect(put.json.error).toEqual({
        code: "forbidden",
        message: "dashboard prov is provisioned from the server's dashboards folder and cannot be saved over; save a copy under a new uid instead",
      });
      expect((await one.DELETE(request("DELETE", "/api/dashboards/prov"), ctx({ uid: "prov" }))).status).toBe(403);
      expect((await restore.POST(request("POST", "/api/dashboards/prov/restore", { version: 1 }), ctx({ uid: "prov" }))).status).toBe(403);
      expect((await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("prov") }), ctx({}))).status).toBe(409);
      expect((await tree(store.root)).filter((f) => !f.startsWith("data"))).toEqual(before.filter((f) => !f.startsWith("data")));
      const copy = await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("prov-copy", { title: "Provisioned (copy)" }) }), ctx({}));
      expect(copy.status).toBe(201);
    });

    it("lists an invalid provisioned file with its problem instead of dropping it", async () => {
      await writeFile(path.join(store.provisionedDir, "broken.json"), JSON.stringify(dashboardDoc("broken", { refresh: "1s" })));
      const list = await body(await all.GET(request("GET", "/api/dashboards"), ctx({})));
      expect(list.json.dashboards).toContainEqual(expect.objectContaining({ uid: "broken", provisioned: true, error: expect.stringContaining("refresh") }));
      const read = await body(await one.GET(request("GET", "/api/dashboards/broken"), ctx({ uid: "broken" })));
      expect(read.status).toBe(500);
      expect(read.json.error).toMatchObject({ code: "invalid_stored_dashboard", issues: [{ path: "refresh", message: expect.any(String) }] });
      // It still owns its uid: writes are refused as for any provisioned dashboard.
      expect((await one.PUT(request("PUT", "/api/dashboards/broken", { dashboard: dashboardDoc("broken"), version: 1 }), ctx({ uid: "broken" }))).status).toBe(403);
      expect((await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("broken") }), ctx({}))).status).toBe(409);
    });
  });
});
