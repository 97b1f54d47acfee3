export { layerSettings, queryLayerStats, resetQueryLayer, runInstant, runRange, type LayerResult } from "./layer";
export { upstreamCounter } from "./fetch";
export { rateLimitResponse } from "./rate-limit";
