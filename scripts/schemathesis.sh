#!/usr/bin/env bash
# Installs schemathesis (the contract test's fuzzer, test/contract/) from PyPI into a virtual
# environment in the project's cache (PARCOURS_CACHE, default ~/.cache/parcours), every package
# pinned by scripts/schemathesis-requirements.txt. The environment is keyed by that file's hash,
# so a change of pins builds a new one and a second run costs well under a second.
# Prints `SCHEMATHESIS_PATH=<path of the st executable>` for callers to `eval` or parse.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${PARCOURS_CACHE:-$HOME/.cache/parcours}
requirements="$root/scripts/schemathesis-requirements.txt"

log() { printf '[schemathesis] %s\n' "$*" >&2; }

key=$(sha256sum "$requirements" | cut -c1-16)
dir="$cache/schemathesis/$key"
mkdir -p "$cache/schemathesis"
# A virtual environment cannot be moved (its scripts name its directory), so it is built in
# place; `.complete` marks a finished one, and the lock keeps two runs from building at once.
exec 9>"$cache/schemathesis/.lock"
flock 9
if [ ! -f "$dir/.complete" ]; then
  command -v python3 >/dev/null 2>&1 || { log "Python 3 (with venv) is needed for the contract test"; exit 1; }
  log "installing schemathesis from PyPI into $dir (first time only)"
  rm -rf "$dir"
  python3 -m venv "$dir" >&2
  "$dir/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
  touch "$dir/.complete"
fi
echo "SCHEMATHESIS_PATH=$dir/bin/st"
