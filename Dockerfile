# syntax=docker/dockerfile:1
# Docent's server in a container: `docker build -t docent .`, then see README "Deploy".

# ---- build: install with the dev dependencies (a `prepare` step, if any, may need them), then drop them.
FROM node:20-slim AS build
WORKDIR /app
COPY . .
# onnxruntime-node runs on the CPU binaries in its npm package; its install script would fetch GPU libraries
# from outside the registry (.npmrc says the same to npm itself).
ENV ONNXRUNTIME_NODE_INSTALL_CUDA=skip
# The npm cache survives between builds, so a changed source file does not download everything again.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# ---- run
FROM node:20-slim
# git: for sources of type "git" (clones into the data volume); ca-certificates: for cloning over https.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3000 \
    DOCENT_DB=/data/lancedb
WORKDIR /app
# Owned by root: the server, running as `node`, can read its code but not change it.
COPY --from=build /app /app
# A named volume starts as a copy of this folder, so `node` owns it.
RUN mkdir -p /data/lancedb && chown -R node:node /data
VOLUME /data
USER node
EXPOSE 3000
# 503 while the first index is built; a large knowledge base may need a longer start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1, not npm or a shell: `docker stop`'s SIGTERM reaches the server, which finishes
# the answers in flight and exits 0.
CMD ["node", "bin/docent.js", "serve"]
