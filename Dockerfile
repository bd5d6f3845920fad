# Image of the worker and the API (docker-compose.yml). Built where a Docker engine runs.
# The Node line and the npm of scripts/toolchain.sh (test/unit/runtime.test.ts checks they agree);
# no compiler: better-sqlite3 ships its N-API binary in its npm package.
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN npm install --global --no-audit --no-fund npm@11.19.1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.json && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY config config
# The CPAS portal's templates and style sheet, read at run time.
COPY portal/views portal/views
COPY portal/static portal/static
USER node
