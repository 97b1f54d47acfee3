import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RecordedRequest, type Reply, startRecordingUpstream, type RecordingUpstream } from "../recording-upstream";
import { useQueryConfig } from "./helpers";

// Shared set-up of the frames-through-the-proxy tests (frames-proxy, frames-binary-proxy): a recording
// upstream answering query_range with two series on the asked grid, datasource "prom" pointed at it.

export interface FramesMatrix {
  /** Series b's value at grid point i (series b is absent for 10 of every 50 points). */
  bValue: (i: number) => string;
  /** Warnings in the upstream's envelope. */
  warnings?: string[];
}

/** Series a: a wave with a spike every 97 points; series b: as `m.bValue` says, absent for a while. */
export function matrixBody(p: URLSearchParams, m: FramesMatrix): string {
  const start = Number(p.get("start"));
  const end = Number(p.get("end"));
  const step = Number(p.get("step"));
  const a: [number, string][] = [];
  const b: [number, string][] = [];
  for (let t = start, i = 0; t <= end; t += step, i++) {
    a.push([t, String(Math.round(1000 * Math.sin(t / 600)) / 10 + (i % 97 === 0 ? 500 : 0))]);
    if (i % 50 < 40) b.push([t, m.bValue(i)]);
  }
  const result = [
    { metric: { s: "a" }, values: a },
    { metric: { s: "b" }, values: b },
  ];
  return JSON.stringify({ status: "success", ...(m.warnings ? { warnings: m.warnings } : {}), data: { resultType: "matrix", result } });
}

export const paramsOf = (r: RecordedRequest) => (r.method === "POST" ? new URLSearchParams(r.body) : new URL(r.url, "http://x").searchParams);

// Inside one UTC day, so the layer sends one upstream request (it splits ranges at day boundaries).
export const T = 1_700_000_000 - (1_700_000_000 % 86_400) + 3600;
/** A query_range form/query string: `up` over six hours at 15 s, plus `extra`. */
export const q = (extra = "", start = T, end = T + 6 * 3600, step = 15) => `query=up&start=${start}&end=${end}&step=${step}${extra}`;

export interface FramesUpstream {
  /** The recording upstream (started in beforeAll). */
  readonly up: RecordingUpstream;
  /** The upstream's default reply: the matrix for the asked grid. */
  readonly rangeReply: Reply;
  /** The body the upstream sent for a recorded request. */
  bodyFor(req: RecordedRequest): string;
}

/** Starts the upstream for the file, and before each test clears its log, restores its reply and the config. */
export function setUpFramesUpstream(m: FramesMatrix): FramesUpstream {
  let up: RecordingUpstream | undefined;
  const bodyFor = (req: RecordedRequest) => matrixBody(paramsOf(req), m);
  const rangeReply: Reply = (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(bodyFor(req));
  };
  beforeAll(async () => {
    up = await startRecordingUpstream(rangeReply);
  });
  afterAll(() => up?.close());
  beforeEach(() => {
    up!.requests.length = 0;
    up!.setReply(rangeReply);
    useQueryConfig([{ id: "prom", type: "prometheus", url: up!.url }]);
  });
  return {
    get up() {
      if (!up) throw new Error("frames upstream not started (use it inside a test)");
      return up;
    },
    rangeReply,
    bodyFor,
  };
}
