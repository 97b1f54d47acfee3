import { expect, test } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "./auth";

// Signed in as admin (storageState); API mutations carry the Origin a browser would send (CSRF check).
test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

// The dashboards API through the real server, Next's URL decoding and body handling included.
// Writes go to the server's data folder (a fresh one per run, see playwright.config.ts): one uid per run, deleted at the end.
const uid = `e2e-${Date.now().toString(36)}`;
const doc = (title: string) => ({ schemaVersion: 1, uid, title, panels: [] });

test.describe("dashboards API over HTTP", () => {
  test("refuses encoded traversal uids with a JSON 400", async ({ request }) => {
    for (const raw of ["..%2F..%2Fetc", "..%2f..%2fetc%2fpasswd", "a%5cb", "..%252F"]) {
      const res = await request.get(`/api/dashboards/${raw}`);
      expect(res.status(), raw).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe("uid");
    }
  });

  test("create, stale save, delete", async ({ request }) => {
    const created = await request.post("/api/dashboards", { data: { dashboard: doc("E2E") } });
    expect(created.status()).toBe(201);
    expect((await request.put(`/api/dashboards/${uid}`, { data: { dashboard: doc("E2E 2"), version: 1 } })).status()).toBe(200);
    const stale = await request.put(`/api/dashboards/${uid}`, { data: { dashboard: doc("lost"), version: 1 } });
    expect(stale.status()).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "conflict", current: { version: 2, updatedBy: "admin" } });
    expect((await (await request.get(`/api/dashboards/${uid}`)).json()).dashboard.title).toBe("E2E 2");
    expect((await request.delete(`/api/dashboards/${uid}`)).status()).toBe(200);
    expect((await request.get(`/api/dashboards/${uid}`)).status()).toBe(404);
  });

  test("refuses form posts with 415 and keeps provisioned dashboards read-only", async ({ request }) => {
    const form = await request.post("/api/dashboards", { headers: { "content-type": "text/plain" }, data: '{"dashboard":{}}' });
    expect(form.status()).toBe(415);
    const put = await request.put("/api/dashboards/orrery-example", { data: { dashboard: { schemaVersion: 1, uid: "orrery-example", title: "x" }, version: 1 } });
    expect(put.status()).toBe(403);
    const list = await (await request.get("/api/dashboards?tag=example")).json();
    expect(list.dashboards).toContainEqual(expect.objectContaining({ uid: "orrery-example", provisioned: true }));
  });

  test("serves the dashboard JSON Schema", async ({ request }) => {
    const res = await request.get("/api/dashboards/schema");
    expect(res.status()).toBe(200);
    expect((await res.json()).required).toEqual(["schemaVersion", "uid", "title"]);
  });
});
