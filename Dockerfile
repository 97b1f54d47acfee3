# Orrery: multi-stage build of the Next.js standalone server (next.config.js: output "standalone").
#   docker build -t orrery .
#   docker run -p 3000:3000 -e ORRERY_AUTH_SECRET=... -e NEXTAUTH_URL=http://localhost:3000 \
#     -e ORRERY_ADMIN_PASSWORD=... -e ORRERY_PROMETHEUS_URL=http://prometheus:9090 orrery
# See docs/deploy.md.

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts off: the pretest/predemo hooks install test tools (Prometheus, Chromium) the image never needs.
RUN npm ci --ignore-scripts

FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npx next build

FROM node:22-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 \
    ORRERY_DATA_DIR=/data/dashboards ORRERY_PROVISIONED_DIR=/app/dashboards
# A fixed non-root user (uid 10001) that owns only the data folder.
RUN groupadd --system --gid 10001 orrery && useradd --system --uid 10001 --gid orrery --home-dir /app orrery \
 && mkdir -p /data/dashboards && chown -R orrery:orrery /data
# The standalone server carries its own trimmed node_modules; static assets and public files are copied beside it.
COPY --from=build --chown=orrery:orrery /app/.next/standalone ./
COPY --from=build --chown=orrery:orrery /app/.next/static ./.next/static
COPY --from=build --chown=orrery:orrery /app/dashboards ./dashboards
USER 10001
EXPOSE 3000
VOLUME ["/data"]
# Liveness as the Deployment probes it (Docker's own check, for `docker run`).
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
