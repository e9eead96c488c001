#!/usr/bin/env bash
# Builds and runs every test: unit and integration tests under AddressSanitizer +
# UndefinedBehaviorSanitizer, then again in the release build (warnings are errors in both), the
# fuzz targets' corpora, the browser tests in headless Chromium against the sanitized binary, and
# a short smoke run of the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs=$(nproc)
for preset in asan release; do
  echo "== $preset: build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: tests"
  ctest --preset "$preset" -j "$jobs"
done

echo "== browser tests (headless chromium)"
scripts/e2e.sh build/asan/src/cli/rightsdesk

echo "== benchmarks (smoke)"
build/release/bench/rightsdesk_bench --smoke
build/release/bench/rightsdesk_metrics_bench --smoke --dir build
build/release/bench/rightsdesk_lookup_bench --smoke --dir build/lookup-smoke
build/release/bench/rightsdesk_file_scan_bench --smoke --dir build
echo "== all tests passed"
