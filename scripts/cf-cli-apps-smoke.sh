#!/usr/bin/env bash
# Drives the real cf CLI (v8) through the app lifecycle commands against a running fake: push (with and without a
# manifest, --no-start), env, scale, start/stop/restart/restage, instances, tasks, logs, rolling deploys, revisions,
# rollback, droplets and delete.
# usage: scripts/cf-cli-apps-smoke.sh [API_URL]     (CF=/path/to/cf to choose the binary; default: cf on PATH)
# Start the fake first: dotnet run --project src/Fake
set -euo pipefail
api=${1:-http://localhost:8080}
cf=${CF:-cf}
export CF_HOME=$(mktemp -d)
app_dir=$(mktemp -d)
trap 'rm -rf "$CF_HOME" "$app_dir"' EXIT
suffix=$RANDOM
org=apps-org-$suffix
space=apps-space-$suffix
printf 'web: ./start\nworker: ./work\n' > "$app_dir/Procfile"
printf '#!/bin/sh\nexec sleep infinity\n' > "$app_dir/start"
printf '#!/bin/sh\nexec sleep infinity\n' > "$app_dir/work"
printf 'applications:\n- name: manifested-%s\n  instances: 2\n  memory: 256M\n  env:\n    GREETING: hello\n' "$suffix" > "$app_dir/manifest.yml"

step() { printf '\n$ cf %s\n' "$*"; "$cf" "$@"; }

step api "$api" --skip-ssl-validation
step auth admin admin
step create-org "$org"
step create-space "$space" -o "$org"
step target -o "$org" -s "$space"
step push web -p "$app_dir" --no-manifest
step push idle -p "$app_dir" --no-manifest --no-start
step push -f "$app_dir/manifest.yml" -p "$app_dir"
step apps
step app web
step set-env web COLOR blue
step env web
step scale web -i 2 -f
step scale web -m 512M -f
step stop web
step start web
step restart web
step restage web
step restart-app-instance web 1
step run-task web --command "echo hi" --name hello
step tasks web
step terminate-task web 1
step logs web --recent
step push web -p "$app_dir" --no-manifest --strategy rolling
# Hold the next deployment (the fake's admin API) so there is one to cancel, as a slow real rollout would leave it.
curl -fsS -X PUT "$api/_fake/foundations/default/lifecycles/deployment/policy" -H 'Content-Type: application/json' -d '{"mode":"Manual"}' > /dev/null
step push web -p "$app_dir" --no-manifest --strategy rolling --no-wait
step cancel-deployment web
curl -fsS -X PUT "$api/_fake/foundations/default/lifecycles/deployment/policy" -H 'Content-Type: application/json' -d '{"mode":"AfterTime","delaySeconds":3}' > /dev/null
step revisions web
step rollback web --version 1 -f
step droplets web
droplet=$("$cf" droplets web | awk '/staged/ {print $1; exit}')
step set-droplet web "$droplet"
step delete web -r -f
step delete idle -f
step delete-org "$org" -f
