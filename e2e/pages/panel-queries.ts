import type { Page, Request, Response } from "@playwright/test";
import { PartReader } from "@/lib/promql/batch/framing";
import { BATCH_URL } from "@/lib/promql/batch/client";
import { batchRequestSchema } from "@/lib/promql/batch/schema";

// The PromQL queries a page sent, whether alone (POST /api/ds/<id>/api/v1/<endpoint>) or inside a
// batch (POST /api/queries, lib/promql/batch), and their answers: the request-counting specs count
// queries, not HTTP requests.

export interface SentQuery {
  datasource: string;
  endpoint: string;
  /** The form its single request carries (the batch holds the same fields). */
  form: URLSearchParams;
  /** Sent inside a POST /api/queries. */
  batched: boolean;
  /** The HTTP request that carried it. */
  request: Request;
  /** Its id in the batch. */
  id?: string;
}

const SINGLE = /\/api\/ds\/([^/]+)\/api\/v1\/(.+)$/;

/** The queries one request carried: one for a proxy request, each of a batch's, none for anything else. */
export function queriesOf(request: Request): SentQuery[] {
  const url = new URL(request.url());
  if (url.pathname === BATCH_URL && request.method() === "POST") {
    const body = batchRequestSchema.parse(JSON.parse(request.postData() ?? "{}"));
    return body.queries.map((q) => ({ datasource: q.datasource, endpoint: q.endpoint, form: new URLSearchParams(q.params), batched: true, request, id: q.id }));
  }
  const m = SINGLE.exec(url.pathname);
  if (!m) return [];
  const form = new URLSearchParams(request.method() === "GET" ? url.search : (request.postData() ?? ""));
  return [{ datasource: decodeURIComponent(m[1]!), endpoint: m[2]!, form, batched: false, request }];
}

/** Records the queries the page sends from now on (`endpoint` filters: "query_range", "query"). */
export function watchQueries(page: Page, endpoint?: string): { list: SentQuery[]; requests: Request[]; stop: () => void } {
  const list: SentQuery[] = [];
  const requests: Request[] = [];
  const listener = (req: Request) => {
    const qs = queriesOf(req).filter((q) => endpoint === undefined || q.endpoint === endpoint);
    if (qs.length > 0) requests.push(req);
    list.push(...qs);
  };
  page.on("request", listener);
  return { list, requests, stop: () => page.off("request", listener) };
}

export interface QueryAnswer {
  query: SentQuery;
  status: number;
  /** The answer's headers (a part's own for a batched query: content-type, x-orrery-format, ...). */
  headers: Record<string, string>;
  /** Content-Encoding of the HTTP response that carried it. */
  encoding: string | null;
  body: Buffer;
}

/** The answers one response carried, per query (a batch's parts split as the client splits them). */
export async function answersOf(res: Response): Promise<QueryAnswer[]> {
  const queries = queriesOf(res.request());
  if (queries.length === 0) return [];
  const body = await res.body();
  const encoding = res.headers()["content-encoding"] ?? null;
  if (!queries[0]!.batched) return [{ query: queries[0]!, status: res.status(), headers: res.headers(), encoding, body }];
  if (res.status() !== 200) return queries.map((query) => ({ query, status: res.status(), headers: res.headers(), encoding, body }));
  const reader = new PartReader();
  const parts = reader.push(new Uint8Array(body));
  reader.end();
  const byId = new Map(queries.map((q) => [q.id, q]));
  return parts.map((p) => ({ query: byId.get(p.header.id)!, status: p.header.status, headers: p.header.headers, encoding, body: Buffer.from(p.body) }));
}

/** Collects the answers of the queries the page sends from now on (await them with Promise.all). */
export function watchAnswers(page: Page, endpoint?: string): { answers: Promise<QueryAnswer[]>[]; stop: () => void } {
  const answers: Promise<QueryAnswer[]>[] = [];
  const listener = (res: Response) => {
    if (queriesOf(res.request()).length === 0) return;
    const answer = answersOf(res).then((all) => all.filter((a) => endpoint === undefined || a.query.endpoint === endpoint));
    answer.catch(() => undefined); // surfaces where the spec awaits it, not as an unhandled rejection
    answers.push(answer);
  };
  page.on("response", listener);
  return { answers, stop: () => page.off("response", listener) };
}
