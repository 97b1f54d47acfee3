import type { SoloPanelResponse } from "@/lib/embed/solo-schema";

// The embed page's check of GET /api/d-solo/<uid>/panels/<id>/query, instead of parsing it with
// soloPanelResponseSchema: Turbopack ships zod's whole core with any zod/mini schema (85 KB, 23 KiB
// gzip, measured in `npm run bench -- --only=page`), a tenth of /d-solo's 340 KB budget. The server
// builds the answer from that schema's type; here the envelope is checked strictly and the samples
// cheaply (STYLE §3, large matrices), and solo-response.test.ts holds both checks to the same verdicts.

export class SoloResponseError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const isNum = (v: unknown): v is number => typeof v === "number";
const isPair = (v: unknown) => Array.isArray(v) && v.length === 2 && isNum(v[0]) && isStr(v[1]);
const isLabels = (v: unknown) => isObj(v) && Object.values(v).every(isStr);

function fail(path: string): never {
  throw new SoloResponseError(`The panel's answer is not in the expected shape (at ${path || "the top"}).`);
}

// lib/promql/frames/schema.ts FRAMES_ENCODING (that module builds zod schemas; solo-response.test.ts checks they agree).
const FRAME_ENCODING = "frames/v1";
const isCount = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** A frame (the server's M4 for the page's chart): the fields decodeFrame reads; values are read defensively there. */
function checkFrame(d: Obj, path: string): void {
  if (d.encoding !== FRAME_ENCODING || d.resultType !== "matrix") fail(`${path}.encoding`);
  if (!isNum(d.startMs) || !isNum(d.stepMs) || !(d.stepMs > 0) || !isCount(d.count)) fail(path);
  if (d.width !== undefined && !(isCount(d.width) && (d.width as number) > 0)) fail(`${path}.width`);
  if ((d.fromMs !== undefined && !isNum(d.fromMs)) || (d.toMs !== undefined && !isNum(d.toMs))) fail(path);
  if (!Array.isArray(d.series)) fail(`${path}.series`);
  d.series.forEach((s: unknown, i: number) => {
    if (!isObj(s) || !isLabels(s.labels) || !Array.isArray(s.values)) fail(`${path}.series[${i}]`);
    if (s.idx !== undefined && !Array.isArray(s.idx)) fail(`${path}.series[${i}].idx`);
  });
}

function checkData(d: unknown, path: string): void {
  if (isObj(d) && d.encoding !== undefined) return checkFrame(d, path);
  if (!isObj(d) || (!Array.isArray(d.result) && (d.resultType === "matrix" || d.resultType === "vector"))) fail(path);
  const r = d.result;
  switch (d.resultType) {
    case "matrix":
      (r as unknown[]).forEach((s, i) => {
        if (!isObj(s) || !isLabels(s.metric)) fail(`${path}.result[${i}]`);
        // Samples: the first and last pair of each series (the cheap part of the check).
        if (s.values !== undefined && (!Array.isArray(s.values) || (s.values.length > 0 && (!isPair(s.values[0]) || !isPair(s.values.at(-1)))))) fail(`${path}.result[${i}].values`);
        if (s.histograms !== undefined && !Array.isArray(s.histograms)) fail(`${path}.result[${i}].histograms`);
      });
      return;
    case "vector":
      (r as unknown[]).forEach((s, i) => {
        if (!isObj(s) || !isLabels(s.metric) || (s.value !== undefined && !isPair(s.value))) fail(`${path}.result[${i}]`);
      });
      return;
    case "scalar":
    case "string":
      if (!isPair(r)) fail(`${path}.result`);
      return;
    default:
      fail(`${path}.resultType`);
  }
}

/** The answer as a SoloPanelResponse, or a SoloResponseError naming the first path that is wrong. */
export function readSoloResponse(body: unknown): SoloPanelResponse {
  if (!isObj(body)) fail("");
  const { dashboard: d, panel: p, range, variables, targets } = body;
  if (!isObj(d) || !isStr(d.uid) || !isStr(d.title) || !isNum(d.version)) fail("dashboard");
  if (!isObj(p) || !isNum(p.id) || !isStr(p.type) || !isStr(p.title)) fail("panel");
  if (!isStr(body.title)) fail("title");
  if (!isStr(body.timezone)) fail("timezone");
  if (!isObj(range) || !isNum(range.startMs) || !isNum(range.endMs)) fail("range");
  if (!isObj(variables) || !Object.values(variables).every((v) => Array.isArray(v) && v.every(isStr))) fail("variables");
  if (body.error !== undefined && !isStr(body.error)) fail("error");
  if (body.m4 !== undefined && typeof body.m4 !== "boolean") fail("m4");
  if (!Array.isArray(targets)) fail("targets");
  targets.forEach((t, i) => {
    const path = `targets[${i}]`;
    if (!isObj(t) || !isStr(t.refId)) fail(path);
    if (isStr(t.error)) return;
    if (!isStr(t.legendFormat) || typeof t.instant !== "boolean" || !isNum(t.stepS) || !Array.isArray(t.warnings) || !t.warnings.every(isStr)) fail(path);
    checkData(t.data, `${path}.data`);
  });
  return body as unknown as SoloPanelResponse;
}
