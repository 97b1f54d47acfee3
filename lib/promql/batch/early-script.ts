import "server-only";
import { jsonForScript } from "@/lib/html/escape";
import { BATCH_URL } from "./client";
import { EARLY_BATCH_GLOBAL, type EarlyVariableAnswer } from "./early";
import type { BatchQuery } from "./schema";

/**
 * The inline script a dashboard page's HTML carries to start its first panel queries before any of
 * its JavaScript has loaded (lib/promql/batch/early.ts takes the answers): one POST /api/queries, as
 * the page itself would send it, left on `window` with the queries it asked, and the answers of the
 * variable requests the server ran for the plan. A failure is the page's to see (it then sends its
 * own requests); nothing here throws. Streamed in after the page's JavaScript already read the global
 * (set to null then), it does nothing: the page asks for itself.
 */
export function earlyBatchScript(queries: readonly BatchQuery[], variables: readonly EarlyVariableAnswer[] = []): string {
  const global = jsonForScript(EARLY_BATCH_GLOBAL);
  return (
    `(function(){try{var w=window[${global}];if(w===null)return;var q=${jsonForScript(queries)};` +
    // No queries (a plan given up on, carrying the variable answers already in): no batch is sent.
    `var r=q.length?fetch(${jsonForScript(BATCH_URL)},{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify({queries:q}),credentials:"same-origin",cache:"no-store"}):Promise.resolve(null);` +
    `r.catch(function(){});var b={queries:q,response:r,variables:${jsonForScript(variables)}};window[${global}]=b;if(w&&w.settle)w.settle(b);}catch(e){}})();`
  );
}

/**
 * The shell's part when the early script will stream in later (a plan waiting for the upstream): a
 * pending promise on the global, which the streamed script settles (earlyBatchScript, or
 * earlyNoneScript when there is no plan). The page's variable requests wait for it (earlyAnswersReady).
 */
export function earlyPendingScript(): string {
  const global = jsonForScript(EARLY_BATCH_GLOBAL);
  return `(function(){try{var s,p=new Promise(function(r){s=r});window[${global}]={pending:p,settle:s};}catch(e){}})();`;
}

/** Streamed instead of earlyBatchScript when the plan was skipped: the page stops waiting and asks for itself. */
export function earlyNoneScript(): string {
  const global = jsonForScript(EARLY_BATCH_GLOBAL);
  return `(function(){try{var w=window[${global}];if(w&&w.settle){window[${global}]=undefined;w.settle(null);}}catch(e){}})();`;
}
