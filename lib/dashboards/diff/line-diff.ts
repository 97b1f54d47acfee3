export type LineKind = "equal" | "added" | "removed";

/** One line of a line diff; `oldNo`/`newNo` are 1-based line numbers on the side(s) it exists. */
export interface DiffLine {
  kind: LineKind;
  text: string;
  oldNo?: number;
  newNo?: number;
}

/** A unified-diff hunk: `@@ -oldStart,oldLines +newStart,newLines @@` and its lines. */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

type Op = "=" | "-" | "+";

/** Beyond this many edits the middle is shown as removed-then-added (Myers' memory grows with edits squared). */
export const MAX_EDITS = 2000;

// Myers' O(ND) greedy diff. `trace[d]` keeps the frontier before round d, only k in [-d-1, d+1].
function myers(a: readonly string[], b: readonly string[], maxEdits: number): Op[] | null {
  const n = a.length;
  const m = b.length;
  const off = n + m + 1;
  const v = new Int32Array(2 * off + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= n + m; d++) {
    if (d > maxEdits) return null;
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("=");
      x--;
      y--;
    }
    if (d > 0) ops.push(x === prevX ? "+" : "-");
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/**
 * The line diff from `before` to `after` (Myers, after trimming the common head and tail).
 * Past `maxEdits` differences the changed middle is given as all removed, then all added.
 */
export function diffLines(before: readonly string[], after: readonly string[], maxEdits = MAX_EDITS): DiffLine[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const middle = myers(a, b, maxEdits) ?? [...a.map((): Op => "-"), ...b.map((): Op => "+")];
  const ops: Op[] = [...Array<Op>(head).fill("="), ...middle, ...Array<Op>(tail).fill("=")];

  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  for (const op of ops) {
    if (op === "=") lines.push({ kind: "equal", text: before[i]!, oldNo: ++i, newNo: ++j });
    else if (op === "-") lines.push({ kind: "removed", text: before[i]!, oldNo: ++i });
    else lines.push({ kind: "added", text: after[j]!, newNo: ++j });
  }
  return lines;
}

function hunkOf(lines: DiffLine[], oldBefore: number, newBefore: number): DiffHunk {
  const oldLines = lines.filter((l) => l.kind !== "added").length;
  const newLines = lines.filter((l) => l.kind !== "removed").length;
  // As GNU diff: an empty side names the line before the hunk.
  return { oldStart: oldLines ? oldBefore + 1 : oldBefore, oldLines, newStart: newLines ? newBefore + 1 : newBefore, newLines, lines };
}

/** Groups a line diff into hunks with `context` unchanged lines around each change, as `diff -u` does. */
export function toHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const changed = lines.flatMap((l, i) => (l.kind === "equal" ? [] : [i]));
  const hunks: DiffHunk[] = [];
  let g = 0;
  while (g < changed.length) {
    let last = g;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++;
    const start = Math.max(0, changed[g]! - context);
    const end = Math.min(lines.length, changed[last]! + context + 1);
    const before = lines.slice(0, start);
    const oldBefore = before.filter((l) => l.kind !== "added").length;
    const newBefore = before.filter((l) => l.kind !== "removed").length;
    hunks.push(hunkOf(lines.slice(start, end), oldBefore, newBefore));
    g = last + 1;
  }
  return hunks;
}

/** The hunks as `diff -u` text (without the file header lines). */
export function formatUnified(hunks: readonly DiffHunk[]): string {
  const sign = { equal: " ", added: "+", removed: "-" } as const;
  return hunks
    .flatMap((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines.map((l) => sign[l.kind] + l.text)])
    .join("\n");
}
