# syntax=docker/dockerfile:1
# Todoer: Next.js standalone server. Build: docker build --build-arg GIT_SHA=$(git rev-parse HEAD) -t todoer .
# Node's version is .node-version's (tests/api/container.test.ts checks they agree). Multi-arch:
#   docker buildx build --platform linux/amd64,linux/arm64 ... (the node image is published for both).
# Run: docker run -p 3000:3000 -e AWS_REGION=... -e APP_ORIGIN=... (every variable lib/env.ts lists) todoer

# deps: every dependency, dev ones included, since the build needs TypeScript and the type packages.
FROM node:24.21.0-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# builder: `next build` with output: 'standalone' traces exactly the modules the server needs. The image
# is the web app only: the event consumers run on AWS Lambda from their own bundles (npm run build:lambdas,
# which deploy.sh runs before the synth), so the builder runs `next build` alone.
FROM node:24.21.0-bookworm-slim AS builder
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# git keeps no empty folders, so public/ may be missing from a clone; the runner copies it either way.
RUN mkdir -p public && npx next build && npm run build:sw

# runner: only the standalone output (server.js), its static assets and public/; no emulators, no
# devDependencies, no consumers.
FROM node:24.21.0-bookworm-slim AS runner
ARG GIT_SHA=unknown
LABEL org.opencontainers.image.title="todoer" \
      org.opencontainers.image.description="Todoer: to-dos on every device, with labelled photos" \
      org.opencontainers.image.revision="${GIT_SHA}"
WORKDIR /app
ENV NODE_ENV=production \
    APP_MODE=cloud \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    NEXT_TELEMETRY_DISABLED=1
COPY --from=builder --chown=node:node /app/.next/standalone ./
COPY --from=builder --chown=node:node /app/.next/static ./.next/static
COPY --from=builder --chown=node:node /app/public ./public
# The entry sizes Node's heap from the container's memory limit (see the script), then execs node server.js.
COPY --from=builder --chown=node:node /app/scripts/container-start.sh ./start.sh
# The node image's unprivileged user (uid 1000) runs the server and owns its files, so Next can write .next/cache.
USER node
EXPOSE 3000
# Liveness only (no backend calls): a short S3 or Cognito blip must not get the container replaced.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["sh", "start.sh", "server.js"]
