#!/usr/bin/env bash
# Installs what Parcours needs outside npm, pinned and cached outside the repository
# (PARCOURS_CACHE, default ~/.cache/parcours), from the registries this machine reaches:
#   - the Temporal CLI (dev server + Web UI), built with `go install` from the Go module proxy;
#   - the Java time-skipping test server, resolved by Maven from Maven Central, behind a wrapper
#     that @temporalio/testing starts as an `existing-path` executable (`<path> <port> --enable-time-skipping`).
# A second run finds everything in place and costs well under a second. Prints nothing on success
# but the paths, as `KEY=value` lines, so callers can `eval` or source them.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${PARCOURS_CACHE:-$HOME/.cache/parcours}
cli_version=1.5.1
mkdir -p "$cache"

log() { printf '[toolchain] %s\n' "$*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

temporal_cli() {
  local cached="$cache/temporal-cli/$cli_version/temporal"
  if [ -x "$cached" ]; then echo "$cached"; return; fi
  if command -v temporal >/dev/null 2>&1; then
    local v
    v=$(temporal --version 2>/dev/null | sed -nE 's/^temporal version ([0-9]+\.[0-9]+\.[0-9]+).*/\1/p')
    if [ -n "$v" ] && version_at_least "$v" "$cli_version"; then command -v temporal; return; fi
  fi
  command -v go >/dev/null 2>&1 || { log "Go is needed to build the Temporal CLI"; exit 1; }
  log "building the Temporal CLI v$cli_version with go install (first time only, a few minutes)"
  local tmp
  tmp=$(mktemp -d "$cache/temporal-cli.XXXXXX")
  # `go install pkg@version` ignores any go.mod around it; GOFLAGS could still inject -mod=…
  GOFLAGS= GOBIN="$tmp" go install "github.com/temporalio/cli/cmd/temporal@v$cli_version" >&2
  mkdir -p "$(dirname "$cached")"
  mv "$tmp/temporal" "$cached"
  rmdir "$tmp"
  echo "$cached"
}

test_server() {
  local pom="$root/tools/test-server/pom.xml"
  local key
  key=$(sha256sum "$pom" | cut -c1-16)
  local dir="$cache/temporal-test-server/$key"
  local wrapper="$dir/temporal-test-server"
  if [ -x "$wrapper" ]; then echo "$wrapper"; return; fi
  command -v mvn >/dev/null 2>&1 || { log "Maven is needed to fetch the Temporal test server"; exit 1; }
  command -v java >/dev/null 2>&1 || { log "Java is needed to run the Temporal test server"; exit 1; }
  log "resolving the Temporal time-skipping test server from Maven Central (first time only)"
  mkdir -p "$dir"
  mvn -q -B -f "$pom" dependency:build-classpath -Dmdep.outputFile="$dir/classpath.txt" >&2
  cat > "$wrapper.tmp" <<WRAP
#!/bin/sh
# Started by @temporalio/testing as: temporal-test-server <port> --enable-time-skipping
exec java -XX:+UseSerialGC -Xss512k -cp "\$(cat "$dir/classpath.txt")" io.temporal.testserver.TestServer "\$@"
WRAP
  chmod +x "$wrapper.tmp"
  mv "$wrapper.tmp" "$wrapper"
  echo "$wrapper"
}

node_modules() {
  # npm install (not npm ci): this machine's npm writes a lock without other platforms'
  # optional packages, which npm ci then refuses; npm install honours the committed lock.
  local stamp="$root/node_modules/.parcours-lock-sha"
  local want
  want=$(sha256sum "$root/package-lock.json" "$root/package.json" | sha256sum | cut -c1-32)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "installing npm packages"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}

node_modules
cli=$(temporal_cli)
ts=$(test_server)
echo "TEMPORAL_CLI_PATH=$cli"
echo "TEMPORAL_TEST_SERVER_PATH=$ts"
