// `npm run bench` is filled by the performance issue (#7): proxy overhead against direct Prometheus,
// viewers, sliding refresh, render and wire benchmarks, written to BENCHMARKS.md.
console.error("No benchmarks are implemented yet (issue #7). Nothing was measured.");
process.exit(1);
