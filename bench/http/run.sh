#!/usr/bin/env bash
# HTTP load with wrk against a real `rightsdesk serve` on a fresh installation (bench/README.md):
# idle resident memory, durable POST /api/v1/requests, and GET /api/v1/requests?limit=50.
# Usage: bench/http/run.sh [BINARY] [--smoke]     (default binary: the release build)
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=build/release/src/cli/rightsdesk
duration=20s
connections=${CONNECTIONS:-64}
for arg in "$@"; do
  case $arg in
    --smoke) duration=2s ;;
    *) binary=$arg ;;
  esac
done
command -v wrk >/dev/null || { echo "bench: wrk is missing (scripts/install-deps.sh)" >&2; exit 2; }

dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$dir"' EXIT
"$binary" --data "$dir/data" init >/dev/null
sed -i -e 's/^intake_per_minute = .*/intake_per_minute = 1000000/' \
       -e 's/^intake_burst = .*/intake_burst = 1000000/' \
       -e 's/^intake_per_email_per_hour = .*/intake_per_email_per_hour = 1000000/' \
       "$dir/data/rightsdesk.toml"
token=$("$binary" --data "$dir/data" token create --role admin --name bench 2>/dev/null)
"$binary" --data "$dir/data" serve --listen 127.0.0.1:0 >"$dir/out" 2>/dev/null &
server=$!
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/out" | grep -o '[0-9]*$' || true)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { echo "bench: the server did not start" >&2; exit 1; }
sleep 1
echo "idle RSS: $(awk '/VmRSS/ {print $2, $3}' /proc/$server/status)"

echo "== POST /api/v1/requests ($connections connections, $duration)"
wrk -t2 -c"$connections" -d"$duration" --latency -s bench/http/post_request.lua \
    "http://127.0.0.1:$port" | grep -E 'Requests/sec|^ +(50|90|99)%|Latency|non-2xx'
echo "== GET /api/v1/requests?limit=50 ($connections connections, $duration)"
wrk -t2 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
    "http://127.0.0.1:$port/api/v1/requests?limit=50" | grep -E 'Requests/sec|^ +(50|90|99)%|Latency|Non-2xx'
echo "RSS after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$server/status)"
