#!/usr/bin/env bash
# Memory over a long run: the standalone fake (Release) takes REQUESTS requests from wrk in rounds (GET of one app and a
# list page, alternating), and its RSS is read after each round. A flat RSS means the journal and caches are bounded.
#
#   benchmarks/load/soak.sh                     # 1,000,000 requests
#   REQUESTS=200000 ROUND=10s benchmarks/load/soak.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

REQUESTS=${REQUESTS:-1000000}
ROUND=${ROUND:-20s}
CONNECTIONS=${CONNECTIONS:-16}
FAKE_PORT=${FAKE_PORT:-18382}
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}

source benchmarks/load/lib.sh

ensure_wrk
log "building (Release)"
dotnet build -c Release src/Fake >&2
fake_url="http://127.0.0.1:$FAKE_PORT"
start_server "$fake_url" "/" env Fake__RealTimeClock=true dotnet src/Fake/bin/Release/net10.0/CloudFoundry.Fake.dll --urls "$fake_url"
served=$SERVED_PID
TOKEN=$(curl -sf -X POST "$fake_url/_fake/foundations/default/tokens" -H 'Content-Type: application/json' -d '{"username":"admin"}' | json_field access_token)
org=$(post "$fake_url/v3/organizations" '{"name":"soak-org"}' | json_field guid)
space=$(post "$fake_url/v3/spaces" "{\"name\":\"soak-space\",\"relationships\":{\"organization\":{\"data\":{\"guid\":\"$org\"}}}}" | json_field guid)
app=$(post "$fake_url/v3/apps" "{\"name\":\"soak-app\",\"relationships\":{\"space\":{\"data\":{\"guid\":\"$space\"}}}}" | json_field guid)
urls=("$fake_url/v3/apps/$app" "$fake_url/v3/apps?per_page=5&order_by=-created_at")

echo "| Round | Requests so far | RSS MB |"
echo "| ---: | ---: | ---: |"
echo "| 0 | 0 | $(rss_mb "$served") |"
total=0
round=0
while ((total < REQUESTS)); do
    round=$((round + 1))
    url=${urls[$((round % 2))]}
    done_now=$(taskset -c "$LOAD_CPUS" wrk -t1 -c"$CONNECTIONS" -d"$ROUND" -H "Authorization: bearer $TOKEN" "$url" | awk '/requests in/ { print $1 }')
    total=$((total + done_now))
    echo "| $round | $total | $(rss_mb "$served") |"
done
