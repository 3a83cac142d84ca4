#!/usr/bin/env bash
# Sends the requests the tsuru client sends (login, team-create, app-create, app-deploy of an archive, app-info with
# its units, env-set/env-get, app-remove) to a running fake, and checks each answer. Needs curl and python3.
# usage: scripts/tsuru-client-smoke.sh [API_URL]       Start the fake first: dotnet run --project src/Fake
set -euo pipefail
api=${1:-http://localhost:8080}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
suffix=$RANDOM
team=smoke-team-$suffix
app=smoke-app-$suffix
json() { python3 -c "import json,sys; data=json.load(sys.stdin); print($1)"; }
call() { printf '\n> %s %s\n' "$1" "$2" >&2; curl -sS -f -X "$1" -H "Authorization: bearer $token" "${@:3}" "$api$2"; echo; }

printf '> POST /1.0/users/admin@example.com/tokens\n'
token=$(curl -sS -f -X POST -d password=admin "$api/1.0/users/admin@example.com/tokens" | json 'data["token"]')
echo "token: ${token:0:8}..."
call POST /1.0/teams -d "name=$team"
call GET /1.0/teams | json '[t["name"] for t in data]'
call POST /1.0/apps -d "name=$app" -d platform=python -d "teamOwner=$team" -d plan=c0.1m0.1 -d pool=default
mkdir -p "$work/src" && printf 'web: python app.py\n' > "$work/src/Procfile" && printf 'print("hi")\n' > "$work/src/app.py"
tar -czf "$work/app.tar.gz" -C "$work/src" .
call POST "/1.0/apps/$app/deploy" -F origin=app-deploy -F "file=@$work/app.tar.gz" | tee "$work/deploy.log" | tail -3
grep -q '^OK$' "$work/deploy.log"
call GET "/1.0/apps/$app" | json '[(u["ID"], u["Status"]) for u in data["units"]]'
call POST "/1.0/apps/$app/env" -d Envs.0.Name=GREETING -d Envs.0.Value=hello -d noRestart=true | tail -2
call GET "/1.0/apps/$app/env?env=GREETING" | json 'data[0]["value"]' | grep -qx hello
call GET "/1.0/deploys?app=$app" | json '[(d["Origin"], d["Image"]) for d in data]'
call DELETE "/1.0/apps/$app" | tail -2
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: bearer $token" "$api/1.0/apps/$app")" = 404
call DELETE "/1.0/teams/$team"
printf '\nAll tsuru client requests succeeded against %s\n' "$api"
