// Server CPU per request: the proxy's cost measured where it is spent, not as latency (which on a
// shared 2-core machine mostly measures the other processes). Reads utime + stime of every process
// in the server's process group from /proc (Linux; 10 ms ticks, so phases of thousands of requests).
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU milliseconds (user + system) used so far by every process of process group `pgid`; NaN off Linux. */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  let found = false;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return Number.NaN;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${e}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // After "pid (comm) ": state ppid pgrp ... utime is field 14, stime 15 (1-based, comm may hold spaces).
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(f[2]) !== pgid) continue;
    found = true;
    ticks += Number(f[11]) + Number(f[12]);
  }
  return found ? ticks * TICK_MS : Number.NaN;
}

/** Runs `fn` and returns its result with the server group's CPU ms spent meanwhile. */
export async function withGroupCpu<T>(pgid: number | undefined, fn: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = pgid ? groupCpuMs(pgid) : Number.NaN;
  const result = await fn();
  const after = pgid ? groupCpuMs(pgid) : Number.NaN;
  return { result, cpuMs: after - before };
}
