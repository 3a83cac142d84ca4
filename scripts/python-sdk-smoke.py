#!/usr/bin/env python3
"""Runs the Python SDK (cloudfoundry-client, `pip install cloudfoundry-client`) against a running fake: login,
V3 reads, an app created through V2 and read through both APIs, the V2 organization/space/stack/domain reads the
SDK's README starts from, then the app deleted. Prints one line per call and exits 1 when one fails.

usage: scripts/python-sdk-smoke.py [API_URL]      Start the fake first: dotnet run --project src/Fake
SDK_PATH=/path/to/unpacked/sources puts an SDK that is not installed on the import path."""
import os
import sys

if os.environ.get("SDK_PATH"):
    sys.path.insert(0, os.environ["SDK_PATH"])

from cloudfoundry_client.client import CloudFoundryClient  # noqa: E402

api = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
client = CloudFoundryClient(api, verify=False)
client.init_with_user_credentials("admin", "admin")
failed = []
passed = []


def check(name, call):
    try:
        print("ok  ", name, str(call())[:100])
        passed.append(name)
    except Exception as error:  # noqa: BLE001 - every SDK failure is a finding
        failed.append(name)
        print("FAIL", name, type(error).__name__, str(error)[:300])


org = client.v3.organizations.get_first(names="system")
space = client.v3.spaces.get_first(names="python-sdk-smoke") or client.v3.spaces.create("python-sdk-smoke", org["guid"])
created = client.v2.apps.create(name="python-sdk-app", space_guid=space["guid"], environment_json={"A": "1"})
app = client.v3.apps.get(created["metadata"]["guid"])

check("v3 organizations", lambda: [o["name"] for o in client.v3.organizations])
check("v3 space get", lambda: client.v3.spaces.get(space["guid"])["name"])
check("v3 app get with include", lambda: client.v3.apps.get(app["guid"], include="space.organization")["name"])
check("v3 app env", lambda: client.v3.apps.get_env(app["guid"])["environment_variables"])
check("v3 app space link", lambda: app.space()["name"])
check("v3 app processes", lambda: [p["type"] for p in client.v3.processes.list(app_guids=app["guid"])])
check("v3 app tasks", lambda: list(client.v3.tasks.list(app_guids=[app["guid"]])))
check("v3 app manifest", lambda: client.v3.apps.get_manifest(app["guid"])[:40])
check("v3 app packages", lambda: list(client.v3.apps.list_packages(app["guid"])))
check("v3 app droplets", lambda: list(client.v3.apps.list_droplets(app["guid"])))
check("v3 app revisions", lambda: list(client.v3.apps.list_revisions(app["guid"])))
check("v3 app routes", lambda: list(client.v3.apps.list_routes(app["guid"])))
check("v3 domains", lambda: [d["name"] for d in client.v3.domains])
check("v3 stacks", lambda: [s["name"] for s in client.v3.stacks])
check("v3 buildpacks", lambda: [b["name"] for b in client.v3.buildpacks])
check("v3 feature flags", lambda: [f["name"] for f in client.v3.feature_flags][:3])
check("v3 service offerings", lambda: [s["name"] for s in client.v3.service_offerings])
check("v3 service plans", lambda: [s["name"] for s in client.v3.service_plans])
check("v3 service instances", lambda: list(client.v3.service_instances.list(fields={"space": ["name"]})))
check("v3 security groups", lambda: [s["name"] for s in client.v3.security_groups])
check("v3 isolation segments", lambda: [s["name"] for s in client.v3.isolation_segments])
check("v3 organization quotas", lambda: [s["name"] for s in client.v3.organization_quotas])
check("v3 audit events", lambda: len(list(client.v3.audit_events.list(per_page=5))))
check("v2 apps", lambda: [a["entity"]["name"] for a in client.v2.apps])
check("v2 app update", lambda: client.v2.apps.update(app["guid"], memory=512)["entity"]["memory"])
check("v2 app summary", lambda: client.v2.apps.get_summary(app["guid"])["name"])
check("v2 app env", lambda: client.v2.apps.get_env(app["guid"]))
check("v2 app routes", lambda: list(client.v2.apps.list_routes(app["guid"])))
check("v2 app service bindings", lambda: list(client.v2.apps.list_service_bindings(app["guid"])))
check("v2 app space link", lambda: client.v2.apps.get(app["guid"]).space()["entity"]["name"])
check("v2 organizations", lambda: [o["entity"]["name"] for o in client.v2.organizations])
check("v2 organization by name", lambda: client.v2.organizations.get_first(name="system")["metadata"]["guid"])
check("v2 organization spaces link", lambda: [s["entity"]["name"] for s in client.v2.organizations.get(org["guid"]).spaces()])
check("v2 spaces", lambda: [s["entity"]["name"] for s in client.v2.spaces.list(**{"name": ["python-sdk-smoke", "other"]})])
check("v2 space apps link", lambda: [a["entity"]["name"] for a in client.v2.spaces.get(space["guid"]).apps()])
check("v2 stacks", lambda: [s["entity"]["name"] for s in client.v2.stacks])
check("v2 shared domains", lambda: [d["entity"]["name"] for d in client.v2.shared_domains])
check("v2 app delete", lambda: client.v2.apps.remove(app["guid"]))
check("v3 space delete", lambda: client.v3.spaces.remove(space["guid"]))

print(f"{len(passed)} ok, {len(failed)} failed" + (": " + ", ".join(failed) if failed else ""))
sys.exit(1 if failed else 0)
