#!/usr/bin/env bash
# Packs the NuGet packages: CloudFoundry.Fake (library), CloudFoundry.Fake.Fixtures, and the .NET tools
# CloudFoundry.Fake.Tool (cf-fake) and CloudFoundry.Fake.Conformance (cf-conformance).
# usage: scripts/pack.sh [OUT_DIR]      (default: artifacts/packages)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/packages}
dotnet pack src/Fake -c Release -o "$out"
dotnet pack src/Fixtures -c Release -o "$out"
dotnet pack src/Conformance -c Release -o "$out"
dotnet pack src/Fake -c Release -o "$out" -p:FakeTool=true
ls "$out"
