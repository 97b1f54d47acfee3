/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server in .next/standalone for the Docker image (Dockerfile, docs/deploy.md).
  // `next start` still works from .next (it only warns), so `npm run demo` and the e2e tests keep using it.
  output: "standalone",
  // Loaded by Node at run time rather than bundled (ioredis and prom-client use Node built-ins dynamically).
  serverExternalPackages: ["ioredis", "prom-client"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The PromQL proxy passes the upstream's gzip through untouched; Next's compression
  // skips any response that already carries a Content-Encoding.
  compress: true,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
