import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as exportRoute from "@/app/api/dashboards/[uid]/export/route";
import * as importRoute from "@/app/api/dashboards/import/route";
import * as all from "@/app/api/dashboards/route";
import { resetConfig } from "@/lib/config";
import { MAX_IMPORT_BYTES } from "@/lib/dashboards/import/http";
import { dashboardSchema } from "@/lib/dashboards/schema";
import { authHeader, body, ctx, dashboardDoc, request, tree, useTempStore, withoutAuthState, type TempStore } from "./helpers";

// POST /api/dashboards/import and GET /api/dashboards/<uid>/export against a real file store, with
// the real importer: bodies as JSON and as multipart uploads, the limits, and nothing saved on errors.

const FIXTURES = path.join(__dirname, "../fixtures/grafana");
const fixture = (name: string) => readFile(path.join(FIXTURES, `${name}.json`), "utf8");

let store: TempStore;
beforeEach(async () => {
  store = await useTempStore();
  const config = path.join(store.root, "orrery.config.json");
  await writeFile(
    config,
    JSON.stringify({
      datasources: [
        { id: "global", name: "Global", type: "prometheus", url: "http://127.0.0.1:9", default: true },
        { id: "east", name: "East", type: "prometheus", url: "http://127.0.0.1:9" },
      ],
    }),
  );
  vi.stubEnv("ORRERY_CONFIG", config);
  resetConfig();
});
afterEach(async () => {
  await store.cleanup();
  resetConfig();
});

const postJson = (payload: unknown) => importRoute.POST(request("POST", "/api/dashboards/import", payload), ctx({}));

function multipart(fields: Record<string, string | Blob>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  // The Request sets the multipart Content-Type with its boundary itself.
  return new Request("http://localhost/api/dashboards/import", { method: "POST", headers: authHeader(), body: form });
}
const postForm = (fields: Record<string, string | Blob>) => importRoute.POST(multipart(fields), ctx({}));

