import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as one from "@/app/api/dashboards/[uid]/route";
import * as all from "@/app/api/dashboards/route";
import { TEST_PRINCIPAL } from "../auth/test-principal";
import { body, ctx, dashboardDoc, request, STORE_KINDS, stopTestPostgres, useTempStore, type TempStore } from "./helpers";

afterAll(stopTestPostgres);

const create = (doc: Record<string, unknown>, message?: string) => all.POST(request("POST", "/api/dashboards", { dashboard: doc, message }), ctx({}));
const get = (uid: string) => one.GET(request("GET", `/api/dashboards/${uid}`), ctx({ uid }));
const put = (uid: string, doc: Record<string, unknown>, version: number) =>
  one.PUT(request("PUT", `/api/dashboards/${uid}`, { dashboard: doc, version }), ctx({ uid }));

describe.each(STORE_KINDS)("dashboards API: create, read, update, delete (%s store)", (kind) => {
  let store: TempStore;
  beforeEach(async () => {
    store = await useTempStore({ kind });
  });
  afterEach(() => store.cleanup());

  it("creates version 1 and reads it back with defaults filled", async () => {
    const created = await body(await create(dashboardDoc("abc"), "first"));
    expect(created.status).toBe(201);
    expect(created.json.meta).toMatchObject({ uid: "abc", version: 1, updatedBy: TEST_PRINCIPAL, message: "first", provisioned: false });
    const read = await body(await get("abc"));
    expect(read.status).toBe(200);
    expect(read.json.dashboard).toMatchObject({ uid: "abc", title: "Dashboard abc", refresh: "", time: { from: "now-6h", to: "now" } });
    expect(read.json.meta.version).toBe(1);
    expect((await store.inspect.current("abc"))?.meta.version).toBe(1);
  });

  it("answers a save with exactly what a later read returns, byte for byte", async () => {
    const created = await (await create(dashboardDoc("abc"))).text();
    expect(await (await get("abc")).text()).toBe(created);
    const saved = await (await put("abc", dashboardDoc("abc", { title: "two" }), 1)).text();
    expect(await (await get("abc")).text()).toBe(saved);
  });

  it("refuses a second create of the same uid with 409", async () => {
    await create(dashboardDoc("abc"));
    const again = await body(await create(dashboardDoc("abc")));
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "already_exists", message: "dashboard abc already exists; choose another uid" });
  });

  it("saves an update of the current version as version + 1", async () => {
    await create(dashboardDoc("abc"));
    const saved = await body(await put("abc", dashboardDoc("abc", { title: "Renamed" }), 1));
    expect(saved.status).toBe(200);
    expect(saved.json.meta).toMatchObject({ version: 2, updatedBy: TEST_PRINCIPAL });
    expect((await body(await get("abc"))).json.dashboard.title).toBe("Renamed");
  });

  it("refuses a stale update with 409 naming who saved the newer version, leaving the stored data byte for byte", async () => {
    await create(dashboardDoc("abc"));
    for (let v = 1; v <= 3; v++) await put("abc", dashboardDoc("abc", { title: `v${v + 1}` }), v);
    const before = await store.inspect.snapshot();
    const stale = await body(await put("abc", dashboardDoc("abc", { title: "lost edit" }), 3));
    expect(stale.status).toBe(409);
    const meta = (await store.inspect.current("abc"))!.meta;
    expect(stale.json.error).toEqual({
      code: "conflict",
      message: `dashboard abc was saved by ${TEST_PRINCIPAL} at ${meta.updatedAt} (version 4); you edited version 3`,
      current: { version: 4, updatedAt: meta.updatedAt, updatedBy: TEST_PRINCIPAL },
    });
    expect(await store.inspect.snapshot()).toBe(before);
    expect(await store.inspect.versions("abc")).toEqual([1, 2, 3, 4]);
  });

  it("gives exactly one success and one 409 to two concurrent saves of the same version", async () => {
    await create(dashboardDoc("abc"));
    const results = await Promise.all([put("abc", dashboardDoc("abc", { title: "A" }), 1), put("abc", dashboardDoc("abc", { title: "B" }), 1)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = (await body(results.find((r) => r.status === 200)!)).json.dashboard.title;
    expect((await body(await get("abc"))).json).toMatchObject({ dashboard: { title: winner }, meta: { version: 2 } });
  });

  it("gives exactly one 201 to ten concurrent creates of one uid", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(dashboardDoc("race", { title: `T${i}` }))));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });

  it("refuses an invalid dashboard with 400 naming the field path", async () => {
    const doc = dashboardDoc("abc", { panels: [{ id: 1, type: "timeseries", gridPos: { x: 20, y: 0, w: 6, h: 8 } }] });
    const res = await body(await create(doc));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("bad_request");
    expect(res.json.error.issues).toContainEqual({ path: "dashboard.panels[0].gridPos.w", message: "x + w must be at most 24" });
    expect(res.json.error.message).toContain("dashboard.panels[0].gridPos.w");
    expect(await store.inspect.uids()).toEqual([]);
  });

  it("refuses a body that does not match the request shape with the failing path", async () => {
    await create(dashboardDoc("abc"));
    const res = await body(await one.PUT(request("PUT", "/api/dashboards/abc", { dashboard: dashboardDoc("abc"), version: "1" }), ctx({ uid: "abc" })));
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "version", message: expect.any(String) }]);
  });

  it("refuses a body uid that differs from the path uid", async () => {
    await create(dashboardDoc("abc"));
    const res = await body(await put("abc", dashboardDoc("other"), 1));
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: "dashboard.uid", message: 'must be "abc"' }]);
  });

  it("answers 404 for an unknown dashboard, on read, update and delete", async () => {
    expect((await body(await get("nope"))).json.error).toEqual({ code: "not_found", message: "dashboard nope does not exist" });
    expect((await put("nope", dashboardDoc("nope"), 1)).status).toBe(404);
    expect((await one.DELETE(request("DELETE", "/api/dashboards/nope"), ctx({ uid: "nope" }))).status).toBe(404);
  });

  it("deletes by moving the dashboard to the trash; the uid can then be created anew", async () => {
    await create(dashboardDoc("abc"));
    const res = await body(await one.DELETE(request("DELETE", "/api/dashboards/abc"), ctx({ uid: "abc" })));
    expect(res).toEqual({ status: 200, json: { uid: "abc", deleted: true } });
    expect((await get("abc")).status).toBe(404);
    const trashed = await store.inspect.trashed();
    expect(trashed).toHaveLength(1);
    expect(trashed[0]).toMatch(/^abc\./);
    expect((await create(dashboardDoc("abc"))).status).toBe(201);
  });

  it("lists dashboards with search by title and tag", async () => {
    await create(dashboardDoc("a1", { title: "Kubernetes nodes", tags: ["k8s", "infra"] }));
    await create(dashboardDoc("a2", { title: "Knative serving", tags: ["k8s"] }));
    await create(dashboardDoc("a3", { title: "Billing", tags: [] }));
    const list = async (qs: string) => (await body(await all.GET(request("GET", `/api/dashboards${qs}`), ctx({})))).json.dashboards;
    expect((await list("")).map((d: { uid: string }) => d.uid)).toEqual(["a3", "a2", "a1"]);
    expect(await list("?query=NODES")).toEqual([
      { uid: "a1", title: "Kubernetes nodes", tags: ["k8s", "infra"], version: 1, updatedAt: expect.any(String), provisioned: false },
    ]);
    expect((await list("?tag=k8s")).map((d: { uid: string }) => d.uid)).toEqual(["a2", "a1"]);
    expect((await list("?tag=k8s&tag=infra")).map((d: { uid: string }) => d.uid)).toEqual(["a1"]);
    expect(await list("?query=zzz")).toEqual([]);
  });
});
