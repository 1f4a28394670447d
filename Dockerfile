# dod: build with the dev dependencies, prune them, and run with only the production ones, as the unprivileged
# `node` user. The runtime stage copies the pruned node_modules: nothing is downloaded twice.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` builds lib/, and the sources are not copied yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production LOG_FORMAT=json PORT=3000 HOST=0.0.0.0 NO_SMEE_SETUP=true
WORKDIR /app
COPY package.json package-lock.json app.yml ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# `npm start` without npm: npm would add a process that swallows SIGTERM's graceful drain, and its install and
# build check needs the sources. lib/main.js is `probot run ./lib/index.js` with dod's Octokit settings.
CMD ["node", "lib/main.js"]
