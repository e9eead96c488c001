#!/usr/bin/env bash
# Builds RightsDesk (release) and runs it on its embedded default store with demo data: a data
# directory is created (./rightsdesk-data unless RIGHTSDESK_DATA says otherwise), demo requests
# from the Chinook sample customers are taken in and worked, the queue and the verified audit trail
# are shown, a first console admin is created (its one-time login printed), then the API, the
# privacy center and the staff console are served (RIGHTSDESK_LISTEN, default 127.0.0.1:8080)
# until Ctrl-C.
# Running it again reuses the data directory and adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target rightsdesk

bin=build/release/src/cli/rightsdesk
data=${RIGHTSDESK_DATA:-./rightsdesk-data}

admin_login=""
if [[ ! -f "$data/rightsdesk.toml" ]]; then
  "$bin" init --data "$data"
  # The demo company's one system: the Chinook database, mapped by demo/datamap.toml.
  cp demo/chinook/Chinook_Sqlite.sqlite "$data/chinook.sqlite"
  cp demo/datamap.toml "$data/datamap.toml"
  python3 scripts/load_demo.py "$bin" "$data" demo/chinook/customers.csv
  # The console's first admin; its secrets exist only in this output.
  admin_login=$("$bin" user add --data "$data" --name admin --role admin --json)
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
echo "== The demo company's data map against its database"
"$bin" datamap check --data "$data"
echo
echo "RightsDesk is set up in $data. In another terminal, try:"
echo "  curl -X POST localhost:8080/api/v1/requests -H 'Content-Type: application/json' \\"
echo "       -d '{\"type\":\"delete\",\"subject\":{\"email\":\"you@example.com\"}}'"
echo "  $bin request list --data $data"
echo "  $bin deadlines --type delete --received $(date +%Y-%m-%d) --jurisdiction US-CA"
listen=${RIGHTSDESK_LISTEN:-127.0.0.1:8080}
echo
echo "== Web"
echo "  privacy center: http://localhost:${listen##*:}/privacy"
echo "  staff console:  http://localhost:${listen##*:}/console"
if [[ -n $admin_login ]]; then
  field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$admin_login" "$1"; }
  secret=$(field totp_secret)
  echo "  one-time admin login (shown only now; keep it or add users with '$bin user add'):"
  echo "    username: admin"
  echo "    password: $(field password)"
  echo "    TOTP:     add $(field totp_uri) to an authenticator app,"
  echo "              or get the current code with: scripts/totp.py $secret"
else
  echo "  (the admin login was printed when $data was set up; add staff with '$bin user add --data $data')"
fi
echo
echo "== Serving the API and the pages (Ctrl-C stops it gracefully)"
exec "$bin" serve --data "$data" --listen "$listen"
