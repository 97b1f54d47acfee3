import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as restore from "@/app/api/dashboards/[uid]/restore/route";
import * as one from "@/app/api/dashboards/[uid]/route";
import * as version from "@/app/api/dashboards/[uid]/versions/[version]/route";
import * as versions from "@/app/api/dashboards/[uid]/versions/route";
import * as all from "@/app/api/dashboards/route";
import { TEST_PRINCIPAL } from "../auth/test-principal";
import { body, ctx, dashboardDoc, request, STORE_KINDS, stopTestPostgres, useTempStore, type TempStore } from "./helpers";

afterAll(stopTestPostgres);

/** Creates `uid` and saves it until it is at version `count`, titled "v<n>" at version n. */
async function saveVersions(uid: string, count: number): Promise<void> {
  await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc(uid, { title: "v1" }), message: "created" }), ctx({}));
  for (let v = 1; v < count; v++) {
    const res = await one.PUT(request("PUT", `/api/dashboards/${uid}`, { dashboard: dashboardDoc(uid, { title: `v${v + 1}` }), version: v, message: `edit ${v + 1}` }), ctx({ uid }));
    expect(res.status).toBe(200);
  }
}

const listVersions = async (uid: string) => body(await versions.GET(request("GET", `/api/dashboards/${uid}/versions`), ctx({ uid })));
const getVersion = async (uid: string, n: string) => body(await version.GET(request("GET", `/api/dashboards/${uid}/versions/${n}`), ctx({ uid, version: n })));
const postRestore = async (uid: string, payload: unknown) => body(await restore.POST(request("POST", `/api/dashboards/${uid}/restore`, payload), ctx({ uid })));

describe.each(STORE_KINDS)("dashboards API: versions and restore (%s store)", (kind) => {
  let store: TempStore | undefined;
  afterEach(() => store?.cleanup());

  it("lists versions newest first and reads any kept version", async () => {
    store = await useTempStore({ kind });
    await saveVersions("abc", 3);
    const list = await listVersions("abc");
    expect(list.status).toBe(200);
    expect(list.json.versions).toEqual([
      { version: 3, updatedAt: expect.any(String), updatedBy: TEST_PRINCIPAL, message: "edit 3" },
      { version: 2, updatedAt: expect.any(String), updatedBy: TEST_PRINCIPAL, message: "edit 2" },
      { version: 1, updatedAt: expect.any(String), updatedBy: TEST_PRINCIPAL, message: "created" },
    ]);
    const v2 = await getVersion("abc", "2");
    expect(v2.json).toMatchObject({ dashboard: { title: "v2" }, meta: { version: 2, message: "edit 2" } });
    expect((await getVersion("abc", "4")).status).toBe(404);
    expect((await getVersion("abc", "0")).status).toBe(400);
    expect((await getVersion("abc", "1e3")).json.error.issues).toEqual([{ path: "version", message: "must be a positive integer" }]);
  });

  it("restores an old version as a new version", async () => {
    store = await useTempStore({ kind });
    await saveVersions("abc", 3);
    const restored = await postRestore("abc", { version: 1 });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ dashboard: { title: "v1" }, meta: { version: 4, message: "restored version 1" } });
    const text = await (await one.GET(request("GET", "/api/dashboards/abc"), ctx({ uid: "abc" }))).text();
    expect(text).toBe(JSON.stringify(restored.json)); // the restore's answer is what a later read returns, byte for byte
    const current = { json: JSON.parse(text) };
    expect(current.json).toMatchObject({ dashboard: { title: "v1" }, meta: { version: 4, createdAt: restored.json.meta.createdAt } });
    expect((await listVersions("abc")).json.versions.map((v: { version: number }) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it("refuses a restore based on a stale version with 409, and of a missing version with 404", async () => {
    store = await useTempStore({ kind });
    await saveVersions("abc", 3);
    const stale = await postRestore("abc", { version: 1, fromVersion: 2 });
    expect(stale.status).toBe(409);
    expect(stale.json.error.current).toMatchObject({ version: 3, updatedBy: TEST_PRINCIPAL });
    expect((await postRestore("abc", { version: 1, fromVersion: 3 })).status).toBe(200);
    expect((await postRestore("abc", { version: 9 })).json.error).toEqual({ code: "not_found", message: "dashboard abc has no version 9 (the history keeps the last 50)" });
    expect((await postRestore("abc", { versio: 1 })).status).toBe(400);
  });

  it("prunes the history to the last N versions", async () => {
    store = await useTempStore({ versions: 3, kind });
    await saveVersions("abc", 7);
    expect((await listVersions("abc")).json.versions.map((v: { version: number }) => v.version)).toEqual([7, 6, 5]);
    expect(await store.inspect.versions("abc")).toEqual([5, 6, 7]);
    expect((await getVersion("abc", "4")).json.error).toEqual({ code: "not_found", message: "dashboard abc has no version 4 (the history keeps the last 3)" });
    expect((await getVersion("abc", "5")).json.dashboard.title).toBe("v5");
  });
});
