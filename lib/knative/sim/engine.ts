/** The simulator's default engine: Knative's KPA as implemented in lib/knative/engine. */
import { RevisionEngine } from "@/lib/knative/engine";
import type { EngineFactory } from "./revision-sim";

export const kpaEngine: EngineFactory = (model, startT) => new RevisionEngine(model, startT);
