#!/usr/bin/env bash
# Browser tests (tests/e2e): installs the pinned npm packages (playwright-core, axe-core) from
# package-lock.json, then drives Debian's chromium against a real `rightsdesk serve`.
# Usage: scripts/e2e.sh [path/to/rightsdesk]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-build/release/src/cli/rightsdesk}
[[ -x $binary ]] || { echo "e2e: no binary at $binary (build first)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "e2e: chromium is missing (scripts/install-deps.sh)" >&2; exit 2; }

if [[ ! -d tests/e2e/node_modules || tests/e2e/package-lock.json -nt tests/e2e/node_modules ]]; then
  (cd tests/e2e && npm ci --no-audit --no-fund)
fi
RIGHTSDESK=$(realpath "$binary") CHROMIUM=$(command -v chromium) node --test tests/e2e/
