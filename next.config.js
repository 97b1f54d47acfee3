/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone for the Docker image (Dockerfile, docs/deploy.md).
  // `next start` still works from .next (it only warns), so `npm run demo` and the e2e tests keep using it.
  output: "standalone",
  // Loaded by Node at run time rather than bundled (ioredis and prom-client use Node built-ins dynamically).
  serverExternalPackages: ["ioredis", "prom-client"],
  reactStrictMode: true,
  // ORRERY_SOURCE_MAPS=1 next build: source maps for the browser chunks, to see what each holds (issue 7 B6)
  // and to profile a production build by function (scripts/bench/page-profile.ts).
  productionBrowserSourceMaps: process.env.ORRERY_SOURCE_MAPS === "1",
  poweredByHeader: false,
  // The PromQL proxy passes the upstream's gzip through untouched; Next's compression
  // skips any response that already carries a Content-Encoding.
  compress: true,
  typedRoutes: false,
  // The browser never needs Node's Buffer: zrender only tests for it (svg/helper.js's base64, with a
  // btoa fallback), and that test alone made Turbopack ship its 22 KB Buffer polyfill (7.5 KiB gzip,
  // issue 7 B6) with ECharts. Server bundles keep Node's own.
  turbopack: {
    resolveAlias: Object.fromEntries(["buffer", "node:buffer", "next/dist/compiled/buffer"].map((name) => [name, { browser: "./lib/charts/no-buffer.js" }])),
  },
  // `npm test` and CI type-check with `tsc` (npm run typecheck) before building; ORRERY_BUILD_SKIP_TYPECHECK=1
  // lets that build skip Next's second, identical pass (minutes on a busy 2-core machine).
  typescript: { ignoreBuildErrors: process.env.ORRERY_BUILD_SKIP_TYPECHECK === "1" },
  // Pages get their CSP (with a per-request nonce), Referrer-Policy and nosniff from proxy.ts;
  // the API and Next's assets get theirs here (the API's CSP equals API_CONTENT_SECURITY_POLICY
  // in lib/http/security-headers.ts, which a test checks).
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    ];
    return [
      { source: "/api/:path*", headers: [...common, { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
      { source: "/_next/:path*", headers: common },
    ];
  },
};

export default nextConfig;
