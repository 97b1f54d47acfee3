import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import * as one from "@/app/api/dashboards/[uid]/route";
import * as all from "@/app/api/dashboards/route";
import { parseDashboard } from "@/lib/dashboards/parse";
import { getDashboardRepository } from "@/lib/dashboards/repository";
import type { Dashboard } from "@/lib/dashboards/schema";
import { body, ctx, dashboardDoc, request, stopTestPostgres, testPostgres, useTempStore, type TempStore } from "../dashboards/helpers";

// PostgreSQL stopped in the middle of a run of saves: every save answers 200 (then it is stored) or
// a clear 503 (then it left nothing half-written); reads answer 503 while it is down; after the
// restart the same process (its pool reconnecting) serves everything that was acknowledged.

afterAll(stopTestPostgres);

let store: TempStore;
beforeEach(async () => {
  store = await useTempStore({ kind: "postgres" });
});
afterEach(async () => {
  await (await testPostgres()).start(); // a failed test must not leave the next one without a server
  await store.cleanup();
});

const put = (uid: string, title: string, version: number) => one.PUT(request("PUT", `/api/dashboards/${uid}`, { dashboard: dashboardDoc(uid, { title }), version }), ctx({ uid }));
const get = (uid: string) => one.GET(request("GET", `/api/dashboards/${uid}`), ctx({ uid }));

function dash(uid: string, title: string): Dashboard {
  const r = parseDashboard(dashboardDoc(uid, { title }));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.dashboard;
}

/** Saves `uid` again and again from `version` on until told to stop; records every answer. */
async function saveLoop(uid: string, from: number, until: () => boolean): Promise<{ acknowledged: Map<number, string>; statuses: number[]; errors: string[] }> {
  const acknowledged = new Map<number, string>();
  const statuses: number[] = [];
  const errors: string[] = [];
  let version = from;
  for (let i = 0; !until() || i < 3; i++) {
    const title = `${uid} save ${i}`;
    const res = await body(await put(uid, title, version));
    statuses.push(res.status);
    if (res.status === 200) {
      version = res.json.meta.version;
      acknowledged.set(version, title);
    } else errors.push(`${res.json.error?.code}: ${res.json.error?.message}`);
    if (res.status !== 200 && until()) break;
  }
  return { acknowledged, statuses, errors };
}

describe("PostgreSQL stopped mid-run", () => {
  it("answers 503 naming the store while down, writes nothing half, and keeps every acknowledged save after the restart", async () => {
    const server = await testPostgres();
    const uids = ["alpha", "beta", "gamma"];
    for (const uid of uids) expect((await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc(uid, { title: `${uid} v1` }) }), ctx({}))).status).toBe(201);

    // Three writers save continuously; PostgreSQL is killed (immediate shutdown: crash-like) while they run.
    let stopped = false;
    const loops = uids.map((uid) => saveLoop(uid, 1, () => stopped));
    const pg0 = new pg.Client({ connectionString: store.databaseUrl });
    await pg0.connect();
    for (;;) {
      // Wait (without a fixed sleep) until every writer has at least one acknowledged save.
      const { rows } = await pg0.query<{ n: number }>("SELECT count(*)::int AS n FROM dashboards WHERE version > 1");
      if (rows[0]!.n === uids.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await pg0.end();
    await server.stop("immediate");
    stopped = true;
    const results = await Promise.all(loops);

    for (const r of results) {
      expect(r.statuses.every((s) => s === 200 || s === 503)).toBe(true);
      expect(r.statuses).toContain(503);
      for (const e of r.errors) expect(e).toMatch(/^store_unavailable: the store is unavailable: cannot .+ \(PostgreSQL 127\.0\.0\.1:\d+\/\w+: .+\)/);
    }

    // While down: saves and reads through the API are 503 with the same code; the store names what failed.
    const save = await body(await put("alpha", "while down", 99));
    expect(save.status).toBe(503);
    expect(save.json.error.code).toBe("store_unavailable");
    const read = await body(await get("alpha"));
    expect(read).toMatchObject({ status: 503, json: { error: { code: "store_unavailable", message: expect.stringContaining("PostgreSQL 127.0.0.1") } } });
    expect((await all.GET(request("GET", "/api/dashboards"), ctx({}))).status).toBe(503);
    const repo = getDashboardRepository();
    await expect(repo.update("alpha", dash("alpha", "direct"), 1, { user: "t" })).rejects.toMatchObject({
      status: 503,
      message: expect.stringMatching(/^the store is unavailable: cannot save dashboard alpha \(PostgreSQL .+\); nothing was saved, try again$/),
    });
    await expect(repo.get("beta")).rejects.toMatchObject({ status: 503, message: expect.stringMatching(/^the store is unavailable: cannot read dashboard beta /) });
    expect(await repo.ping()).toMatchObject({ store: "postgres", ok: false, error: expect.stringContaining("PostgreSQL 127.0.0.1") });

    await server.start();

    // Same process, same pool: it reconnects. Every acknowledged save is there, at its version.
    expect(await repo.ping()).toMatchObject({ store: "postgres", ok: true });
    const check = new pg.Client({ connectionString: store.databaseUrl });
    await check.connect();
    try {
      for (const [i, uid] of uids.entries()) {
        const { acknowledged } = results[i]!;
        const versions = (await check.query<{ version: number; title: string }>("SELECT version, dashboard->>'title' AS title FROM dashboard_versions WHERE uid = $1 ORDER BY version", [uid])).rows;
        for (const [version, title] of acknowledged) expect(versions).toContainEqual({ version, title });
        // Nothing half-written: versions 1..n without gaps, and the current row is version n with n's content.
        expect(versions.map((v) => v.version)).toEqual(versions.map((_, k) => k + 1));
        const current = await body(await get(uid));
        expect(current.status).toBe(200);
        expect(current.json.meta.version).toBe(versions.length);
        expect(current.json.dashboard.title).toBe(versions.at(-1)!.title);
        expect(current.json.meta.version).toBeGreaterThanOrEqual(Math.max(...acknowledged.keys()));
      }
    } finally {
      await check.end();
    }
    // And saving works again.
    const v = (await body(await get("alpha"))).json.meta.version as number;
    expect((await put("alpha", "after restart", v)).status).toBe(200);
  }, 120_000);
});
