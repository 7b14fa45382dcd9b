#!/usr/bin/env bash
# Fetch axe-core 4.x from the npm registry into a cache folder, for the browser tests.
#
#   bash tests/browser/get_axe.sh [cache-dir]
#
# Prints the path of axe.min.js. The tests read it from $AXE_JS, or from
# ${XDG_CACHE_HOME:-$HOME/.cache}/a11y-pub/axe-core/axe.min.js (the default
# cache-dir). Run it before the tests (CI does, in .ci/run); the tests
# themselves never touch the network.
set -euo pipefail

version="${AXE_VERSION:-4}"
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/a11y-pub/axe-core}"
mkdir -p "$cache"
if [[ -s "$cache/axe.min.js" ]]; then
    echo "$cache/axe.min.js"
    exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null)
tar -xzf "$work"/axe-core-*.tgz -C "$work" package/axe.min.js package/package.json package/LICENSE
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$work/package/package.json" "$cache/"
echo "$cache/axe.min.js"
