#!/usr/bin/env bash
# Drives the real cf CLI (v8) through the foundation commands against a running fake.
# usage: scripts/cf-cli-smoke.sh [API_URL]     (CF=/path/to/cf to choose the binary; default: cf on PATH)
# Start the fake first: dotnet run --project src/Fake
set -euo pipefail
api=${1:-http://localhost:8080}
cf=${CF:-cf}
export CF_HOME=$(mktemp -d)
trap 'rm -rf "$CF_HOME"' EXIT
suffix=$RANDOM
org=smoke-org-$suffix
space=smoke-space-$suffix
user=smoke-user-$suffix
domain=smoke-$suffix.example.com

step() { printf '\n$ cf %s\n' "$*"; "$cf" "$@"; }

step api "$api" --skip-ssl-validation
step auth admin admin
step login -a "$api" -u admin -p admin --skip-ssl-validation -o system
step create-org "$org"
step create-space "$space" -o "$org"
step target -o "$org" -s "$space"
step orgs
step spaces
step org "$org"
step space "$space"
step create-user "$user" password
step set-org-role "$user" "$org" OrgManager
step set-space-role "$user" "$org" "$space" SpaceDeveloper
step org-users "$org"
step space-users "$org" "$space"
step create-domain "$org" "$domain"
step domains
step create-route "$domain" --hostname h1
step routes
step delete-route "$domain" --hostname h1 -f
step delete-space "$space" -o "$org" -f
step delete-org "$org" -f
step logout
printf '\nAll cf CLI foundation commands succeeded against %s\n' "$api"
