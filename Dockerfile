# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY locales ./locales
# Compiles the bot and every CLI (dist/src/cli), then drops the dev dependencies (TypeScript, tsx, vitest).
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# npm start and npm run feeds|subscriptions|ask|demo run the compiled JavaScript through these (no tsx here).
COPY scripts ./scripts
COPY topics ./topics
# Where docker-compose.yml keeps the scheduled subscriptions exports (BACKUP_DIR), owned by the user the bot runs as.
RUN mkdir -p /app/backups && chown node:node /app/backups
USER node
# The default HTTP_PORT; docker-compose.yml publishes whatever HTTP_PORT is set to.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
