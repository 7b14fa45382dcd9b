#!/usr/bin/env bash
# Install Ace by DAISY (the EPUB accessibility checker) from the npm registry into a cache
# folder, for the talking-book tests.
#
#   bash tests/render/get_ace.sh [cache-dir]
#
# Prints the path of the `ace-puppeteer` command (the `ace` command needs Electron). The tests read it from $ACE_BIN, or from
# ${XDG_CACHE_HOME:-$HOME/.cache}/a11y-pub/ace/node_modules/.bin/ace-puppeteer (the default
# cache-dir). Neither Electron nor Puppeteer may download a browser: the tests run Ace
# with Debian's chromium (PUPPETEER_EXECUTABLE_PATH). Run it before the tests (CI does,
# in .ci/run); the tests themselves never touch the network.
set -euo pipefail

version="${ACE_VERSION:-1.4}"
cache="${1:-${XDG_CACHE_HOME:-$HOME/.cache}/a11y-pub/ace}"
mkdir -p "$cache"
if [[ -x "$cache/node_modules/.bin/ace-puppeteer" ]]; then
    echo "$cache/node_modules/.bin/ace-puppeteer"
    exit 0
fi
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1
(cd "$cache" && { [[ -f package.json ]] || echo '{"private": true}' > package.json; } \
    && npm install --silent --no-audit --no-fund "@daisy/ace@$version" >/dev/null)
echo "$cache/node_modules/.bin/ace-puppeteer"
