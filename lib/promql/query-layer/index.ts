export { queryLayerStats, rateLimit, resetQueryLayer, runInstant, runRange, type LayerResult } from "./layer";
export { upstreamCounter } from "./fetch";
