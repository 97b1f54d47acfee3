import "server-only";
import { timeStore } from "@/lib/ops/metrics";
import type { DashboardRepository } from "./types";

/** The same repository, with every method call timed into `orrery_store_operation_duration_seconds`. */
export function timedRepository<R extends DashboardRepository>(repo: R): R {
  return new Proxy(repo, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || typeof prop !== "string") return value;
      return (...args: unknown[]) => timeStore(prop, () => Promise.resolve(value.apply(target, args)));
    },
  });
}
