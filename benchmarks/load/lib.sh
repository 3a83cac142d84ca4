# Shared by the load scripts (sourced): a work directory, servers started in the background and stopped on exit,
# wrk installed on demand, RSS readings and small JSON/HTTP helpers. Expects SERVER_CPUS to be set.
work=$(mktemp -d)
servers=()

cleanup() {
    for pid in "${servers[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

log() { echo "# $*" >&2; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

ensure_wrk() {
    if ! command -v wrk >/dev/null; then
        log "installing wrk"
        apt-get update -qq >&2 && apt-get install -y -qq wrk >&2
    fi
}

# Starts a server in the background; once GET $probe answers 200 sets SERVER_PID (what was started),
# SERVED_PID (the process listening: dotnet run starts the app as a child) and STARTED_MS (start to first 200).
start_server() {
    local url=$1 probe=$2 port=${1##*:}
    shift 2
    local started
    started=$(now_ms)
    env Logging__LogLevel__Default=Warning taskset -c "$SERVER_CPUS" "$@" >"$work/server-$started.log" 2>&1 &
    local pid=$!
    servers+=("$pid")
    for _ in $(seq 1 3000); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url$probe" || true) == 200 ]]; then
            STARTED_MS=$(($(now_ms) - started))
            SERVER_PID=$pid
            SERVED_PID=$(serving_pid "$port")
            servers+=("$SERVED_PID")
            return
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "server exited before answering: $*"
            return 1
        fi
        sleep 0.01
    done
    log "server did not answer within 30 s: $*"
    return 1
}

stop_server() {
    kill "$SERVED_PID" "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    while kill -0 "$SERVED_PID" 2>/dev/null; do sleep 0.05; done
}

# The process actually serving a port (dotnet run starts the app as a child process).
serving_pid() {
    ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

json_field() { sed -n "s/.*\"$1\" *: *\"\([^\"]*\)\".*/\1/p" | head -1; }

post() {
    curl -sf -X POST "$1" -H "Authorization: bearer $TOKEN" -H 'Content-Type: application/json' -d "$2"
}

