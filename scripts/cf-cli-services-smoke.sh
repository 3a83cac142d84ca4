#!/usr/bin/env bash
# Drives the real cf CLI (v8) through the service commands against a running fake: marketplace, managed instances
# of the built-in broker (sync and async plans), user-provided instances, bindings, keys, route services and sharing.
# Then registers an OSBAPI broker over HTTP (default: the sample broker the fake serves at API_URL/_fake/broker) and
# runs instances, bindings, keys and a route service of it through the broker.
# usage: scripts/cf-cli-services-smoke.sh [API_URL] [BROKER_URL]
#   CF=/path/to/cf chooses the binary (default: cf on PATH). Start the fake first: dotnet run --project src/Fake
set -euo pipefail
api=${1:-http://localhost:8080}
broker_url=${2:-$api/_fake/broker}
cf=${CF:-cf}
export CF_HOME=$(mktemp -d)
trap 'rm -rf "$CF_HOME"' EXIT
suffix=$RANDOM
org=svc-org-$suffix
space=svc-space-$suffix
other=svc-other-$suffix

step() { printf '\n$ cf %s\n' "$*"; "$cf" "$@"; }

step login -a "$api" -u admin -p admin --skip-ssl-validation -o system
step create-org "$org"
step create-space "$space" -o "$org"
step create-space "$other" -o "$org"
step target -o "$org" -s "$space"
step service-brokers
step enable-service-access fake-database
step enable-service-access fake-cache
step marketplace
step marketplace -e fake-database
step create-service fake-database small db -c '{"size":"1GB"}' -t "sql,primary"
step service db
step create-service fake-cache standard cache
step service cache
step update-service db -p large
step update-service db -c '{"size":"2GB"}'
step services
step create-user-provided-service ups -p '{"user":"u","password":"p"}'
step create-user-provided-service logging -l syslog://logs.example.com:514
step create-user-provided-service rs -r https://route-service.example.com
step push web --docker-image busybox --no-start --no-route
step bind-service web db -c '{"role":"reader"}'
step bind-service web ups
step env web
step unbind-service web ups
step create-service-key db ci-key -c '{"ttl":60}'
step service-keys db
step service-key db ci-key
step delete-service-key db ci-key -f
step create-route apps.example.org --hostname svc-$suffix
step bind-route-service apps.example.org rs --hostname svc-$suffix
step routes
step unbind-route-service apps.example.org rs --hostname svc-$suffix -f
step enable-feature-flag service_instance_sharing
step share-service db -s "$other"
step service db
step unshare-service db -s "$other" -f
step rename-service ups ups-renamed
step unbind-service web db
step delete-service cache -f
step delete-service db -f
step delete-service ups-renamed -f
step create-service-broker "smoke-broker-$suffix" broker broker "$broker_url"
step service-brokers
step enable-service-access sample-db -b "smoke-broker-$suffix"
step enable-service-access sample-route-service -b "smoke-broker-$suffix"
step marketplace -e sample-db
step create-service sample-db basic ext -c '{"size":"small"}'
step create-service sample-db async ext-async
step service ext-async
step services
step update-service ext -c '{"size":"large"}'
step bind-service web ext
step create-service sample-route-service standard ext-proxy
step bind-route-service apps.example.org ext-proxy --hostname svc-$suffix
step routes
step unbind-route-service apps.example.org ext-proxy --hostname svc-$suffix -f
step create-service-key ext ext-key
step service-key ext ext-key
step delete-service-key ext ext-key -f
step unbind-service web ext
step delete-service ext -f
step delete-service ext-async -f
step delete-service ext-proxy -f
step purge-service-offering sample-route-service -b "smoke-broker-$suffix" -f
step purge-service-offering sample-db -b "smoke-broker-$suffix" -f
step delete-service-broker "smoke-broker-$suffix" -f
step delete-org "$org" -f
printf '\nAll cf CLI service commands succeeded against %s\n' "$api"
