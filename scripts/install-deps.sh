#!/usr/bin/env bash
# Installs everything RightsDesk needs to build, run and test, from Debian 12 packages.
# Idempotent: packages already present are not touched. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git python3 python3-jsonschema clang-format clang-tidy
  # libraries (DESIGN.md section 6)
  libsodium-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libtomlplusplus-dev
  libspdlog-dev libfmt-dev libhowardhinnant-date-dev tzdata libboost-dev libkainjow-mustache-dev
  libssl-dev libjemalloc-dev libcurl4-openssl-dev libgmime-3.0-dev
  libpq-dev libmariadb-dev libzip-dev libhpdf-dev fonts-dejavu-core libre2-dev libhyperscan-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev wrk python3-aiosmtpd dovecot-imapd
  postgresql mariadb-server  # real database servers for tests/connectors
  ripgrep  # the baseline of bench/file_scan_bench.cc
  # browser tests (tests/e2e: npm playwright-core drives Debian's chromium; Node.js and npm come
  # with the machine, from NodeSource, and must not be replaced by Debian's older npm)
  chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if ((EUID != 0)); then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
