#!/usr/bin/env bash
# Builds RightsDesk (release) and runs it on its embedded default store with demo data: a data
# directory is created (./rightsdesk-data unless RIGHTSDESK_DATA says otherwise), demo requests
# from the Chinook sample customers are taken in and worked, the queue and the verified audit trail
# are shown, then the HTTP API is served (RIGHTSDESK_LISTEN, default 127.0.0.1:8080) until Ctrl-C.
# Running it again reuses the data directory and adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target rightsdesk

bin=build/release/src/cli/rightsdesk
data=${RIGHTSDESK_DATA:-./rightsdesk-data}

if [[ ! -f "$data/rightsdesk.toml" ]]; then
  "$bin" init --data "$data"
  python3 scripts/load_demo.py "$bin" "$data" demo/chinook_customers.csv
fi

echo
echo "== Work queue (most urgent first)"
"$bin" request list --data "$data"
echo
echo "== One request in full"
"$bin" request show RD-$(date +%Y)-00001 --data "$data" || true
echo
echo "== Audit trail"
"$bin" audit verify --data "$data"
echo
echo "RightsDesk is set up in $data. In another terminal, try:"
echo "  curl -X POST localhost:8080/api/v1/requests -H 'Content-Type: application/json' \\"
echo "       -d '{\"type\":\"delete\",\"subject\":{\"email\":\"you@example.com\"}}'"
echo "  $bin request list --data $data"
echo "  $bin deadlines --type delete --received $(date +%Y-%m-%d) --jurisdiction US-CA"
echo
echo "== Serving the API (Ctrl-C stops it gracefully)"
exec "$bin" serve --data "$data" --listen "${RIGHTSDESK_LISTEN:-127.0.0.1:8080}"
