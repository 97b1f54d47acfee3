// A dashboard's panel queries started by its HTML (issue 7 B5), before any of the page's JavaScript
// has loaded: the server plans the queries the page will make (lib/dashboards/early-queries.ts) and an
// inline script sends them as one POST /api/queries while the scripts download and hydrate. The page's
// own calls then take their answers from that batch instead of sending them again, matched by what
// they ask (datasource, endpoint, form), never by position: a query the server did not foresee (the
// window was resized, a variable resolved differently) simply goes to the network as before, and an
// early answer nobody asks for is dropped. Where the dashboard's variables need the upstream, the server
// resolved them for the plan and the script carries their answers too (`variables`): the page's own
// variable requests (lib/promql/api.ts fetchPrometheusJson) take them by the same exact identity.
import { readBatchAnswer } from "./answer";
import type { BatchQuery } from "./schema";

/** Where the inline script leaves its batch on `window`. */
export const EARLY_BATCH_GLOBAL = "__orreryEarlyQueries";

/**
 * A variable request the server ran for the page (GET /api/ds/<datasource><path>?<params>, as
 * fetchPrometheusJson sends it) and the route's answer to it: status and body text.
 */
export interface EarlyVariableAnswer {
  datasource: string;
  path: string;
  params: Record<string, string>;
  status: number;
  text: string;
}

/** What the inline script leaves: the queries it sent and its fetch (null: none sent), and the variable answers it carries. */
export interface EarlyBatch {
  queries: BatchQuery[];
  response: Promise<Response | null>;
  variables?: EarlyVariableAnswer[];
}

/** Early answers not taken within this long after the page started are dropped (their memory freed). */
export const EARLY_ANSWERS_TTL_MS = 60_000;

