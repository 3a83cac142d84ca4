#!/usr/bin/env bash
# Load comparison on this machine's loopback only: the fake served standalone (dotnet run -c Release) against a
# minimal ASP.NET Core endpoint serving a similar JSON document, both driven by wrk. Prints a Markdown table.
#
#   benchmarks/load/run.sh                      # defaults below
#   DURATION=30s CONNECTIONS=32 APPS=10000 benchmarks/load/run.sh
#
# Every request loop is bounded (wrk by DURATION, the seeding by APPS) and both servers are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
APPS=${APPS:-10000}
SEED_PARALLEL=${SEED_PARALLEL:-4}
FAKE_PORT=${FAKE_PORT:-18380}
MINIMAL_PORT=${MINIMAL_PORT:-18381}
# Pin the server to one core and wrk to the other, so they do not fight over the same one (2-core machines).
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}

source benchmarks/load/lib.sh
rows=()

# Runs wrk and appends a table row: target, scenario, requests/s, mean and p99 latency, requests, errors.
measure() {
    local target=$1 scenario=$2 url=$3
    shift 3
    local out="$work/wrk.txt"
    taskset -c "$LOAD_CPUS" wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" "$url" >"$out"
    local rps mean p99 requests errors
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
    mean=$(awk '$1 == "Latency" { print $2; exit }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    requests=$(awk '/requests in/ { print $1 }' "$out")
    errors=$(awk '/Non-2xx/ { print $NF }' "$out")
    rows+=("| $target | $scenario | $rps | $mean | $p99 | $requests | ${errors:-0} |")
    TOTAL_REQUESTS=$((${TOTAL_REQUESTS:-0} + requests))
}

# Creates $APPS apps through POST /v3/apps, $SEED_PARALLEL at a time, in one curl process; half are tier=web.
seed_apps() {
    local base=$1 space=$2 config="$work/seed.curl"
    : >"$config"
    for ((index = 0; index < APPS; index++)); do
        local tier=web
        ((index % 2)) && tier=worker
        ((index > 0)) && echo next >>"$config"
        printf 'url = "%s/v3/apps"\nrequest = "POST"\nheader = "Authorization: bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"name\\":\\"app-%05d\\",\\"relationships\\":{\\"space\\":{\\"data\\":{\\"guid\\":\\"%s\\"}}},\\"metadata\\":{\\"labels\\":{\\"tier\\":\\"%s\\"}}}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
            "$base" "$TOKEN" "$index" "$space" "$tier" >>"$config"
    done
    curl -s --no-progress-meter --parallel --parallel-max "$SEED_PARALLEL" -K "$config" | sort | uniq -c >"$work/seed-status.txt"
}

ensure_wrk
log "building (Release)"
dotnet build -c Release src/Fake >&2
dotnet build -c Release benchmarks/MinimalEndpoint >&2

fake_url="http://127.0.0.1:$FAKE_PORT"
minimal_url="http://127.0.0.1:$MINIMAL_PORT"
minimal_app="/v3/apps/00000000-0000-4000-8000-000000000000"

log "minimal endpoint: start, GET"
start_server "$minimal_url" "$minimal_app" \
    dotnet run -c Release --no-build --project benchmarks/MinimalEndpoint --urls "$minimal_url"
minimal_start=$STARTED_MS
minimal_served=$SERVED_PID
minimal_idle=$(rss_mb "$minimal_served")
TOTAL_REQUESTS=0
measure "minimal endpoint" "GET /v3/apps/{guid}" "$minimal_url$minimal_app"
minimal_requests=$TOTAL_REQUESTS
minimal_loaded=$(rss_mb "$minimal_served")
stop_server

log "fake: start, token, GET"
start_server "$fake_url" "/" \
    env Fake__RealTimeClock=true dotnet run -c Release --no-build --project src/Fake --urls "$fake_url"
fake_start=$STARTED_MS
fake_served=$SERVED_PID
fake_idle=$(rss_mb "$fake_served")
TOKEN=$(curl -sf -X POST "$fake_url/_fake/foundations/default/tokens" -H 'Content-Type: application/json' -d '{"username":"admin"}' | json_field access_token)
org=$(post "$fake_url/v3/organizations" '{"name":"load-org"}' | json_field guid)
space=$(post "$fake_url/v3/spaces" "{\"name\":\"load-space\",\"relationships\":{\"organization\":{\"data\":{\"guid\":\"$org\"}}}}" | json_field guid)
app=$(post "$fake_url/v3/apps" "{\"name\":\"load-app\",\"relationships\":{\"space\":{\"data\":{\"guid\":\"$space\"}}}}" | json_field guid)
TOTAL_REQUESTS=0
measure "fake" "GET /v3/apps/{guid}" "$fake_url/v3/apps/$app" -H "Authorization: bearer $TOKEN"
fake_get_requests=$TOTAL_REQUESTS
fake_after_get=$(rss_mb "$fake_served")

log "fake: seeding $APPS apps through POST /v3/apps ($SEED_PARALLEL in parallel)"
seed_started=$(now_ms)
seed_apps "$fake_url" "$space"
seed_ms=$(($(now_ms) - seed_started))
log "seed statuses: $(tr -s ' \n' ' ' <"$work/seed-status.txt")"
seed_created=$(awk '$2 == 201 { print $1 }' "$work/seed-status.txt")
rows+=("| fake | POST /v3/apps (seeding $APPS, curl --parallel-max $SEED_PARALLEL) | $((${seed_created:-0} * 1000 / (seed_ms > 0 ? seed_ms : 1))) | | | $APPS | $((APPS - ${seed_created:-0})) |")
fake_after_seed=$(rss_mb "$fake_served")

list="/v3/apps?label_selector=tier%3Dweb&order_by=-name&per_page=50"
TOTAL_REQUESTS=0
measure "fake" "GET /v3/apps label_selector+order_by, 50 of $((APPS + 1))" "$fake_url$list" -H "Authorization: bearer $TOKEN"
fake_list_requests=$TOTAL_REQUESTS
fake_after_list=$(rss_mb "$fake_served")
stop_server

log "start times of the built program alone (no dotnet run)"
start_server "$fake_url" "/" \
    env Fake__RealTimeClock=true dotnet src/Fake/bin/Release/net10.0/CloudFoundry.Fake.dll --urls "$fake_url"
fake_dll_start=$STARTED_MS
stop_server
start_server "$minimal_url" "$minimal_app" \
    dotnet benchmarks/MinimalEndpoint/bin/Release/net10.0/MinimalEndpoint.dll --urls "$minimal_url"
minimal_dll_start=$STARTED_MS
stop_server

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, server on CPU $SERVER_CPUS, wrk on CPU $LOAD_CPUS, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| Target | Scenario | Requests/s | Mean latency | p99 latency | Requests | Non-2xx |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
echo
echo "| Target | Start to first 200 (dotnet run --no-build) | Start to first 200 (dotnet <dll>) | RSS idle | RSS after load |"
echo "| --- | ---: | ---: | ---: | --- |"
echo "| minimal endpoint | $minimal_start ms | $minimal_dll_start ms | $minimal_idle MB | $minimal_loaded MB after $minimal_requests GETs |"
echo "| fake | $fake_start ms | $fake_dll_start ms | $fake_idle MB | $fake_after_get MB after $fake_get_requests GETs; $fake_after_seed MB after seeding $APPS apps; $fake_after_list MB after $fake_list_requests lists |"