/** The value at a report path such as `rows[0].panels[2].fieldConfig.defaults.unit` (undefined when absent). */
function resolvePath(doc: unknown, p: string): unknown {
  let at: unknown = doc;
  for (const part of p.match(/[^.[\]]+/g) ?? []) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** What the store holds besides the test's own auth state: nothing means nothing was saved. */
const saved = async () => withoutAuthState(await tree(store.dataDir).catch(() => []));

describe("POST /api/dashboards/import", () => {
  it("converts a Grafana dashboard sent as JSON and saves nothing", async () => {
    const grafana = JSON.parse(await fixture("thanos-overview"));
    const res = await body(await postJson({ dashboard: grafana }));
    expect(res.status).toBe(200);
    expect(res.json.format).toBe("grafana");
    // A valid Orrery dashboard, with the Grafana title, a report list and the datasource references.
    expect(dashboardSchema.safeParse(res.json.dashboard).success).toBe(true);
    expect(res.json.dashboard.title).toBe(grafana.title);
    // The legacy layout: each of the fixture's rows[] becomes a row panel holding its panels.
    const rows = res.json.dashboard.panels.filter((p: { type: string }) => p.type === "row");
    expect(rows.map((r: { title: string }) => r.title)).toEqual(grafana.rows.map((r: { title: string }) => r.title));
    expect(res.json.dashboard.templating.list.map((v: { name: string }) => v.name)).toEqual(grafana.templating.list.map((v: { name: string }) => v.name));
    // The report points into the Grafana document.
    expect(res.json.report.length).toBeGreaterThan(0);
    for (const entry of res.json.report) expect(resolvePath(grafana, entry.path), entry.path).not.toBeUndefined();
    expect(Array.isArray(res.json.datasourceRefs)).toBe(true);
    expect(await saved()).toEqual([]);
  });

  it("gives the same answer for the same file uploaded as multipart/form-data", async () => {
    const text = await fixture("kube-prometheus-k8s-resources-cluster");
    const viaJson = await body(await postJson({ dashboard: JSON.parse(text) }));
    const viaFile = await body(await postForm({ file: new File([text], "k8s-resources-cluster.json", { type: "application/json" }) }));
    expect(viaFile.status).toBe(200);
    expect(viaFile.json).toEqual(viaJson.json);
    expect(await saved()).toEqual([]);
  });

  it("accepts a datasourceMap naming configured datasources, and refuses one naming an unknown datasource", async () => {
    const text = await fixture("kube-prometheus-k8s-resources-cluster");
    const ok = await postForm({ file: new Blob([text]), datasourceMap: JSON.stringify({ default: "east" }) });
    expect(ok.status).toBe(200);
    const bad = await body(await postJson({ dashboard: JSON.parse(text), datasourceMap: { default: "nowhere" } }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('"nowhere", which is not a configured datasource');
    expect(bad.json.error.issues).toEqual([{ path: "datasourceMap.default", message: "must be one of global, east" }]);
  });

  it("refuses a 20 MB file with 413 naming the 10 MB limit, as an upload, as a JSON body, and streamed without a length", async () => {
    const padding = "x".repeat(20 * 1024 * 1024);
    const big = `{"title":"big","panels":[],"description":"${padding}"}`;
    const upload = await body(await postForm({ file: new Blob([big]) }));
    expect(upload.status).toBe(413);
    expect(upload.json.error).toMatchObject({ code: "payload_too_large" });
    expect(upload.json.error.message).toContain("larger than 10 MB");
    const json = await body(await postJson({ dashboard: JSON.parse(big) }));
    expect(json.status).toBe(413);
    // No Content-Length: the cap applies while reading, so the rest of the stream is never buffered.
    let pulled = 0;
    const chunk = new TextEncoder().encode(padding.slice(0, 1024 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled += chunk.byteLength;
        if (pulled > 20 * chunk.byteLength) c.close();
        else c.enqueue(chunk);
      },
    });
    const streamed = await importRoute.POST(
      new Request("http://localhost/api/dashboards/import", { method: "POST", headers: { ...authHeader(), "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
      ctx({}),
    );
    expect(streamed.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_IMPORT_BYTES + 3 * chunk.byteLength);
    expect(await saved()).toEqual([]);
  });

  it("refuses deeply nested JSON (a 100,000-level bomb) with 400 before parsing it", async () => {
    const bomb = `{"title":"bomb","panels":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const upload = await body(await postForm({ file: new Blob([bomb]) }));
    expect(upload.status).toBe(400);
    expect(upload.json.error).toMatchObject({ code: "too_deep", line: 1, column: 225 });
    expect(upload.json.error.message).toContain("nesting deeper than 200");
    const raw = await body(await importRoute.POST(request("POST", "/api/dashboards/import", `{"dashboard":${bomb}}`), ctx({})));
    expect(raw.status).toBe(400);
    expect(raw.json.error.message).toContain("nesting deeper than 200");
    expect(await saved()).toEqual([]);
  });

  it("refuses text that is not JSON with 400 naming the line and column", async () => {
    const text = '{\n  "title": "broken",\n  "panels": [\n    {"type": "graph",}\n  ]\n}';
    const res = await body(await postForm({ file: new File([text], "broken.json") }));
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "invalid_json", line: 4, column: 22 });
    expect(res.json.error.message).toBe('the file "broken.json" is not valid JSON: expected a double-quoted property name but found "}" at line 4, column 22 (offset 58)');
    const raw = await body(await importRoute.POST(request("POST", "/api/dashboards/import", '{"dashboard": {"title": }'), ctx({})));
    expect(raw.status).toBe(400);
    expect(raw.json.error).toMatchObject({ code: "invalid_json", line: 1, column: 25 });
    const binary = await body(await postForm({ file: new Blob([new Uint8Array([0xff, 0xfe, 0x00, 0x7b])]) }));
    expect(binary.status).toBe(400);
    expect(binary.json.error.message).toContain("not valid UTF-8");
    expect(await saved()).toEqual([]);
  });

  it.each([
    ["an array", "[1, 2, 3]"],
    ["a string", '"dashboard"'],
    ["null", "null"],
  ])("refuses JSON that is not a dashboard (%s) with 400 not_a_dashboard", async (_label, text) => {
    const res = await body(await postForm({ file: new Blob([text]) }));
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("not_a_dashboard");
    expect(res.json.error.message).toMatch(/^not a Grafana dashboard: /);
    expect(await saved()).toEqual([]);
  });

  it("refuses malformed requests: no file field, both or neither source, other content types", async () => {
    const noFile = await body(await postForm({ datasourceMap: "{}" }));
    expect(noFile.status).toBe(400);
    expect(noFile.json.error.message).toContain('no "file" field');
    const both = await body(await postJson({ dashboard: {}, provisionedFile: "x.json" }));
    expect(both.status).toBe(400);
    expect(both.json.error.message).toContain('exactly one of "dashboard"');
    const neither = await body(await postJson({ save: false }));
    expect(neither.status).toBe(400);
    const unknownField = await body(await postJson({ dashboard: {}, overwrite: true }));
    expect(unknownField.status).toBe(400);
    const text = await body(await importRoute.POST(request("POST", "/api/dashboards/import", "{}", { "content-type": "text/plain" }), ctx({})));
    expect(text.status).toBe(415);
    const badMap = await body(await postForm({ file: new Blob(["{}"]), datasourceMap: "{not json" }));
    expect(badMap.status).toBe(400);
    expect(badMap.json.error.message).toContain('the "datasourceMap" field is not valid JSON');
    expect(await saved()).toEqual([]);
  });

  it("takes Orrery's own JSON as is (empty report), and still validates it", async () => {
    const ok = await body(await postJson({ dashboard: dashboardDoc("orrery-own") }));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ format: "orrery", report: [], datasourceRefs: [], dashboard: { uid: "orrery-own", title: "Dashboard orrery-own" } });
    const bad = await body(await postJson({ dashboard: dashboardDoc("orrery-bad", { panels: [{ id: 1, type: "nope" }] }) }));
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toMatch(/^dashboard\.panels\[0\]/);
  });

  it("with save: true creates the dashboard (201), and a second import of the same uid is 409 leaving the first untouched", async () => {
    const grafana = JSON.parse(await fixture("kube-prometheus-k8s-resources-cluster"));
    const first = await body(await postJson({ dashboard: grafana, save: true }));
    expect(first.status).toBe(201);
    expect(first.json.meta).toMatchObject({ version: 1, message: "imported" });
    const uid = first.json.dashboard.uid as string;
    expect(first.json.report).toBeDefined();
    const current = path.join(store.dataDir, uid, "current.json");
    const before = await readFile(current);
    const again = await body(await postJson({ dashboard: grafana, save: true }));
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "already_exists", message: `dashboard ${uid} already exists; choose another uid` });
    expect((await readFile(current)).equals(before)).toBe(true);
    expect((await saved()).filter((e) => !e.includes(path.sep) && !e.startsWith("."))).toEqual([uid]);
  });

  it("lists the provisioned folder's JSON files and imports one by name; names outside it are refused", async () => {
    await writeFile(path.join(store.provisionedDir, "thanos.json"), await fixture("thanos-overview"));
    await writeFile(path.join(store.provisionedDir, "own.json"), JSON.stringify(dashboardDoc("own", { title: "Own" })));
    await writeFile(path.join(store.provisionedDir, "junk.json"), "{nope");
    await writeFile(path.join(store.provisionedDir, "notes.txt"), "not listed");
    const list = await body(await importRoute.GET(request("GET", "/api/dashboards/import"), ctx({})));
    expect(list.status).toBe(200);
    expect(list.json.files.map((f: { file: string; kind: string; title?: string }) => [f.file, f.kind, f.title])).toEqual([
      ["junk.json", "unreadable", undefined],
      ["own.json", "orrery", "Own"],
      ["thanos.json", "grafana", "Thanos / Overview"],
    ]);
    const res = await body(await postJson({ provisionedFile: "thanos.json" }));
    expect(res.status).toBe(200);
    expect(res.json.dashboard.title).toBe("Thanos / Overview");
    const junk = await body(await postJson({ provisionedFile: "junk.json" }));
    expect(junk.status).toBe(400);
    expect(junk.json.error.message).toMatch(/^provisioned file junk\.json is not valid JSON: .* at line 1, column 2/);
    for (const name of ["../data/x.json", "/etc/passwd.json", "sub/x.json", ".hidden.json"]) {
      expect((await postJson({ provisionedFile: name })).status, name).toBe(400);
    }
    expect((await postJson({ provisionedFile: "missing.json" })).status).toBe(404);
    expect(await saved()).toEqual([]);
  });
});

describe("GET /api/dashboards/<uid>/export", () => {
  const exportOf = (uid: string, format?: string) =>
    exportRoute.GET(request("GET", `/api/dashboards/${uid}/export${format === undefined ? "" : `?format=${format}`}`), ctx({ uid }));

  it("downloads Grafana JSON (the default) and Orrery JSON as attachments named from the title", async () => {
    await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("exp", { title: "Export me, HTTP & more" }) }), ctx({}));
    const grafana = await exportOf("exp", "grafana");
    expect(grafana.status).toBe(200);
    expect(grafana.headers.get("content-disposition")).toBe('attachment; filename="export-me-http-and-more.grafana.json"');
    expect(grafana.headers.get("content-type")).toMatch(/^application\/json/);
    const g = await grafana.json();
    expect(g).toMatchObject({ uid: "exp", title: "Export me, HTTP & more" });
    expect(g.schemaVersion).toBeGreaterThanOrEqual(39);
    expect((await exportOf("exp")).headers.get("content-disposition")).toContain(".grafana.json");
    const orrery = await exportOf("exp", "orrery");
    expect(orrery.headers.get("content-disposition")).toBe('attachment; filename="export-me-http-and-more.orrery.json"');
    expect(dashboardSchema.parse(await orrery.json())).toMatchObject({ uid: "exp", schemaVersion: 1 });
  });

  it("refuses an unknown format (400) and an unknown dashboard (404)", async () => {
    await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("exp") }), ctx({}));
    const bad = await body(await exportOf("exp", "yaml"));
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('unknown export format "yaml"; use format=grafana or format=orrery');
    expect((await exportOf("missing", "grafana")).status).toBe(404);
  });
});