/** What a query asks, whatever the order of its form's fields: equal for the server's plan and the page's call. */
export function queryIdentity(q: { datasource: string; endpoint: string; params: Record<string, string> }): string {
  const params = Object.entries(q.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([q.datasource, q.endpoint, params]);
}

function variableIdentity(q: { datasource: string; path: string; params: Record<string, string> }): string {
  return queryIdentity({ datasource: q.datasource, endpoint: `GET ${q.path}`, params: q.params });
}

/** The early batch's answers, by query identity: each is taken once. */
export class EarlyAnswers {
  private readonly answers = new Map<string, Promise<Response>>();
  private readonly variables = new Map<string, { status: number; text: string }>();

  constructor(batch: EarlyBatch) {
    for (const v of Array.isArray(batch.variables) ? batch.variables : []) {
      if (typeof v?.status !== "number" || typeof v.text !== "string") continue;
      const key = variableIdentity(v);
      if (!this.variables.has(key)) this.variables.set(key, { status: v.status, text: v.text });
    }
    const byId = new Map<string, { resolve: (res: Response) => void; reject: (err: unknown) => void; done: boolean }>();
    for (const q of batch.queries) {
      // Explore's queries never come early (they need their own header); identities are unique by construction.
      if (q.explore) continue;
      const key = queryIdentity(q);
      if (this.answers.has(key)) continue;
      const answer = new Promise<Response>((resolve, reject) => byId.set(q.id, { resolve, reject, done: false }));
      // Not taken: no unhandled rejection.
      answer.catch(() => undefined);
      this.answers.set(key, answer);
    }
    // Only variable answers (a plan the server gave up on): no batch was sent.
    if (byId.size === 0) return;
    const fail = (err: unknown) => {
      for (const w of byId.values()) if (!w.done) w.reject(err);
    };
    batch.response
      .then((res) => {
        if (!res) throw new Error("no batch was sent");
        return readBatchAnswer(res, [...byId.keys()], (id, part) => {
          const w = byId.get(id);
          if (!w || w.done) return;
          w.done = true;
          w.resolve(part);
        });
      })
      .then(
        () => fail(new TypeError("the early query batch ended before this query's answer")),
        (err: unknown) => fail(new TypeError(`the early query batch failed: ${err instanceof Error ? err.message : String(err)}`)),
      );
  }

  /** The answer to `q` if the early batch asked it and nobody took it yet. */
  take(q: { datasource: string; endpoint: string; params: Record<string, string> }): Promise<Response> | undefined {
    const key = queryIdentity(q);
    const answer = this.answers.get(key);
    if (answer) this.answers.delete(key);
    return answer;
  }

  /** The answer to the variable request `q` (path and params exactly) if the server ran it for the page and nobody took it yet. */
  takeVariable(q: { datasource: string; path: string; params: Record<string, string> }): { status: number; text: string } | undefined {
    const key = variableIdentity(q);
    const answer = this.variables.get(key);
    if (answer) this.variables.delete(key);
    return answer;
  }

  /** Drops the answers nobody took. */
  clear(): void {
    this.answers.clear();
    this.variables.clear();
  }

  /** Answers not taken yet (panel queries and variable requests). */
  get size(): number {
    return this.answers.size + this.variables.size;
  }
}

let early: EarlyAnswers | null | undefined;

/** What the page's shell leaves while the server still plans (variables that need the upstream): settled by the streamed script. */
export interface EarlyPending {
  pending: Promise<unknown>;
  settle: (batch: EarlyBatch | null) => void;
}

/** How long the page's variable requests wait for a streamed early script the shell announced (the server gives up sooner). */
export const EARLY_PENDING_WAIT_MS = 2_000;

function isPending(value: unknown): value is EarlyPending {
  return typeof value === "object" && value !== null && (value as EarlyPending).pending instanceof Promise;
}

/**
 * The page's early answers: read once from the inline script's global (then set to null, which also
 * tells a script streamed in later that the page already asks for itself: it then sends nothing),
 * null when the HTML started none. Dropped EARLY_ANSWERS_TTL_MS after the page started. While the
 * shell's announced plan is still on its way (EarlyPending), null without reading: see earlyAnswersReady.
 */
export function earlyAnswers(): EarlyAnswers | null {
  if (early !== undefined) return early;
  const g = globalThis as unknown as Record<string, unknown>;
  const batch = g[EARLY_BATCH_GLOBAL] as EarlyBatch | undefined;
  if (isPending(batch)) return null;
  g[EARLY_BATCH_GLOBAL] = null;
  early = batch && Array.isArray(batch.queries) && batch.response instanceof Promise ? new EarlyAnswers(batch) : null;
  if (early) {
    const left = EARLY_ANSWERS_TTL_MS - (typeof performance !== "undefined" ? performance.now() : 0);
    setTimeout(() => {
      early?.clear();
      early = null;
    }, Math.max(0, left));
  }
  return early;
}

/**
 * earlyAnswers, once the HTML has said whether it carries any: where the shell announced a plan still
 * being made on the server (its variables' requests run there first), waits for the streamed script
 * (at most EARLY_PENDING_WAIT_MS; then the global is emptied and a script arriving later does nothing).
 * For the page's variable requests, which come first: its panel queries follow their answers.
 */
export async function earlyAnswersReady(): Promise<EarlyAnswers | null> {
  const g = globalThis as unknown as Record<string, unknown>;
  const announced = early === undefined ? g[EARLY_BATCH_GLOBAL] : undefined;
  if (isPending(announced)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([announced.pending, new Promise((resolve) => (timer = setTimeout(resolve, EARLY_PENDING_WAIT_MS)))]);
    clearTimeout(timer);
    // Still pending: given up on.
    if (g[EARLY_BATCH_GLOBAL] === announced) g[EARLY_BATCH_GLOBAL] = undefined;
  }
  return earlyAnswers();
}

/** Test only: forget the page's early answers, so the next call reads the global again. */
export function resetEarlyAnswers(): void {
  early = undefined;
}
